-- Delivery: every inbox message that should also reach the student in WeChat gets one delivery
-- row and one queue job, written by notify() in the transaction of the state change it reports
-- (docs/flows/messages.md). The queue is pg-boss (claim with skip locked, retries with
-- exponential backoff and jitter, expiry of claims whose worker died); the delivery row is what
-- makes a send happen at most once and what admins read.
--
-- public.messages.idempotency_key: the same event never makes two messages (unique when set).
--
-- public.message_deliveries: one per (message, channel). status:
--   queued → sending → sent                      WeChat took it
--   queued → no_credit                           no subscription credit: inbox only, WeChat not called
--   sending → no_credit                          WeChat said 43101 (our count was wrong; cleared)
--   sending → queued                             retryable (−1, 45009, 5xx, timeout): pg-boss retries later
--   sending → failed                             permanent (40003, 40037, 41030, 47003 …), with the reason
--   sending → dead                               retries exhausted, with the last reason
--   sending → unknown                            a worker died after starting the send: WeChat may have
--                                                it, so it is never sent again (never twice)
--   queued → skipped                             no openid, no longer following the official
--                                                account, or the student keeps this kind out of
--                                                WeChat (push_settings.wechat_kinds, 000910)
-- public.message_delivery_attempts: every attempt with its outcome, errcode and time.
-- Both are service-only, except that platform admins read them (the dead letters and reasons).
--
-- public.oa_followers: the official account's followers with their unionids (service-only).
--
-- app.begin_delivery(p_id uuid) returns jsonb — service_role only. One guarded statement per
--   send: locks the delivery; queued → spends one credit (subscribe channel, not for a long-term
--   template) and marks it sending with a new attempt row, answering {action: 'send', channel,
--   openid (the mini-program's, or the follower's under the official account), templateId, data,
--   page, attempt};
--   otherwise {action: 'no_credit' | 'skipped' | 'unknown' | 'done' | 'gone'}.
-- app.finish_deliveries(p_results jsonb) returns int — service_role only. Records a batch of
--   outcomes [{id, outcome: sent|retry|no_credit|failed|dead, errcode, error, msgid, ms}] on
--   deliveries still `sending`, closes their attempts and refunds (retry, dead) or clears
--   (no_credit) the credit it spent. Answers how many it recorded.

-- ================================================================ the queue (pg-boss 10, schema v24)
-- The library's construction SQL, pinned (scripts/db/pgboss-schema.ts makes it; a test compares).
-- The API never lets pg-boss migrate at run time: schema changes are migrations, run as postgres.
do $install$
begin
  if to_regclass('pgboss.version') is null then
    execute $pgboss$
SELECT pg_advisory_xact_lock(
      ('x' || encode(sha224((current_database() || '.pgboss.pgboss')::bytea), 'hex'))::bit(64)::bigint
  );
    
    CREATE SCHEMA IF NOT EXISTS pgboss
  ;

    CREATE TYPE pgboss.job_state AS ENUM (
      'created',
      'retry',
      'active',
      'completed',
      'cancelled',
      'failed'
    )
  ;

    CREATE TABLE pgboss.version (
      version int primary key,
      maintained_on timestamp with time zone,
      cron_on timestamp with time zone,
      monitored_on timestamp with time zone
    )
  ;

    CREATE TABLE pgboss.queue (
      name text,
      policy text,
      retry_limit int,
      retry_delay int,
      retry_backoff bool,
      expire_seconds int,
      retention_minutes int,
      dead_letter text REFERENCES pgboss.queue (name),
      partition_name text,
      created_on timestamp with time zone not null default now(),
      updated_on timestamp with time zone not null default now(),
      PRIMARY KEY (name)
    )
  ;

    CREATE TABLE pgboss.schedule (
      name text REFERENCES pgboss.queue ON DELETE CASCADE,
      cron text not null,
      timezone text,
      data jsonb,
      options jsonb,
      created_on timestamp with time zone not null default now(),
      updated_on timestamp with time zone not null default now(),
      PRIMARY KEY (name)
    )
  ;

    CREATE TABLE pgboss.subscription (
      event text not null,
      name text not null REFERENCES pgboss.queue ON DELETE CASCADE,
      created_on timestamp with time zone not null default now(),
      updated_on timestamp with time zone not null default now(),
      PRIMARY KEY(event, name)
    )
  ;

    CREATE TABLE pgboss.job (
      id uuid not null default gen_random_uuid(),
      name text not null,
      priority integer not null default(0),
      data jsonb,
      state pgboss.job_state not null default('created'),
      retry_limit integer not null default(2),
      retry_count integer not null default(0),
      retry_delay integer not null default(0),
      retry_backoff boolean not null default false,
      start_after timestamp with time zone not null default now(),
      started_on timestamp with time zone,
      singleton_key text,
      singleton_on timestamp without time zone,
      expire_in interval not null default interval '15 minutes',
      created_on timestamp with time zone not null default now(),
      completed_on timestamp with time zone,
      keep_until timestamp with time zone NOT NULL default now() + interval '14 days',
      output jsonb,
      dead_letter text,
      policy text
    ) PARTITION BY LIST (name)
  ;
