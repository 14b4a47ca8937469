/**
 * Supabase's database advisors on our migrations: the splinter lints that apply to us
 * (./advisors/lints.ts) must report no ERROR or WARN, and INFO only for the objects listed below
 * with the reason. They run on this file's test database and on one migrated the way a hosted
 * project is (as the non-superuser `postgres`, with `auth` owned by the platform).
 */
import { createHash } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type HostedLikeDb, makeHostedLikeDb } from '../support/hosted-like-db'
import { type Finding, LINTS, runLints } from './advisors/lints'

/**
 * INFO findings we accept, by `lint: object`, with the reason. Nothing else is accepted: an ERROR
 * or WARN is never allowed here.
 */
/** pg-boss's partition of the send queue: 'j' + sha224(queue name), as its create_queue names it. */
const SEND_PARTITION = `pgboss.j${createHash('sha224').update('wechat-send').digest('hex')}`
const PGBOSS_SERVICE_ONLY =
  'the delivery queue (pg-boss): service role only, in a schema the Data API does not expose; RLS on as a second lock'
const PGBOSS_OWN_FK =
  "pg-boss's schema as the library builds it (pinned); the key is checked only when a queue is deleted, which we never do at run time"

const ALLOWED_INFO: Record<string, string> = {
  'rls_enabled_no_policy: pgboss.job': PGBOSS_SERVICE_ONLY,
  'rls_enabled_no_policy: pgboss.archive': PGBOSS_SERVICE_ONLY,
  'rls_enabled_no_policy: pgboss.queue': PGBOSS_SERVICE_ONLY,
  'rls_enabled_no_policy: pgboss.version': PGBOSS_SERVICE_ONLY,
  'rls_enabled_no_policy: pgboss.schedule': PGBOSS_SERVICE_ONLY,
  'rls_enabled_no_policy: pgboss.subscription': PGBOSS_SERVICE_ONLY,
  [`rls_enabled_no_policy: ${SEND_PARTITION}`]: PGBOSS_SERVICE_ONLY,
  'unindexed_foreign_keys: pgboss.queue': PGBOSS_OWN_FK,
  'unindexed_foreign_keys: pgboss.subscription': PGBOSS_OWN_FK,
  [`unindexed_foreign_keys: ${SEND_PARTITION}`]: PGBOSS_OWN_FK,
  'rls_enabled_no_policy: public.notification_batches':
    'fan-out notifications waiting to be expanded: written by notify(), expanded by the delivery cron; service role only',
  'rls_enabled_no_policy: public.oa_followers':
    "the official account's followers and unionids: written by the follower sync, read by notify(), service role only",
  'rls_enabled_no_policy: public.password_credentials':
    'credentials: only the service role (login) reads or writes them; no user role has a grant',
  'rls_enabled_no_policy: public.refresh_tokens':
    'session tokens: only the service role (refresh, logout) touches them; no user role has a grant',
  'rls_enabled_no_policy: public.wechat_access_tokens':
    'WeChat API credentials, cached for all function instances; service role only',
  'rls_enabled_no_policy: public.rate_limit_hits':
    'throttle counters written by the system; service role only',
  'rls_enabled_no_policy: public.wechat_identities':
    'WeChat openids: read and written only by the login path as the service role; no user role has a grant',
  'rls_enabled_no_policy: public.login_failures':
    'password-login failures per (account, client address): only the login path, as the service role',
  'rls_enabled_no_policy: public.idempotency_keys':
    'stored answers of retried requests: only app.idempotency_begin/finish (security definer) touch them',
  'rls_enabled_no_policy: public.checkin_counts':
    'live check-in counts: written by app.record_scans, read through app.checkin_stats (security definer); no user grant',
}

const key = (f: Finding) => `${f.lint}: ${f.object}`

async function lintsOf(url: string): Promise<Finding[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await runLints(c)
  } finally {
    await c.end()
  }
}

const findings = new Map<string, Finding[]>()
let hosted: HostedLikeDb | undefined

beforeAll(async () => {
  findings.set('the test database', await lintsOf(process.env.DATABASE_URL!))
  hosted = await makeHostedLikeDb(process.env.DATABASE_URL!)
  findings.set('a hosted-like database (migrated as non-superuser postgres)', await lintsOf(hosted.url))
}, 120_000)

afterAll(async () => {
  await hosted?.drop()
})

for (const target of ['the test database', 'a hosted-like database (migrated as non-superuser postgres)']) {
  describe(`Supabase advisors on ${target}`, () => {
    for (const lint of LINTS) {
      it(`${lint.name} (${lint.code}, ${lint.level}) reports nothing${lint.level === 'INFO' ? ' outside the allow-list' : ''}`, () => {
        const got = findings
          .get(target)!
          .filter((f) => f.lint === lint.name)
          .filter((f) => !(f.level === 'INFO' && key(f) in ALLOWED_INFO))
          .map((f) => `${f.object}: ${f.detail}`)
        expect(got, `${lint.name} findings (${lint.level})`).toEqual([])
      })
    }

    it('every allow-listed INFO finding still occurs (no stale entry)', () => {
      const seen = new Set(findings.get(target)!.map(key))
      expect(Object.keys(ALLOWED_INFO).filter((k) => !seen.has(k))).toEqual([])
    })
  })
}

describe('the lints catch what they are for', () => {
  // each lint is shown a fault in a scratch schema and must name it (a lint that finds nothing
  // on a clean schema proves nothing by itself)
  it('a bare auth.uid(), two permissive policies, an unindexed foreign key, a mutable search_path', async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL! })
    await c.connect()
    try {
      await c.query('begin')
      await c.query(`
        create schema lint_probe;
        create table lint_probe.parent (id int primary key);
        create table lint_probe.child (id int primary key, parent_id int references lint_probe.parent (id), owner uuid);
        alter table lint_probe.child enable row level security;
        create policy bare on lint_probe.child for select to authenticated using (owner = auth.uid());
        create policy second on lint_probe.child for select to authenticated using ((select auth.uid()) is not null);
        create policy wrapped_twice on lint_probe.parent for select to authenticated
          using ((select auth.uid()) is not null and id = (select app.my_role())::int);
        create policy bare_helper on lint_probe.child for update to authenticated
          using (app.my_role() = 'x') with check (true);
        create function lint_probe.f() returns int language sql as $$ select 1 $$;
        create index child_owner_a on lint_probe.child (owner);
        create index child_owner_b on lint_probe.child (owner);
      `)
      const got = (await runLints(c)).filter((f) => f.object.startsWith('lint_probe.')).map(key)
      expect(new Set(got)).toEqual(
        new Set([
          'unindexed_foreign_keys: lint_probe.child',
          'auth_rls_initplan: lint_probe.child',
          'app_helper_initplan: lint_probe.child',
          'multiple_permissive_policies: lint_probe.child',
          'function_search_path_mutable: lint_probe.f()',
          'duplicate_index: lint_probe.child',
          'rls_policy_always_true: lint_probe.child',
          'policy_exists_rls_disabled: lint_probe.parent',
        ]),
      )
    } finally {
      await c.query('rollback').catch(() => undefined)
      await c.end()
    }
  })
})
