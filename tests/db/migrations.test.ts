import { readFileSync } from 'node:fs'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { listMigrations, migrate } from '../../scripts/db/migrate'
import { type HostedLikeDb, makeHostedLikeDb } from '../support/hosted-like-db'

const adminUrl = new URL(process.env.DATABASE_URL!)

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

describe('migrations', () => {
  it('record each file once: a second run applies nothing', async () => {
    const r = await migrate(process.env.DATABASE_URL!)
    expect(r.applied).toEqual([])
    expect(r.version).toBe(listMigrations().at(-1)!.version)
  })

  it('every file is idempotent: running its SQL again on a migrated database succeeds', async () => {
    await withClient(process.env.DATABASE_URL!, async (c) => {
      for (const m of listMigrations()) {
        await c.query(readFileSync(m.file, 'utf8'))
      }
    })
  })

  it('every table in public has row-level security enabled', async () => {
    const rows = await withClient(process.env.DATABASE_URL!, async (c) => {
      const r = await c.query<{ relname: string }>(
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity`,
      )
      return r.rows
    })
    expect(rows).toEqual([])
  })

  describe('on a hosted-Supabase-like server: run by a non-superuser with auth owned by someone else', () => {
    let hosted: HostedLikeDb | undefined

    afterAll(async () => {
      await hosted?.drop()
    })

    it('applies every migration without superuser rights and without touching auth', async () => {
      hosted = await makeHostedLikeDb(adminUrl.toString())
      expect(hosted.applied).toEqual(listMigrations().map((m) => m.version))
      const again = await migrate(hosted.migratorUrl)
      expect(again.applied).toEqual([])
      // auth was left as the platform made it
      const owners = await withClient(
        hosted.url,
        async (c) =>
          (
            await c.query<{ proname: string; owner: string }>(
              `select p.proname, pg_get_userbyid(p.proowner) as owner from pg_proc p
             join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'auth' order by 1`,
            )
          ).rows,
      )
      const owner = hosted.platformOwner
      expect(owners).toEqual([
        { proname: 'jwt', owner },
        { proname: 'role', owner },
        { proname: 'uid', owner },
      ])
    })
  })
})