ALTER TABLE pgboss.job ADD PRIMARY KEY (name, id);
CREATE TABLE pgboss.archive (LIKE pgboss.job);
ALTER TABLE pgboss.archive ADD PRIMARY KEY (name, id);
ALTER TABLE pgboss.archive ADD archived_on timestamptz NOT NULL DEFAULT now();
CREATE INDEX archive_i1 ON pgboss.archive(archived_on);

    CREATE FUNCTION pgboss.create_queue(queue_name text, options json)
    RETURNS VOID AS
    $$
    DECLARE
      table_name varchar := 'j' || encode(sha224(queue_name::bytea), 'hex');
      queue_created_on timestamptz;
    BEGIN

      WITH q as (
      INSERT INTO pgboss.queue (
        name,
        policy,
        retry_limit,
        retry_delay,
        retry_backoff,
        expire_seconds,
        retention_minutes,
        dead_letter,
        partition_name
      )
      VALUES (
        queue_name,
        options->>'policy',
        (options->>'retryLimit')::int,
        (options->>'retryDelay')::int,
        (options->>'retryBackoff')::bool,
        (options->>'expireInSeconds')::int,
        (options->>'retentionMinutes')::int,
        options->>'deadLetter',
        table_name
      )
      ON CONFLICT DO NOTHING
      RETURNING created_on
      )
      SELECT created_on into queue_created_on from q;

      IF queue_created_on IS NULL THEN
        RETURN;
      END IF;

      EXECUTE format('CREATE TABLE pgboss.%I (LIKE pgboss.job INCLUDING DEFAULTS)', table_name);

      EXECUTE format('ALTER TABLE pgboss.%1$I ADD PRIMARY KEY (name, id)', table_name);
      EXECUTE format('ALTER TABLE pgboss.%1$I ADD CONSTRAINT q_fkey FOREIGN KEY (name) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED', table_name);
      EXECUTE format('ALTER TABLE pgboss.%1$I ADD CONSTRAINT dlq_fkey FOREIGN KEY (dead_letter) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED', table_name);
      EXECUTE format('CREATE UNIQUE INDEX %1$s_i1 ON pgboss.%1$I (name, COALESCE(singleton_key, '''')) WHERE state = ''created'' AND policy = ''short''', table_name);
      EXECUTE format('CREATE UNIQUE INDEX %1$s_i2 ON pgboss.%1$I (name, COALESCE(singleton_key, '''')) WHERE state = ''active'' AND policy = ''singleton''', table_name);
      EXECUTE format('CREATE UNIQUE INDEX %1$s_i3 ON pgboss.%1$I (name, state, COALESCE(singleton_key, '''')) WHERE state <= ''active'' AND policy = ''stately''', table_name);
      EXECUTE format('CREATE UNIQUE INDEX %1$s_i4 ON pgboss.%1$I (name, singleton_on, COALESCE(singleton_key, '''')) WHERE state <> ''cancelled'' AND singleton_on IS NOT NULL', table_name);
      EXECUTE format('CREATE INDEX %1$s_i5 ON pgboss.%1$I (name, start_after) INCLUDE (priority, created_on, id) WHERE state < ''active''', table_name);

      EXECUTE format('ALTER TABLE pgboss.%I ADD CONSTRAINT cjc CHECK (name=%L)', table_name, queue_name);
      EXECUTE format('ALTER TABLE pgboss.job ATTACH PARTITION pgboss.%I FOR VALUES IN (%L)', table_name, queue_name);
    END;
    $$
    LANGUAGE plpgsql;
  ;

    CREATE FUNCTION pgboss.delete_queue(queue_name text)
    RETURNS VOID AS
    $$
    DECLARE
      table_name varchar;
    BEGIN
      WITH deleted as (
        DELETE FROM pgboss.queue
        WHERE name = queue_name
        RETURNING partition_name
      )
      SELECT partition_name from deleted INTO table_name;

      EXECUTE format('DROP TABLE IF EXISTS pgboss.%I', table_name);
    END;
    $$
    LANGUAGE plpgsql;
  ;
