/**
 * Supabase's database advisors (the `splinter` lints) that apply to this project, re-implemented
 * as SQL over the catalog so a test can run them on every migrated database. Each lint keeps
 * splinter's name, number and level; its query returns the offending objects (`object`, `detail`).
 * Where a rule is made stricter than splinter's (so it cannot be satisfied by accident) the
 * comment says how. `app_helper_initplan` is ours (DESIGN: helper calls are initplans), not splinter's.
 *
 * Schemas that are not ours (platform and extension schemas) are skipped as splinter skips them; the
 * schemas the Data API exposes come from supabase/config.toml ([api] schemas).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type pg from 'pg'
import { ROOT } from '../../../scripts/paths'

export type Level = 'ERROR' | 'WARN' | 'INFO'

export interface Lint {
  /** splinter's name (the advisor's `name` column) */
  name: string
  /** splinter's number, e.g. '0006'; 'jiuye' for a rule of our own */
  code: string
  level: Level
  /** returns one row per offending object: object text, detail text */
  sql: string
}

export interface Finding {
  lint: string
  level: Level
  object: string
  detail: string
}

/** Schemas the platform or extensions own; splinter leaves them out of every lint. */
export const NOT_OURS = [
  '_timescaledb_cache',
  '_timescaledb_catalog',
  '_timescaledb_config',
  '_timescaledb_internal',
  'auth',
  'cron',
  'extensions',
  'graphql',
  'graphql_public',
  'information_schema',
  'net',
  'pgbouncer',
  'pg_catalog',
  'pg_toast',
  'pgmq',
  'pgroonga',
  'pgsodium',
  'pgsodium_masks',
  'pgtle',
  'realtime',
  'repack',
  'storage',
  'supabase_functions',
  'supabase_migrations',
  'tiger',
  'topology',
  'vault',
] as const

/** The schemas the Data API (PostgREST) serves, as the project declares them. */
export function exposedSchemas(): string[] {
  const toml = readFileSync(path.join(ROOT, 'supabase', 'config.toml'), 'utf8')
  const api = /^\[api\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(toml)?.[1] ?? ''
  const list = /^\s*schemas\s*=\s*\[([^\]]*)\]/m.exec(api)?.[1]
  if (list === undefined) throw new Error('supabase/config.toml: [api] schemas not found')
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!)
}

const sqlArray = (items: readonly string[]) =>
  `array[${items.map((i) => `'${i.replace(/'/g, "''")}'`).join(', ')}]::text[]`
const NOT_OURS_SQL = sqlArray(NOT_OURS)
const EXPOSED_SQL = sqlArray(exposedSchemas())
// a relation / function / policy of ours: not in a platform schema, not a temporary schema (and,
// with notFromExtension, not created by an extension)
const ourNamespace = (n: string) =>
  `(not ${n}.nspname = any (${NOT_OURS_SQL}) and ${n}.nspname !~ '^pg_temp_|^pg_toast_temp_')`
const notFromExtension = (oid: string) =>
  `not exists (select 1 from pg_catalog.pg_depend d where d.objid = ${oid} and d.deptype = 'e')`

// A bare call of one of these in a policy runs once per row; `(select f())` runs once per statement.
const AUTH_CALL = String.raw`auth\.(uid|jwt|role|email)\(\)|current_setting\(`
const WRAPPED_AUTH_CALL = String.raw`select\s+(auth\.(uid|jwt|role|email)\(\)|current_setting\([^()]*\))`

const policies = `
  select n.nspname, c.relname, p.polname, p.polcmd, p.polpermissive, p.polroles, c.relrowsecurity,
         lower(coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '')) as qual,
         lower(coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '')) as with_check,
         p.polqual is null as no_qual, p.polwithcheck is null as no_with_check
  from pg_catalog.pg_policy p
  join pg_catalog.pg_class c on c.oid = p.polrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where ${ourNamespace('n')}`

