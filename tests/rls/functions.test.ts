/**
 * Functions matrix: every function `authenticated` may execute × every actor × its calls (NULL and
 * empty arguments included), through the real request path (withUserTx: role + request.jwt.claims,
 * as the Data API would call it). Entries live in ./functions/app/ (one file per function, one
 * export line in ./functions/index.ts); see ./README.md. Also the pg_proc guard over every
 * `security definer` function of ours.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { exposedSchemas, NOT_OURS } from '../db/advisors/lints'
import * as functions from './functions'
import { type FunctionMeta, functionMeta, runCall } from './functions/run'
import { type FunctionSpec, worldLabels } from './functions/spec'
import type { Row } from './spec'
import { ACTORS, seedWorld, userIdOf, type World } from './world'

const ENTRIES: readonly FunctionSpec[] = Object.values(functions)

/**
 * Security definer functions of ours that `anon` (or PUBLIC, which includes anon) may execute, with
 * the reason.
 */
const DEFINER_OPEN_TO_ANON: Record<string, string> = {
  // 协议验真: anyone scanning an agreement's QR code; it answers only the printed fields (its entry in ./functions/app)
  'app.verify_agreement(text)': 'the public verification page of an agreement (no login)',
}

let world: World
let labels: Map<string, string>
const seeded = new Map<string, Record<string, Row>>()
const metas = new Map<string, FunctionMeta>()

beforeAll(async () => {
  world = await seedWorld()
  labels = worldLabels(world)
  for (const spec of ENTRIES) {
    seeded.set(
      spec.fn,
      await withServiceTx('functions matrix seed', async (db) => (await spec.seed?.(db, world)) ?? {}),
    )
    const meta = await functionMeta(spec.fn)
    if (meta) metas.set(spec.fn, meta)
  }
}, 60_000)

// a function of ours: not in a platform or extension schema, not created by an extension
const OURS = `not n.nspname = any ($1::text[]) and n.nspname !~ '^pg_'
  and not exists (select 1 from pg_catalog.pg_depend d where d.objid = p.oid and d.deptype = 'e')`
const SIGNATURE = `format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.oidvectortypes(p.proargtypes))`

async function catalog<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return withServiceTx('functions matrix guard', async (db) => (await db.query<T>(sql, params)).rows)
}

describe('functions matrix guard', () => {
  it('every function authenticated may execute has exactly one entry, and every entry names one', async () => {
    // trigger functions are left out: they cannot be called, only fired
    const callable = (
      await catalog<{ fn: string }>(
        `select ${SIGNATURE} as fn from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
         where ${OURS} and p.prokind = 'f' and p.prorettype <> 'pg_catalog.trigger'::regtype
           and pg_catalog.has_function_privilege('authenticated', p.oid, 'EXECUTE')
         order by 1`,
        [NOT_OURS],
      )
    ).map((r) => r.fn)
    const named = await catalog<{ entry: string; fn: string | null }>(
      `select e.entry, ${SIGNATURE} as fn
       from unnest($1::text[]) as e (entry)
       left join pg_catalog.pg_proc p on p.oid = to_regprocedure(e.entry)
       left join pg_catalog.pg_namespace n on n.oid = p.pronamespace`,
      [ENTRIES.map((e) => e.fn)],
    )
    const entries = named.map((r) => r.fn ?? `${r.entry} (no such function)`)
    expect(new Set(entries).size, 'one entry per function').toBe(entries.length)
    expect(
      callable.filter((f) => !entries.includes(f)),
      'functions authenticated may execute without an entry (add tests/rls/functions/app/<fn>.ts + a line in index.ts)',
    ).toEqual([])
    expect(
      entries.filter((f) => !callable.includes(f)),
      'entries naming a function that is gone or that authenticated may not execute',
    ).toEqual([])
  })

  it('every entry states every actor, with known calls only, and tries every call', () => {
    const problems: string[] = []
    for (const spec of ENTRIES) {
      const used = new Set<string>()
      for (const actor of ACTORS) {
        const cases = spec.cases[actor]
        if (!cases || Object.keys(cases).length === 0) problems.push(`${spec.fn} ${actor}: no case`)
        for (const label of Object.keys(cases ?? {})) {
          if (!(label in spec.calls)) problems.push(`${spec.fn} ${actor}: unknown call "${label}"`)
          used.add(label)
        }
      }
      for (const c of Object.keys(spec.calls)) {
        if (!used.has(c)) problems.push(`${spec.fn}: call "${c}" is never tried`)
      }
    }
    expect(problems, 'functions matrix entries with missing or unknown cases').toEqual([])
  })

  it('every parameter is tried NULL, and every text parameter empty, by some call', () => {
    const problems: string[] = []
    for (const spec of ENTRIES) {
      const meta = metas.get(spec.fn)
      if (!meta) continue // the first guard names it
      const ctx = {
        w: world,
        rows: seeded.get(spec.fn)!,
        me: userIdOf(world, 'student'),
        actor: 'student' as const,
      }
      const tried = Object.values(spec.calls).map((c) => c.args(ctx))
      meta.argTypes.forEach((type, i) => {
        if (!tried.some((a) => i < a.length && a[i] === null))
          problems.push(`${spec.fn}: parameter ${i + 1} never NULL`)
        const empty =
          type === 'text' || type === 'character varying'
            ? (v: unknown) => v === ''
            : type === 'text[]'
              ? (v: unknown) => Array.isArray(v) && (v.length === 0 || v.includes(''))
              : null
        if (empty && !tried.some((a) => empty(a[i])))
          problems.push(`${spec.fn}: ${type} parameter ${i + 1} never empty`)
      })
    }
    expect(problems, 'functions matrix entries missing NULL / empty arguments').toEqual([])
  })
})