INSERT INTO pgboss.version(version) VALUES ('24');
    $pgboss$;
  end if;
end
$install$;

-- pg-boss's two functions name every object with its schema; an empty search_path keeps them so.
alter function pgboss.create_queue(text, json) set search_path = '';
alter function pgboss.delete_queue(text) set search_path = '';

-- The sender's queue. A claim expires after 2 minutes (a worker that died holding it gives it
-- back); retryable failures wait 30 s · 2^n with jitter, 8 times (≈ 2 h in all) before `dead`.
do $queues$
begin
  if not exists (select 1 from pgboss.queue where name = 'wechat-send') then
    perform pgboss.create_queue('wechat-send', json_build_object(
      'policy', 'standard', 'retryLimit', 8, 'retryDelay', 30, 'retryBackoff', true,
      'expireInSeconds', 120, 'retentionMinutes', 60 * 24 * 14));
  end if;
end
$queues$;

-- Service-only: no user role may see or touch the queue. RLS without policies on top (service_role
-- bypasses it) in case a grant is ever widened by mistake.
revoke all on schema pgboss from public, anon, authenticated;
revoke all on all tables in schema pgboss from public, anon, authenticated;
revoke all on all functions in schema pgboss from public, anon, authenticated;
grant usage on schema pgboss to service_role;
grant usage on type pgboss.job_state to service_role;
grant select, insert, update, delete on all tables in schema pgboss to service_role;
alter table pgboss.job enable row level security;
alter table pgboss.archive enable row level security;
alter table pgboss.queue enable row level security;
alter table pgboss.version enable row level security;
alter table pgboss.schedule enable row level security;
alter table pgboss.subscription enable row level security;
do $partitions$
declare
  v_table text;
begin
  for v_table in select partition_name from pgboss.queue loop
    execute format('alter table pgboss.%I enable row level security', v_table);
  end loop;
end
$partitions$;

-- ================================================================ idempotent messages
alter table public.messages add column if not exists idempotency_key text
  check (idempotency_key is null or length(idempotency_key) between 1 and 200);
create unique index if not exists messages_idempotency_key_uq on public.messages (idempotency_key)
  where idempotency_key is not null;

-- ================================================================ deliveries
create table if not exists public.message_deliveries (
  id uuid primary key default gen_random_uuid(),
  message_id uuid not null references public.messages (id) on delete cascade,
  user_id uuid not null references public.app_users (id) on delete cascade,
  channel text not null check (channel in ('subscribe', 'oa_template')),
  kind text not null check (length(kind) between 1 and 50),
  template_id text not null check (template_id ~ '^[A-Za-z0-9_-]{1,64}$'),
  -- a template this deployment holds as long-term (长期订阅, WECHAT_TPL_LONG_TERM): no credit spent
  long_term boolean not null default false,
  -- {data: {keyword: value}, page}: fitted to the template when notify() wrote it
  payload jsonb not null check (jsonb_typeof(payload) = 'object'),
  status text not null default 'queued' check (status in
    ('queued', 'sending', 'sent', 'no_credit', 'failed', 'dead', 'unknown', 'skipped')),
  attempts int not null default 0 check (attempts >= 0),
  last_errcode int,
  last_error text check (length(last_error) <= 500),
  msgid text,
  send_after timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (message_id, channel),
  constraint message_deliveries_sent_at check ((status = 'sent') = (sent_at is not null))
);
create index if not exists message_deliveries_user_idx on public.message_deliveries (user_id);
-- the admins' list of what went wrong, newest first
create index if not exists message_deliveries_problem_idx on public.message_deliveries (updated_at desc)
  where status in ('failed', 'dead', 'unknown');

