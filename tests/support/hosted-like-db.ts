/**
 * A database set up the way a hosted Supabase project is before our first migration (the platform
 * owns `auth` and `extensions`; `postgres` is not a superuser, may create roles, bypasses RLS and
 * is a member of the API roles), then migrated as that non-superuser. Used by the migrations test
 * (it must apply there at all) and by the advisor lints (which must find nothing there).
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { dropDatabase, ensureDatabase } from '../../scripts/db/embedded'
import { migrate } from '../../scripts/db/migrate'

export interface HostedLikeDb {
  /** connection string to the migrated database, as the server's superuser (to read the catalog) */
  url: string
  /** the same database as the non-superuser that ran the migrations */
  migratorUrl: string
  /** the role that owns `auth` and `extensions`, as the platform does */
  platformOwner: string
  /** what the first migration run applied */
  applied: string[]
  drop: () => Promise<void>
}

function urlFor(base: string, db: string, user?: { name: string; password: string }): string {
  const u = new URL(base)
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

/** `adminUrl`: a superuser connection string to the test server (any database). */
export async function makeHostedLikeDb(adminUrl: string): Promise<HostedLikeDb> {
  const tag = randomBytes(4).toString('hex')
  const db = `jiuye_hosted_${tag}`
  const user = { name: `hosted_postgres_${tag}`, password: randomBytes(12).toString('hex') }
  const owner = `hosted_admin_${tag}`
  const superUrl = urlFor(adminUrl, 'postgres')
  const drop = async () => {
    await dropDatabase(superUrl, db)
    await withClient(superUrl, async (c) => {
      await c.query(`drop role if exists ${user.name}`)
      await c.query(`drop role if exists ${owner}`)
    })
  }
  try {
    await ensureDatabase(superUrl, db)
    await withClient(superUrl, async (c) => {
      await c.query(`create role ${owner} nologin`)
      await c.query(
        `create role ${user.name} login password '${user.password}' createrole createdb bypassrls`,
      )
      await c.query(`grant anon, authenticated, service_role to ${user.name}`)
      await c.query(`grant all on database ${db} to ${user.name}`)
    })
    await withClient(urlFor(adminUrl, db), async (c) => {
      await c.query(`create schema auth authorization ${owner}`)
      await c.query(`grant usage on schema auth to anon, authenticated, service_role, ${user.name}`)
      for (const [fn, type, expr] of [
        ['uid', 'uuid', "(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid"],
        ['jwt', 'jsonb', "nullif(current_setting('request.jwt.claims', true), '')::jsonb"],
        ['role', 'text', "nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'"],
      ]) {
        await c.query(
          `create function auth.${fn}() returns ${type} language sql stable as $$ select ${expr} $$`,
        )
        await c.query(`alter function auth.${fn}() owner to ${owner}`)
      }
      await c.query(`create schema extensions authorization ${owner}`)
      await c.query('create extension pgcrypto with schema extensions')
      await c.query(`grant usage on schema extensions to anon, authenticated, service_role, ${user.name}`)
      await c.query(`grant all on schema public to ${user.name}`)
      await c.query('revoke create on schema public from public')
    })
    const { applied } = await migrate(urlFor(adminUrl, db, user))
    return {
      url: urlFor(adminUrl, db),
      migratorUrl: urlFor(adminUrl, db, user),
      platformOwner: owner,
      applied,
      drop,
    }
  } catch (err) {
    await drop().catch(() => undefined)
    throw err
  }
}
