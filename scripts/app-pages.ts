/**
 * Every page of the mini-program as WeChat knows it ('packages/career/pages/index/index', no
 * leading slash), read from src/app.config.ts: what the fake WeChat must publish so that the
 * subscribe messages' pages pass its 41030 check as they would on the real account.
 */
import path from 'node:path'
import { ROOT } from './paths'

interface AppConfig {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
}

export async function appPages(): Promise<string[]> {
  const g = globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig }
  g.defineAppConfig ??= (c) => c
  const mod = (await import(path.join(ROOT, 'src', 'app.config.ts'))) as { default: AppConfig }
  const config = mod.default
  return [
    ...config.pages,
    ...(config.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
  ]
}