create table if not exists public.message_delivery_attempts (
  id bigint generated always as identity primary key,
  delivery_id uuid not null references public.message_deliveries (id) on delete cascade,
  attempt int not null check (attempt >= 1),
  started_at timestamptz not null default clock_timestamp(),
  finished_at timestamptz,
  outcome text check (outcome in ('sent', 'retry', 'no_credit', 'failed', 'dead', 'unknown')),
  errcode int,
  error text check (length(error) <= 500),
  ms int check (ms >= 0),
  unique (delivery_id, attempt)
);

alter table public.message_deliveries enable row level security;
alter table public.message_delivery_attempts enable row level security;
revoke all on public.message_deliveries, public.message_delivery_attempts from anon, authenticated;
grant select on public.message_deliveries, public.message_delivery_attempts to authenticated;
grant select, insert, update, delete on public.message_deliveries, public.message_delivery_attempts to service_role;

drop policy if exists message_deliveries_admin_read on public.message_deliveries;
create policy message_deliveries_admin_read on public.message_deliveries for select to authenticated
  using ((select app.my_role()) = 'platform_admin');
drop policy if exists message_delivery_attempts_admin_read on public.message_delivery_attempts;
create policy message_delivery_attempts_admin_read on public.message_delivery_attempts for select to authenticated
  using ((select app.my_role()) = 'platform_admin');

-- ================================================================ official-account followers
-- Who follows the official account now, with the unionid that ties them to a mini-program user
-- (wechat_identities.unionid); refreshed by the follower sync (api/_lib/notify/oa-followers.ts,
-- daily cron). Service-only.
create table if not exists public.oa_followers (
  oa_openid text primary key check (length(oa_openid) between 1 and 64),
  unionid text check (unionid is null or length(unionid) between 1 and 64),
  following boolean not null,
  synced_at timestamptz not null default now()
);
create index if not exists oa_followers_unionid_idx on public.oa_followers (unionid)
  where following and unionid is not null;
alter table public.oa_followers enable row level security;
revoke all on public.oa_followers from anon, authenticated;
grant select, insert, update, delete on public.oa_followers to service_role;

