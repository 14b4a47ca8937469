/**
 * Once per test run: a real PostgreSQL (embedded, or DATABASE_URL's server), and a template
 * database with every migration applied, which each test file clones into a database of its own.
 *
 * A failure here is printed with its cause and a hint, and fails the run: vitest itself reports a
 * failed global set-up as "No test files found" and exits 0.
 */
import type { TestProject } from 'vitest/node'
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from '../../scripts/db/embedded'
import { migrate } from '../../scripts/db/migrate'
import { explainFailure } from '../../scripts/failure'

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
  try {
    const external = process.env.DATABASE_URL
    const server = external ? null : await startEmbeddedPostgres()
    const adminUrl = external ?? server!.adminUrl
    const template = `jiuye_test_tpl_${process.pid}`
    try {
      await dropDatabase(adminUrl, template)
      await ensureDatabase(adminUrl, template)
      await migrate(withDatabase(adminUrl, template))
    } catch (err) {
      await server?.stop()
      throw err
    }
    project.provide('pg', { adminUrl, template })
    return async () => {
      await dropDatabase(adminUrl, template)
      await server?.stop()
    }
  } catch (err) {
    process.stderr.write(`\n${explainFailure('测试准备失败（数据库）', err)}\n`)
    process.exitCode = 1
    throw err
  }
}
