/**
 * Once per test run: a real PostgreSQL (embedded, or DATABASE_URL's server), and a template
 * database with every migration applied, which each test file clones into a database of its own.
 */
import type { TestProject } from 'vitest/node'
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from '../../scripts/db/embedded'
import { migrate } from '../../scripts/db/migrate'

declare module 'vitest' {
  export interface ProvidedContext {
    pg: { adminUrl: string; template: string }
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL
  const server = external ? null : await startEmbeddedPostgres()
  const adminUrl = external ?? server!.adminUrl
  const template = `jiuye_test_tpl_${process.pid}`
  await dropDatabase(adminUrl, template)
  await ensureDatabase(adminUrl, template)
  await migrate(withDatabase(adminUrl, template))
  project.provide('pg', { adminUrl, template })
  return async () => {
    await dropDatabase(adminUrl, template)
    await server?.stop()
  }
}