describe('pg_proc guard: security definer functions', () => {
  const definers = () =>
    catalog<{ fn: string; schema: string; search_path_empty: boolean; anon: boolean; public: boolean }>(
      `select ${SIGNATURE} as fn, n.nspname as schema,
              coalesce(p.proconfig, '{}') && array['search_path=""'] as search_path_empty,
              pg_catalog.has_function_privilege('anon', p.oid, 'EXECUTE') as anon,
              exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                      where a.grantee = 0 and a.privilege_type = 'EXECUTE') as public
       from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
       where ${OURS} and p.prosecdef
       order by 1`,
      [NOT_OURS],
    )

  it('there are some (the guard is not vacuous)', async () => {
    expect((await definers()).length).toBeGreaterThan(0)
  })

  it("every one sets search_path = ''", async () => {
    const bad = (await definers()).filter((d) => !d.search_path_empty).map((d) => d.fn)
    expect(bad, "security definer functions without set search_path = ''").toEqual([])
  })

  it('none lives in a schema the Data API exposes', async () => {
    const exposed = exposedSchemas()
    const bad = (await definers()).filter((d) => exposed.includes(d.schema)).map((d) => d.fn)
    expect(bad, `security definer functions in ${exposed.join(', ')} (move them to app)`).toEqual([])
  })

  it('none is executable by anon or PUBLIC unless listed with its reason', async () => {
    const all = await definers()
    const open = all.filter((d) => d.anon || d.public).map((d) => `${d.fn}${d.public ? ' (PUBLIC)' : ''}`)
    expect(
      open.filter((f) => !(f.replace(' (PUBLIC)', '') in DEFINER_OPEN_TO_ANON)),
      'security definer functions anon/PUBLIC may execute (revoke all … from public, anon)',
    ).toEqual([])
    const fns = all.map((d) => d.fn)
    expect(
      Object.keys(DEFINER_OPEN_TO_ANON).filter((f) => !fns.includes(f)),
      'stale allow-list entries',
    ).toEqual([])
  })
})

for (const spec of ENTRIES) {
  describe(spec.fn, () => {
    for (const actor of ACTORS) {
      for (const [label, expected] of Object.entries(spec.cases[actor])) {
        it(`${spec.fn} · ${actor} → ${label} = ${expected}`, async () => {
          const meta = metas.get(spec.fn)
          if (!meta) throw new Error(`${spec.fn}: no such function`)
          const got = await runCall(spec, meta, label, actor, world, seeded.get(spec.fn)!, labels)
          expect(got.outcome, `${spec.fn} as ${actor}: ${label} [${got.detail}]`).toBe(expected)
        })
      }
    }
  })
}