export const LINTS: readonly Lint[] = [
  {
    name: 'unindexed_foreign_keys',
    code: '0001',
    level: 'INFO',
    // stricter than splinter: a partial index does not count (it does not serve every row's
    // cascade or join)
    sql: `
      select format('%I.%I', n.nspname, cl.relname) as object,
             format('foreign key %s (%s) has no index led by its columns', ct.conname,
               (select string_agg(a.attname, ', ' order by k.ord)
                  from unnest(ct.conkey) with ordinality as k (attnum, ord)
                  join pg_catalog.pg_attribute a on a.attrelid = ct.conrelid and a.attnum = k.attnum)) as detail
      from pg_catalog.pg_constraint ct
      join pg_catalog.pg_class cl on cl.oid = ct.conrelid
      join pg_catalog.pg_namespace n on n.oid = cl.relnamespace
      where ct.contype = 'f' and ${ourNamespace('n')} and ${notFromExtension('cl.oid')}
        and not exists (
          select 1 from pg_catalog.pg_index i
          where i.indrelid = ct.conrelid and i.indisvalid and i.indpred is null
            and (string_to_array(i.indkey::text, ' ')::smallint[])[1:cardinality(ct.conkey)] = ct.conkey)
      order by 1, 2`,
  },
  {
    name: 'auth_rls_initplan',
    code: '0003',
    level: 'WARN',
    // stricter than splinter: every call must be wrapped (splinter passes a policy once one call
    // of the function is), and current_setting() counts as an auth call
    sql: `
      with p as (${policies})
      select format('%I.%I', nspname, relname) as object,
             format('policy %s calls auth.<function>() or current_setting() per row; wrap it: (select …)', polname) as detail
      from p
      where relrowsecurity
        and (regexp_replace(qual, '${WRAPPED_AUTH_CALL}', '', 'g') ~ '${AUTH_CALL}'
             or regexp_replace(with_check, '${WRAPPED_AUTH_CALL}', '', 'g') ~ '${AUTH_CALL}')
      order by 1, 2`,
  },
  {
    name: 'app_helper_initplan',
    code: 'jiuye',
    level: 'WARN',
    // ours (DESIGN, "Policies stay cheap at scale"): a helper without arguments (app.my_role() …)
    // reads the caller, so it is the same for every row and must be an initplan
    sql: `
      with p as (${policies})
      select format('%I.%I', nspname, relname) as object,
             format('policy %s calls an argument-less app.<helper>() per row; wrap it: (select app.<helper>())', polname) as detail
      from p
      where regexp_replace(qual || ' ' || with_check, 'select\\s+app\\.\\w+\\(\\)', '', 'g') ~ 'app\\.\\w+\\(\\)'
      order by 1, 2`,
  },
  {
    name: 'no_primary_key',
    code: '0004',
    level: 'INFO',
    sql: `
      select format('%I.%I', n.nspname, c.relname) as object, 'table has no primary key' as detail
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and ${ourNamespace('n')} and ${notFromExtension('c.oid')}
        and not exists (select 1 from pg_catalog.pg_index i where i.indrelid = c.oid and i.indisprimary)
      order by 1`,
  },
  {
    name: 'multiple_permissive_policies',
    code: '0006',
    level: 'WARN',
    sql: `
      with p as (${policies}),
      per_action as (
        select p.nspname, p.relname, p.polname, r.rolname, a.cmd
        from p
        join pg_catalog.pg_roles r on p.polroles @> array[r.oid] or p.polroles = array[0::oid]
        cross join lateral unnest(case p.polcmd
          when 'r' then array['SELECT'] when 'a' then array['INSERT'] when 'w' then array['UPDATE']
          when 'd' then array['DELETE'] else array['SELECT', 'INSERT', 'UPDATE', 'DELETE'] end) as a (cmd)
        where p.polpermissive and r.rolname !~ '^pg_' and r.rolname !~ '^supabase.*admin$' and not r.rolbypassrls
      )
      select format('%I.%I', nspname, relname) as object,
             format('%s %s: %s', rolname, cmd, string_agg(polname, ', ' order by polname)) as detail
      from per_action
      group by nspname, relname, rolname, cmd
      having count(*) > 1
      order by 1, 2`,
  },
  {
    name: 'policy_exists_rls_disabled',
    code: '0007',
    level: 'ERROR',
    sql: `
      with p as (${policies})
      select format('%I.%I', nspname, relname) as object,
             'policies ' || string_agg(polname, ', ' order by polname) || ' exist but RLS is off' as detail
      from p where not relrowsecurity
      group by nspname, relname
      order by 1`,
  },
  {
    name: 'rls_enabled_no_policy',
    code: '0008',
    level: 'INFO',
    sql: `
      select format('%I.%I', n.nspname, c.relname) as object, 'RLS is on and no policy exists' as detail
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and c.relrowsecurity and ${ourNamespace('n')} and ${notFromExtension('c.oid')}
        and not exists (select 1 from pg_catalog.pg_policy p where p.polrelid = c.oid)
      order by 1`,
  },
  {
    name: 'duplicate_index',
    code: '0009',
    level: 'WARN',
    sql: `
      select format('%I.%I', i.schemaname, i.tablename) as object,
             'identical indexes ' || string_agg(i.indexname, ', ' order by i.indexname) as detail
      from pg_catalog.pg_indexes i
      join pg_catalog.pg_namespace n on n.nspname = i.schemaname
      join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = i.tablename
      where c.relkind in ('r', 'm', 'p') and ${ourNamespace('n')} and ${notFromExtension('c.oid')}
      group by i.schemaname, i.tablename, replace(i.indexdef, i.indexname, '')
      having count(*) > 1
      order by 1, 2`,
  },
  {
    name: 'security_definer_view',
    code: '0010',
    level: 'ERROR',
    sql: `
      select format('%I.%I', n.nspname, c.relname) as object,
             'view runs with its owner''s rights (create it with security_invoker = true)' as detail
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'v' and ${ourNamespace('n')} and ${notFromExtension('c.oid')}
        and (pg_catalog.has_table_privilege('anon', c.oid, 'SELECT')
             or pg_catalog.has_table_privilege('authenticated', c.oid, 'SELECT'))
        and not (lower(coalesce(c.reloptions::text, '{}'))::text[]
                 && array['security_invoker=1', 'security_invoker=true', 'security_invoker=yes', 'security_invoker=on'])
      order by 1`,
  },
  {
    name: 'function_search_path_mutable',
    code: '0011',
    level: 'WARN',
    sql: `
      select format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.oidvectortypes(p.proargtypes)) as object, 'search_path is not set to the empty string' as detail
      from pg_catalog.pg_proc p
      join pg_catalog.pg_namespace n on n.oid = p.pronamespace
      where ${ourNamespace('n')} and ${notFromExtension('p.oid')}
        and not coalesce(p.proconfig, '{}') && array['search_path=""']
      order by 1`,
  },
  {
    name: 'rls_disabled_in_public',
    code: '0013',
    level: 'ERROR',
    sql: `
      select format('%I.%I', n.nspname, c.relname) as object, 'table served by the Data API has RLS off' as detail
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname = any (${EXPOSED_SQL}) and not c.relrowsecurity
        and ${notFromExtension('c.oid')}
      order by 1`,
  },
  {
    name: 'extension_in_public',
    code: '0014',
    level: 'WARN',
    sql: `
      select e.extname as object, format('extension installed in %I', n.nspname) as detail
      from pg_catalog.pg_extension e
      join pg_catalog.pg_namespace n on n.oid = e.extnamespace
      where e.extname <> 'plpgsql' and (n.nspname = 'public' or n.nspname = any (${EXPOSED_SQL}))
       
      order by 1`,
  },
  {
    name: 'rls_policy_always_true',
    code: '0024',
    level: 'WARN',
    sql: `
      with p as (${policies})
      select format('%I.%I', nspname, relname) as object,
             format('policy %s lets anon/authenticated write every row', polname) as detail
      from p
      where relrowsecurity and polpermissive
        and (polroles = array[0::oid] or exists (
          select 1 from unnest(polroles) r where r::regrole::text in ('anon', 'authenticated')))
        and (
          (polcmd in ('w', 'd', '*') and (no_qual or replace(qual, ' ', '') in ('true', '(true)', '1=1', '(1=1)')))
          or (replace(with_check, ' ', '') in ('true', '(true)', '1=1', '(1=1)') and polcmd <> 'r')
          or (no_with_check and polcmd = 'a'))
      order by 1, 2`,
  },
  ...(['anon', 'authenticated'] as const).map(
    (role): Lint => ({
      name: `${role}_security_definer_function_executable`,
      code: role === 'anon' ? '0028' : '0029',
      level: 'WARN',
      sql: `
        select format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.oidvectortypes(p.proargtypes)) as object,
               'security definer function in a schema the Data API serves, executable by ${role}' as detail
        from pg_catalog.pg_proc p
        join pg_catalog.pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef and n.nspname = any (${EXPOSED_SQL})
          and pg_catalog.has_function_privilege('${role}', p.oid, 'EXECUTE')
         
        order by 1`,
    }),
  ),
]

/** Runs every lint on the database `client` is connected to. */
export async function runLints(client: Pick<pg.Client, 'query'>): Promise<Finding[]> {
  const out: Finding[] = []
  for (const lint of LINTS) {
    const { rows } = await client.query<{ object: string; detail: string }>(lint.sql)
    for (const r of rows) out.push({ lint: lint.name, level: lint.level, object: r.object, detail: r.detail })
  }
  return out
}
