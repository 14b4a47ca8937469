import type { HealthResponse } from '../../../src/contracts/health'
import { getPool } from '../db/pool'
import { log } from '../log/logger'

const VERSION = process.env.VERCEL_GIT_COMMIT_SHA?.slice(0, 7) ?? process.env.npm_package_version ?? 'dev'

/**
 * Reachability and the applied migration version. Reads the Supabase CLI's migration table as the
 * connecting (owner) role: a system read with no user data in it.
 */
export async function checkHealth(): Promise<HealthResponse> {
  const started = performance.now()
  try {
    const { rows } = await getPool().query<{ version: string | null }>(
      `select case when to_regclass('supabase_migrations.schema_migrations') is null then null
              else (select max(version) from supabase_migrations.schema_migrations) end as version`,
    )
    return {
      status: 'ok',
      db: {
        reachable: true,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
        migrationVersion: rows[0]?.version ?? null,
      },
      time: new Date().toISOString(),
      version: VERSION,
    }
  } catch (err) {
    log.error('health: database unreachable', { err })
    return {
      status: 'degraded',
      db: { reachable: false, latencyMs: null, migrationVersion: null },
      time: new Date().toISOString(),
      version: VERSION,
    }
  }
}
