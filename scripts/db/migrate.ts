/**
 * Applies `supabase/migrations/*.sql` in order and records each in the table the Supabase CLI
 * uses (`supabase_migrations.schema_migrations`), so a database migrated here and one deployed
 * with `supabase db push` agree on what is applied.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { ROOT } from '../paths'

export const MIGRATIONS_DIR = path.join(ROOT, 'supabase', 'migrations')
const FILE = /^(\d{14})_([a-z0-9_]+)\.sql$/

export interface MigrationFile {
  version: string
  name: string
  file: string
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql'))
  return files
    .map((file) => {
      const m = FILE.exec(file)
      if (!m) throw new Error(`migration file name must be <14-digit timestamp>_<snake_name>.sql: ${file}`)
      return { version: m[1]!, name: m[2]!, file: path.join(dir, file) }
    })
    .sort((a, b) => a.version.localeCompare(b.version))
}

export async function migrate(
  url: string,
  opts: { dir?: string; log?: (msg: string) => void } = {},
): Promise<{ applied: string[]; version: string | null }> {
  const client = new pg.Client({ connectionString: url, application_name: 'jiuye-migrate' })
  await client.connect()
  const applied: string[] = []
  try {
    // One runner at a time per database (parallel test workers, two `npm start`s).
    await client.query("select pg_advisory_lock(hashtext('jiuye:migrate'))")
    await client.query('create schema if not exists supabase_migrations')
    await client.query(
      'create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text)',
    )
    const { rows } = await client.query<{ version: string }>(
      'select version from supabase_migrations.schema_migrations',
    )
    const done = new Set(rows.map((r) => r.version))
    for (const m of listMigrations(opts.dir)) {
      if (done.has(m.version)) continue
      const sql = readFileSync(m.file, 'utf8')
      try {
        await client.query('begin')
        await client.query(sql)
        await client.query(
          'insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)',
          [m.version, [sql], m.name],
        )
        await client.query('commit')
      } catch (err) {
        await client.query('rollback')
        throw new Error(`migration ${path.basename(m.file)} failed: ${(err as Error).message}`, {
          cause: err,
        })
      }
      applied.push(m.version)
      opts.log?.(`applied ${path.basename(m.file)}`)
    }
    const v = await client.query<{ version: string | null }>(
      'select max(version) as version from supabase_migrations.schema_migrations',
    )
    return { applied, version: v.rows[0]?.version ?? null }
  } finally {
    await client.query("select pg_advisory_unlock(hashtext('jiuye:migrate'))").catch(() => undefined)
    await client.end()
  }
}
