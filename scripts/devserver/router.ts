/**
 * Maps URL paths to files under api/ the way Vercel does: one file per route, `index.ts` serves
 * its folder, `[param]` and `[...rest]` segments fill `req.query`, and nothing whose path has a
 * segment starting with `_` or `.` is a route.
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

export interface ApiRoute {
  file: string
  pattern: string
  segments: Array<{ kind: 'static'; value: string } | { kind: 'param' | 'rest'; name: string }>
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('_') || name.startsWith('.')) continue
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) walk(full, out)
    else if (/\.(ts|js)$/.test(name) && !/\.(test|spec|d)\.ts$/.test(name)) out.push(full)
  }
  return out
}

function toRoute(apiDir: string, file: string): ApiRoute {
  const rel = path
    .relative(apiDir, file)
    .replace(/\.(ts|js)$/, '')
    .split(path.sep)
  if (rel[rel.length - 1] === 'index') rel.pop()
  const segments = ['api', ...rel].map((s) => {
    const rest = /^\[\.\.\.(\w+)\]$/.exec(s)
    if (rest) return { kind: 'rest' as const, name: rest[1]! }
    const param = /^\[(\w+)\]$/.exec(s)
    if (param) return { kind: 'param' as const, name: param[1]! }
    return { kind: 'static' as const, value: s }
  })
  return { file, pattern: `/${['api', ...rel].join('/')}`, segments }
}

/** Static segments outrank parameters, which outrank catch-alls, as on Vercel. */
function rank(r: ApiRoute): string {
  return r.segments.map((s) => (s.kind === 'static' ? '0' : s.kind === 'param' ? '1' : '2')).join('')
}

export function buildRoutes(apiDir: string): ApiRoute[] {
  return walk(apiDir)
    .map((f) => toRoute(apiDir, f))
    .sort((a, b) => rank(a).localeCompare(rank(b)) || b.segments.length - a.segments.length)
}

/**
 * The path's segments, percent-decoded; null when the encoding is malformed (`/api/%`,
 * `/api/%E0%A4%A`), which is the client's fault and answered 400, not a thrown URIError.
 */
export function decodePath(pathname: string): string[] | null {
  try {
    return pathname.replace(/\/+$/, '').split('/').filter(Boolean).map(decodeURIComponent)
  } catch {
    return null
  }
}

export function matchRoute(
  routes: ApiRoute[],
  pathname: string,
): { route: ApiRoute; params: Record<string, string | string[]> } | null {
  const parts = decodePath(pathname)
  if (!parts) return null
  for (const route of routes) {
    const params: Record<string, string | string[]> = {}
    let ok = true
    let i = 0
    for (const seg of route.segments) {
      if (seg.kind === 'rest') {
        if (i >= parts.length) ok = false
        else params[seg.name] = parts.slice(i)
        i = parts.length
        break
      }
      const part = parts[i++]
      if (part === undefined) {
        ok = false
        break
      }
      if (seg.kind === 'static' && seg.value !== part) {
        ok = false
        break
      }
      if (seg.kind === 'param') params[seg.name] = part
    }
    if (ok && i === parts.length) return { route, params }
  }
  return null
}