-- ================================================================ the sender's two statements
create or replace function app.begin_delivery(p_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  d public.message_deliveries%rowtype;
  v_openid text;
  v_attempt int;
begin
  if p_id is null then
    raise exception 'begin_delivery: a delivery id is required' using errcode = '22023';
  end if;
  select * into d from public.message_deliveries where id = p_id for update;
  if not found then
    return jsonb_build_object('action', 'gone');
  end if;
  if d.status = 'sending' then
    -- the worker that marked it died before recording what WeChat answered
    update public.message_delivery_attempts
       set finished_at = clock_timestamp(), outcome = 'unknown', error = 'worker stopped during the send'
     where delivery_id = d.id and attempt = d.attempts and finished_at is null;
    update public.message_deliveries
       set status = 'unknown', last_error = 'worker stopped during the send; not repeated', updated_at = now()
     where id = d.id;
    return jsonb_build_object('action', 'unknown');
  end if;
  if d.status <> 'queued' then
    return jsonb_build_object('action', 'done', 'status', d.status);
  end if;
  -- 推送设置: the student keeps this kind of message out of WeChat (the inbox still has it)
  if exists (select 1 from public.push_settings ps join public.messages m on m.id = d.message_id
              where ps.user_id = d.user_id and not (m.kind = any (ps.wechat_kinds))) then
    update public.message_deliveries
       set status = 'skipped', last_error = 'turned off in push settings', updated_at = now()
     where id = d.id;
    return jsonb_build_object('action', 'skipped');
  end if;
  if d.channel = 'oa_template' then
    -- the student's follower openid under the official account, by the unionid both share
    select f.oa_openid into v_openid
      from public.wechat_identities w
      join public.oa_followers f on f.unionid = w.unionid and f.following
     where w.user_id = d.user_id
     order by f.synced_at desc limit 1;
  else
    select w.openid into v_openid from public.wechat_identities w where w.user_id = d.user_id;
  end if;
  if v_openid is null then
    update public.message_deliveries
       set status = 'skipped',
           last_error = case when d.channel = 'oa_template' then 'not following the official account'
                             else 'no WeChat identity' end,
           updated_at = now()
     where id = d.id;
    return jsonb_build_object('action', 'skipped');
  end if;
  if d.channel = 'subscribe' and not d.long_term then
    update public.subscribe_credits set credits = credits - 1, updated_at = now()
     where user_id = d.user_id and template_id = d.template_id and credits > 0;
    if not found then
      update public.message_deliveries set status = 'no_credit', updated_at = now() where id = d.id;
      return jsonb_build_object('action', 'no_credit');
    end if;
  end if;
  v_attempt := d.attempts + 1;
  update public.message_deliveries set status = 'sending', attempts = v_attempt, updated_at = now()
   where id = d.id;
  insert into public.message_delivery_attempts (delivery_id, attempt) values (d.id, v_attempt);
  return jsonb_build_object('action', 'send', 'channel', d.channel, 'openid', v_openid, 'templateId', d.template_id,
    'data', d.payload->'data', 'page', d.payload->'page', 'attempt', v_attempt, 'kind', d.kind);
end
$$;

create or replace function app.finish_deliveries(p_results jsonb) returns int
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_count int;
begin
  if p_results is null or jsonb_typeof(p_results) <> 'array' then
    raise exception 'finish_deliveries: an array of results is required' using errcode = '22023';
  end if;
  if exists (select 1 from jsonb_array_elements(p_results) e (r)
              where coalesce(e.r->>'outcome', '') not in ('sent', 'retry', 'no_credit', 'failed', 'dead')
                 or coalesce(e.r->>'id', '') !~ '^[0-9a-f-]{36}$') then
    raise exception 'finish_deliveries: each result needs an id and a known outcome' using errcode = '22023';
  end if;
  with r as (
    select (e.r->>'id')::uuid as id, e.r->>'outcome' as outcome, (e.r->>'errcode')::int as errcode,
           left(e.r->>'error', 500) as error, e.r->>'msgid' as msgid, (e.r->>'ms')::int as ms
      from jsonb_array_elements(p_results) e (r)
  ), done as (
    update public.message_deliveries d
       set status = case r.outcome when 'retry' then 'queued' else r.outcome end,
           last_errcode = r.errcode,
           last_error = r.error,
           msgid = coalesce(r.msgid, d.msgid),
           sent_at = case when r.outcome = 'sent' then now() end,
           updated_at = now()
      from r
     where d.id = r.id and d.status = 'sending'
    returning d.id, d.user_id, d.template_id, d.channel, d.long_term, d.attempts, r.outcome, r.errcode, r.error, r.ms
  ), attempts as (
    update public.message_delivery_attempts a
       set finished_at = clock_timestamp(), outcome = done.outcome, errcode = done.errcode,
           error = done.error, ms = done.ms
      from done
     where a.delivery_id = done.id and a.attempt = done.attempts
    returning 1
  ), credits as (
    -- a send WeChat did not take gives its credit back; 43101 says there is none left at all
    update public.subscribe_credits c
       set credits = case when done.outcome = 'no_credit' then 0 else least(c.credits + 1, 100) end,
           updated_at = now()
      from done
     where done.channel = 'subscribe' and not done.long_term and done.outcome in ('retry', 'dead', 'no_credit')
       and c.user_id = done.user_id and c.template_id = done.template_id
    returning 1
  )
  select count(*) into v_count from done;
  -- the data-modifying CTEs run whether or not the outer query reads them
  return v_count;
end
$$;

revoke all on function app.begin_delivery(uuid), app.finish_deliveries(jsonb) from public, anon, authenticated;
grant execute on function app.begin_delivery(uuid), app.finish_deliveries(jsonb) to service_role;
