/**
 * RLS matrix: every public table × every actor × select/insert/update/delete, through the real
 * request path (withUserTx: role + request.jwt.claims). Entries live in ./tables/ (one file per
 * table, one export line in ./tables/index.ts); see ./README.md. The guard tests below fail when a
 * table has no entry, an entry names no table, or RLS is off.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx, withUserTx } from '../../api/_lib/db/tx'
import { makeUser } from '../support/fixtures'
import { runCase, runSecretColumn } from './run'
import { OPS, type Row, type TableSpec } from './spec'
import * as tables from './tables'
import { ACTORS, seedWorld, type World } from './world'

const TABLES: readonly TableSpec[] = Object.values(tables)

let world: World
const seeded = new Map<string, Record<string, Row>>()

beforeAll(async () => {
  world = await seedWorld()
  for (const spec of TABLES) {
    seeded.set(spec.table, await withServiceTx('rls matrix seed', async (db) => spec.seed(db, world)))
  }
}, 60_000)

function rowsOf(table: string): Record<string, Row> {
  const rows = seeded.get(table)
  if (!rows) throw new Error(`${table}: not seeded`)
  return rows
}

describe('RLS matrix guard', () => {
  it('every public table has exactly one entry, and every entry names a public table', async () => {
    const actual = await withServiceTx('rls matrix guard', async (db) => {
      const { rows } = await db.query<{ tablename: string }>(
        "select tablename from pg_tables where schemaname = 'public' order by tablename",
      )
      return rows.map((r) => r.tablename)
    })
    const names = TABLES.map((t) => t.table)
    expect(new Set(names).size, 'one entry per table').toBe(names.length)
    expect(
      actual.filter((t) => !names.includes(t)),
      'public tables without an RLS matrix entry (add tests/rls/tables/<table>.ts + a line in index.ts)',
    ).toEqual([])
    expect(
      names.filter((t) => !actual.includes(t)),
      'RLS matrix entries naming a table that does not exist',
    ).toEqual([])
  })

  it('row-level security is enabled on every public table', async () => {
    const off = await withServiceTx('rls matrix guard', async (db) => {
      const { rows } = await db.query<{ relname: string }>(
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity order by 1`,
      )
      return rows.map((r) => r.relname)
    })
    expect(off, 'public tables with row-level security disabled').toEqual([])
  })

  it('no public view or materialized view reads tables with its owner’s rights', async () => {
    const views = await withServiceTx('rls matrix guard', async (db) => {
      const { rows } = await db.query<{ relname: string }>(
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and (c.relkind = 'm' or (c.relkind = 'v'
           and not coalesce('security_invoker=true' = any (c.reloptions), false))
         ) order by 1`,
      )
      return rows.map((r) => r.relname)
    })
    expect(views, 'public views must be created with (security_invoker = true)').toEqual([])
  })

  it('every entry states every operation for every actor, with known labels only', () => {
    const problems: string[] = []
    for (const spec of TABLES) {
      const rows = rowsOf(spec.table)
      const used = new Set<string>()
      for (const op of OPS) {
        for (const actor of ACTORS) {
          const cases = spec.cases[op][actor]
          if (!cases || Object.keys(cases).length === 0)
            problems.push(`${spec.table} ${op} ${actor}: no case`)
          for (const label of Object.keys(cases ?? {})) {
            const known =
              op === 'insert'
                ? label in spec.inserts
                : op === 'update'
                  ? label in spec.updates
                  : label in rows
            if (!known) problems.push(`${spec.table} ${op} ${actor}: unknown label "${label}"`)
            used.add(`${op}:${label}`)
          }
        }
      }
      for (const v of Object.keys(spec.inserts)) {
        if (!used.has(`insert:${v}`)) problems.push(`${spec.table}: insert variant "${v}" is never tried`)
      }
      for (const v of Object.keys(spec.updates)) {
        if (!used.has(`update:${v}`)) problems.push(`${spec.table}: update variant "${v}" is never tried`)
      }
    }
    expect(problems, 'RLS matrix entries with missing or unknown cases').toEqual([])
  })

  it('every seeded row exists (so "hidden" and "noop" are not vacuous)', async () => {
    const missing: string[] = []
    await withServiceTx('rls matrix guard', async (db) => {
      for (const spec of TABLES) {
        const key = spec.key ?? ['id']
        for (const [label, row] of Object.entries(rowsOf(spec.table))) {
          const { rows } = await db.query(
            `select 1 from public."${spec.table}" where ${key.map((k, i) => `"${k}" = $${i + 1}`).join(' and ')}`,
            key.map((k) => row[k]),
          )
          if (rows.length !== 1) missing.push(`${spec.table}.${label}`)
        }
      }
    })
    expect(missing, 'seeded rows the service role cannot find').toEqual([])
  })

  it('secret and credential-like columns are not selectable by anon or authenticated', async () => {
    const readable = await withServiceTx('rls matrix guard', async (db) => {
      const declared = TABLES.flatMap((t) => (t.secretColumns ?? []).map((c) => `${t.table}.${c}`))
      const { rows } = await db.query<{ col: string; grantee: string }>(
        `select c.table_name || '.' || c.column_name as col, r.grantee
         from information_schema.columns c
         cross join (values ('anon'), ('authenticated')) as r (grantee)
         where c.table_schema = 'public'
           and (c.table_name || '.' || c.column_name = any ($1)
                or c.column_name ~* '(hash|cipher|secret|password|token)')
           and has_column_privilege(r.grantee, format('public.%I', c.table_name), c.column_name, 'SELECT')
         order by 1, 2`,
        [declared],
      )
      return rows.map((r) => `${r.col} → ${r.grantee}`)
    })
    expect(readable, 'secret columns selectable by a user role (column → role)').toEqual([])
  })
})

describe('scope comes from the database, not from the token’s claims', () => {
  it('a student whose token claims platform_admin and school B still sees only their own roster record', async () => {
    const claims = { ...world.users.student.claims, app_role: 'platform_admin', school_id: world.schools.b }
    const ids = await withUserTx(claims, async (db) => {
      const { rows } = await db.query<{ id: string }>('select id from public.roster_entries')
      return rows.map((r) => r.id)
    })
    expect(ids).toEqual([world.roster.a1])
  })

  it('an employer whose token names another company (stale or forged) does not see that company', async () => {
    // e.g. a member moved from company B to company A keeps a token naming B for up to 15 minutes;
    // both companies are unverified, so only membership (in app_users) may reveal them
    const claims = { ...world.users.employer.claims, company_id: world.companies.b }
    const label = (id: string) => (id === world.companies.a ? 'own company A' : 'other company B')
    const seen = await withUserTx(claims, async (db) => {
      const { rows } = await db.query<{ id: string }>('select id from public.companies where id = any ($1)', [
        [world.companies.a, world.companies.b],
      ])
      return rows.map((r) => label(r.id))
    })
    expect(seen, 'companies select as employer (of A) whose token claims company_id = B').toEqual([
      'own company A',
    ])
  })

  it('a disabled staff member’s still-valid token reads no roster record and no student', async () => {
    const staff = await makeUser({ role: 'school_staff', schoolId: world.schools.a })
    await withServiceTx('rls matrix: disable staff', (db) =>
      db.query('update public.app_users set disabled_at = now() where id = $1', [staff.id]),
    )
    const seen = await withUserTx(staff.claims, async (db) => ({
      roster: (await db.query('select id from public.roster_entries')).rows.length,
      students: (await db.query("select id from public.app_users where role = 'student'")).rows.length,
    }))
    expect(seen).toEqual({ roster: 0, students: 0 })
  })
})

for (const spec of TABLES) {
  describe(spec.table, () => {
    for (const op of OPS) {
      for (const actor of ACTORS) {
        for (const [label, expected] of Object.entries(spec.cases[op][actor])) {
          it(`${spec.table} · ${op} · ${actor} → ${label} = ${expected}`, async () => {
            const got = await runCase(spec, op, actor, label, world, rowsOf(spec.table))
            expect(got.outcome, `${spec.table} ${op} as ${actor} on ${label} [${got.detail}]`).toBe(expected)
          })
        }
      }
    }
    for (const column of spec.secretColumns ?? []) {
      for (const actor of ACTORS) {
        it(`${spec.table} · select ${column} · ${actor} = denied`, async () => {
          const got = await runSecretColumn(spec, column, actor, world)
          expect(got.outcome, `${spec.table} select ${column} as ${actor} [${got.detail}]`).toBe('denied')
        })
      }
    }
  })
}
