import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { dropDatabase, ensureDatabase } from '../../scripts/db/embedded'
import { listMigrations, migrate } from '../../scripts/db/migrate'

const adminUrl = new URL(process.env.DATABASE_URL!)

function urlFor(db: string, user?: { name: string; password: string }): string {
  const u = new URL(adminUrl.toString())
  u.pathname = `/${db}`
  if (user) {
    u.username = user.name
    u.password = user.password
  }
  return u.toString()
}

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
    const tag = randomBytes(4).toString('hex')
    const db = `jiuye_hosted_${tag}`
    const user = { name: `hosted_postgres_${tag}`, password: randomBytes(12).toString('hex') }
    const owner = `hosted_admin_${tag}`
    const superUrl = urlFor('postgres')

    afterAll(async () => {
      await dropDatabase(superUrl, db)
      await withClient(superUrl, async (c) => {
        await c.query(`drop role if exists ${user.name}`)
        await c.query(`drop role if exists ${owner}`)
      })
    })

    it('applies every migration without superuser rights and without touching auth', async () => {
      await ensureDatabase(superUrl, db)
      await withClient(superUrl, async (c) => {
        await c.query(`create role ${owner} nologin`)
        // Supabase's `postgres`: not superuser, may create roles and databases, member of the API roles
        await c.query(
          `create role ${user.name} login password '${user.password}' createrole createdb bypassrls`,
        )
        await c.query(`grant anon, authenticated, service_role to ${user.name}`)
        await c.query(`grant all on database ${db} to ${user.name}`)
      })
      await withClient(urlFor(db), async (c) => {
        // what the platform owns before any migration runs
        await c.query(`create schema auth authorization ${owner}`)
        await c.query(`grant usage on schema auth to anon, authenticated, service_role, ${user.name}`)
        await c.query(
          `create function auth.uid() returns uuid language sql stable as $$ select (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid $$`,
        )
        await c.query(
          `create function auth.jwt() returns jsonb language sql stable as $$ select nullif(current_setting('request.jwt.claims', true), '')::jsonb $$`,
        )
        await c.query(
          `create function auth.role() returns text language sql stable as $$ select nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role' $$`,
        )
        await c.query(`alter function auth.uid() owner to ${owner}`)
        await c.query(`alter function auth.jwt() owner to ${owner}`)
        await c.query(`alter function auth.role() owner to ${owner}`)
        await c.query(`create schema extensions authorization ${owner}`)
        await c.query('create extension pgcrypto with schema extensions')
        await c.query(`grant usage on schema extensions to anon, authenticated, service_role, ${user.name}`)
        await c.query(`grant all on schema public to ${user.name}`)
        await c.query(`revoke create on schema public from public`)
      })
      const r = await migrate(urlFor(db, user))
      expect(r.applied).toEqual(listMigrations().map((m) => m.version))
      const again = await migrate(urlFor(db, user))
      expect(again.applied).toEqual([])
      // auth was left as the platform made it
      const owners = await withClient(
        urlFor(db),
        async (c) =>
          (
            await c.query<{ proname: string; owner: string }>(
              `select p.proname, pg_get_userbyid(p.proowner) as owner from pg_proc p
             join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'auth' order by 1`,
            )
          ).rows,
      )
      expect(owners).toEqual([
        { proname: 'jwt', owner },
        { proname: 'role', owner },
        { proname: 'uid', owner },
      ])
    })
  })
})
