-- Job push and fan-out, faster (issue 13's benchmark: matching ≤ 50 ms, the enqueue of 25,000
-- deliveries ≤ 500 ms), and a delivery whose last claim expired no longer stays `queued`.
-- Flow: docs/flows/push.md, docs/flows/messages.md. Idempotent: `if [not] exists`, `create or
-- replace`, `drop policy if exists` + `create policy`, `on conflict do nothing`.
--
-- 1. app.push_pairs (in place of 000910's app.push_subscriptions: the same rows) also carries what
--    matching read per student from two more tables: the student's push settings (instant, quiet_hours) and the bound roster record's degree rank and
--    major. The index-only scan of a job's candidates then answers everything, without a probe
--    into push_settings and roster_entries per candidate (measured: half of the matching's time).
--    Kept by triggers on push_settings and roster_entries (as the intention's own trigger keeps the
--    rest); app.push_pair_rows(intention) computes them the same way, so the table still
--    equals the function over every intention (tests/push/subscriptions.test.ts). The three
--    triggers lock the student's app_users row (FOR NO KEY UPDATE; a foreign key check's KEY SHARE
--    does not wait for it) so that an intention saved while the settings change cannot keep the
--    old settings.
-- 2. app.match_candidates reads only app.push_pairs.
-- 3. public.notification_batches: a fan-out is stored by columns — `shared` (the fields every
--    notification has alike: kind, job, title …) and `varying` (json, an object of arrays: each
--    other field's value per notification) — instead of 25,000 whole JSON objects parsed into
--    jsonb (measured: 7.4 MB, 150–200 ms to parse and store; by columns ≈ 60 ms). Rows of
--    the earlier form (`notifications`) are still expanded.
-- 4. app.expire_send_claims() returns jsonb {dead, unknown} — service_role only. A send job whose
--    claim expired on its last retry (the sender holding it died) is failed by pg-boss's expiry for
--    good, and its delivery stayed `queued` (or `sending`) forever. The sender now calls this first,
--    in the transaction that then runs pg-boss's own expiry (same now(): nothing expires between
--    the two): it fails those jobs itself and ends each delivery still `queued` as `dead` (no send
--    was in progress) and one still `sending` as `unknown` (WeChat may have it: never sent again),
--    each with its reason and its open attempt closed; the other expired claims are pg-boss's to
--    retry. Answers how many became each.

-- ================================================================ 1. the subscription rows
-- app.push_pairs replaces app.push_subscriptions (000910) with the same rows and four more columns.
-- A new name rather than new columns: 000910's app.push_subscription_rows returns that table's
-- row type with its seven columns, and every migration must still apply again on a migrated
-- database. So a re-run of 000910 makes its (empty) table and trigger body again, and this file
-- drops them again; the rows are derived data, rebuilt below from the intentions.
drop table if exists app.push_subscriptions cascade; -- with app.push_subscription_rows (its row type)

create table if not exists app.push_pairs (
  key text not null,
  user_id uuid not null,
  industries text[] not null,
  natures text[] not null,
  company_types text[] not null,
  company_sizes text[] not null,
  salary_min int,
  -- the student's push settings (no row: instant, quiet hours on)
  instant boolean not null default true,
  quiet_hours boolean not null default true,
  -- the bound roster record's degree as a rank (app.push_degree_rank) and major; NULL: no bound record
  degree_rank smallint,
  major text,
  constraint push_pairs_pkey primary key (key, user_id)
    include (industries, natures, company_types, company_sizes, salary_min, instant, quiet_hours,
      degree_rank, major)
);
-- the triggers' writes of one student's rows
create index if not exists push_pairs_user_idx on app.push_pairs (user_id);
alter table app.push_pairs enable row level security;
revoke all on app.push_pairs from public, anon, authenticated, service_role;
grant select on app.push_pairs to service_role;
-- no user role has a grant either; the policy says so as a second lock (service_role bypasses RLS)
drop policy if exists push_pairs_none on app.push_pairs;
create policy push_pairs_none on app.push_pairs for select to authenticated using (false);

-- the roster degree as the rank the jobs' degrees compare with (0 is the job's "any")
create or replace function app.push_degree_rank(p_level text) returns smallint
  language sql immutable parallel safe set search_path = ''
  as $$
  select (case p_level when 'junior_college' then 1 when 'bachelor' then 2 when 'master' then 3
    when 'doctor' then 4 end)::smallint
  $$;
revoke all on function app.push_degree_rank(text) from public, anon, authenticated;
grant execute on function app.push_degree_rank(text) to service_role;

-- the rows of one intention (none when it cannot match); the triggers, the backfill below and the
-- benchmark's bulk load use it, so they agree
create or replace function app.push_pair_rows(i public.job_intentions)
  returns setof app.push_pairs
  language sql stable set search_path = ''
  as $$
  select distinct k, i.user_id, i.industries, i.natures, i.company_types, i.company_sizes, i.salary_min,
    coalesce(s.mode, 'instant') = 'instant', coalesce(s.quiet_hours, true),
    app.push_degree_rank(r.degree_level), r.major
  from unnest(app.push_keys(i.cities, i.categories)) as k
  left join public.push_settings s on s.user_id = i.user_id
  left join public.roster_entries r on r.bound_user_id = i.user_id
  where i.plan = 'employment' and i.subscribed
    -- an intention with no condition at all is "no preference", not a subscription to every job
    and (cardinality(i.cities) + cardinality(i.categories) + cardinality(i.industries)
         + cardinality(i.natures) + cardinality(i.company_types) + cardinality(i.company_sizes) > 0
         or i.salary_min is not null)
  $$;
revoke all on function app.push_pair_rows(public.job_intentions) from public, anon, authenticated;
grant execute on function app.push_pair_rows(public.job_intentions) to service_role;

-- the intention's trigger (000910's name, so its trigger keeps calling it), with the student's lock
create or replace function app.push_subscriptions_sync() returns trigger
  language plpgsql volatile security definer set search_path = ''
  as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from app.push_pairs s where s.user_id = old.user_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform 1 from public.app_users u where u.id = new.user_id for no key update;
    insert into app.push_pairs select * from app.push_pair_rows(new);
  end if;
  return null;
end
$$;
revoke all on function app.push_subscriptions_sync() from public, anon, authenticated;

create or replace trigger job_intentions_push_subscriptions
  after insert or delete or update of user_id, plan, subscribed, cities, categories, industries, natures,
    company_types, company_sizes, salary_min
  on public.job_intentions
  for each row execute function app.push_subscriptions_sync();

-- push_settings → the student's rows (no row again: the defaults, instant with quiet hours)
create or replace function app.push_pairs_settings_sync() returns trigger
  language plpgsql volatile security definer set search_path = ''
  as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and (tg_op = 'DELETE' or old.user_id is distinct from new.user_id) then
    perform 1 from public.app_users u where u.id = old.user_id for no key update;
    update app.push_pairs s set instant = true, quiet_hours = true
     where s.user_id = old.user_id and not (s.instant and s.quiet_hours);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform 1 from public.app_users u where u.id = new.user_id for no key update;
    update app.push_pairs s set instant = new.mode = 'instant', quiet_hours = new.quiet_hours
     where s.user_id = new.user_id
       and (s.instant, s.quiet_hours) is distinct from (new.mode = 'instant', new.quiet_hours);
  end if;
  return null;
end
$$;
revoke all on function app.push_pairs_settings_sync() from public, anon, authenticated;

create or replace trigger push_settings_push_pairs
  after insert or delete or update of user_id, mode, quiet_hours on public.push_settings
  for each row execute function app.push_pairs_settings_sync();

-- roster_entries → the bound student's rows; an unbound record (most of an import) fires nothing
create or replace function app.push_pairs_roster_sync() returns trigger
  language plpgsql volatile security definer set search_path = ''
  as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.bound_user_id is not null
     and (tg_op = 'DELETE' or old.bound_user_id is distinct from new.bound_user_id) then
    perform 1 from public.app_users u where u.id = old.bound_user_id for no key update;
    update app.push_pairs s set degree_rank = null, major = null
     where s.user_id = old.bound_user_id and (s.degree_rank is not null or s.major is not null);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.bound_user_id is not null then
    perform 1 from public.app_users u where u.id = new.bound_user_id for no key update;
    update app.push_pairs s set degree_rank = app.push_degree_rank(new.degree_level), major = new.major
     where s.user_id = new.bound_user_id
       and (s.degree_rank, s.major) is distinct from (app.push_degree_rank(new.degree_level), new.major);
  end if;
  return null;
end
$$;
revoke all on function app.push_pairs_roster_sync() from public, anon, authenticated;

create or replace trigger roster_entries_push_pairs_ins
  after insert on public.roster_entries
  for each row when (new.bound_user_id is not null)
  execute function app.push_pairs_roster_sync();
create or replace trigger roster_entries_push_pairs_upd
  after update of bound_user_id, degree_level, major on public.roster_entries
  for each row when (old.bound_user_id is not null or new.bound_user_id is not null)
  execute function app.push_pairs_roster_sync();
create or replace trigger roster_entries_push_pairs_del
  after delete on public.roster_entries
  for each row when (old.bound_user_id is not null)
  execute function app.push_pairs_roster_sync();

-- every intention's rows (none in a fresh database); idempotent
insert into app.push_pairs
  select r.* from public.job_intentions i cross join lateral app.push_pair_rows(i) r
  on conflict do nothing;

-- ================================================================ 2. matching
-- As in 000910 (the same rows, the same reasons), over app.push_pairs alone.
create or replace function app.match_candidates(p_job uuid)
  returns table (user_id uuid, reasons text[], instant boolean, quiet_hours boolean)
  language plpgsql stable security definer set search_path = ''
  as $$
declare
  v_job public.jobs%rowtype;
  v_labels jsonb := app.push_labels();
  v_keys text[];
  -- the job's degree as a rank (0: any), as app.push_degree_rank ranks the roster's
  v_rank int;
  v_hits text;
begin
  if p_job is null then
    raise exception 'match_job: the job is required' using errcode = '22023';
  end if;
  select * into v_job from public.jobs j
    where j.id = p_job and j.status = 'published' and j.company_verified;
  if not found then
    return;
  end if;
  v_keys := array(select c || '/' || k from unnest('{*}'::text[] || v_job.cities) as c,
    unnest(array['*', v_job.category]) as k);
  v_rank := case v_job.degree when 'college' then 1 when 'bachelor' then 2 when 'master' then 3
    when 'doctor' then 4 else 0 end;

  -- A student's pairs are their cities × their categories ('*' for none), so a student is found
  -- once per job city they share. For a job in one city (or none) that is one row per student, read
  -- as it is; for several, the rows are grouped by student (the pairs' cities are the common cities;
  -- the other columns are the same on each row). `cities` is NULL for a student of any city.
  if cardinality(v_job.cities) <= 1 then
    v_hits := $h$
    select p.user_id, case when p.key not like '*/%' then $9 end as cities,
      p.key not like '%/*' as categories,
      cardinality(p.industries) > 0 as industries, cardinality(p.natures) > 0 as natures,
      cardinality(p.company_types) > 0 as company_types, cardinality(p.company_sizes) > 0 as company_sizes,
      p.salary_min, p.instant, p.quiet_hours, p.degree_rank, p.major
    from app.push_pairs p
    where $h$;
  else
    v_hits := $h$
    select p.user_id,
      array_agg(split_part(p.key, '/', 1)) filter (where p.key not like '*/%') as cities,
      bool_or(p.key not like '%/*') as categories,
      bool_or(cardinality(p.industries) > 0) as industries,
      bool_or(cardinality(p.natures) > 0) as natures,
      bool_or(cardinality(p.company_types) > 0) as company_types,
      bool_or(cardinality(p.company_sizes) > 0) as company_sizes,
      max(p.salary_min) as salary_min,
      bool_and(p.instant) as instant,
      bool_and(p.quiet_hours) as quiet_hours,
      max(p.degree_rank) as degree_rank,
      max(p.major) as major
    from app.push_pairs p
    where $h$;
  end if;
  v_hits := v_hits || $w$
      p.key = any ($2)
      and (cardinality(p.industries) = 0 or p.industries && $3)
      and (cardinality(p.natures) = 0 or p.natures && $4)
      and (cardinality(p.company_types) = 0 or p.company_types && $5)
      and (cardinality(p.company_sizes) = 0 or p.company_sizes && $6)
      and (p.salary_min is null or p.salary_min <= $7)
      -- the degree: a bound record naming a lower one than the job asks leaves the student out
      and (p.degree_rank is null or p.degree_rank >= $8)
    $w$ || case when cardinality(v_job.cities) <= 1 then '' else ' group by p.user_id' end;

  -- EXECUTE: planned for this job's values every time (杭州 is common, 拉萨 rare)
  return query execute 'with hits as (' || v_hits || ')' || $q$
  select h.user_id, array_remove(array[
      case when h.cities is not null then '城市：' || case when cardinality(h.cities) = 1 then h.cities[1]
        else array_to_string(array(select c from unnest($9) with ordinality as x (c, n)
          where c = any (h.cities) order by n), '、') end end,
      case when h.categories then $11 end,
      case when h.industries then $12 end,
      case when h.natures then $13 end,
      case when h.company_types then $14 end,
      case when h.company_sizes then $15 end,
      case when h.salary_min is not null then '薪资不低于' || h.salary_min end,
      case when $8 > 0 and h.degree_rank is not null then $16 end,
      case when h.major = any ($10) then '专业：' || h.major end
    ], null),
    h.instant, h.quiet_hours
  from hits h
  $q$
  using p_job, v_keys, array[v_job.industry], array[v_job.nature],
    array_remove(array[v_job.company_type], null), array_remove(array[v_job.company_size], null),
    v_job.salary_max, v_rank, v_job.cities, v_job.majors,
    '职位类别：' || (v_labels->'category'->>v_job.category),
    '行业：' || (v_labels->'industry'->>v_job.industry),
    '工作性质：' || (v_labels->'nature'->>v_job.nature),
    '公司类型：' || (v_labels->'company_type'->>v_job.company_type),
    '公司规模：' || (v_labels->'company_size'->>v_job.company_size),
    '学历：' || (v_labels->'degree'->>v_job.degree) || '及以上';
end
$$;
revoke all on function app.match_candidates(uuid) from public, anon, authenticated;
grant execute on function app.match_candidates(uuid) to service_role;

-- ================================================================ 3. fan-out batches by columns
--   shared   the fields every notification of the batch has alike (a JSON object)
--   varying  json (validated, not parsed into jsonb): {field: [value of notification 1, 2, …]}
--            for every other field, each array `total` long (a missing field is null)
--   notifications  the earlier form (whole objects); a row has one form or the other
alter table public.notification_batches add column if not exists shared jsonb
  check (shared is null or jsonb_typeof(shared) = 'object');
alter table public.notification_batches add column if not exists varying json
  check (varying is null or json_typeof(varying) = 'object');
alter table public.notification_batches alter column notifications drop not null;
alter table public.notification_batches drop constraint if exists notification_batches_notifications_check;
alter table public.notification_batches drop constraint if exists notification_batches_one_form;
alter table public.notification_batches add constraint notification_batches_one_form check (
  (notifications is not null and jsonb_typeof(notifications) = 'array' and shared is null and varying is null)
  or (notifications is null and shared is not null and varying is not null));

-- ================================================================ 4. claims that expire on the last retry
create or replace function app.expire_send_claims() returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_result jsonb;
begin
  with gone as (
    -- what pg-boss's expiry would do to them (failJobsByTimeout: failed, completed, this output)
    update pgboss.job j
       set state = 'failed', completed_on = now(),
           output = '{"value": {"message": "job failed by timeout in active state"}}'::jsonb
     where j.name = 'wechat-send' and j.state = 'active' and (j.started_on + j.expire_in) < now()
       and j.retry_count >= j.retry_limit
    returning j.id
  ), done as (
    update public.message_deliveries m
       set status = case m.status when 'sending' then 'unknown' else 'dead' end,
           last_error = case m.status
             when 'sending' then 'the claim expired during the send, after the last retry; not repeated'
             else 'the queue gave up: its last claim expired before the send' end,
           updated_at = now()
      from gone
     where m.id = gone.id and m.status in ('queued', 'sending')
    returning m.id, m.status, m.attempts
  ), attempts as (
    update public.message_delivery_attempts a
       set finished_at = clock_timestamp(), outcome = 'unknown',
           error = 'the claim expired during the send, after the last retry'
      from done
     where done.status = 'unknown' and a.delivery_id = done.id and a.attempt = done.attempts
       and a.finished_at is null
    returning 1
  )
  select jsonb_build_object('dead', count(*) filter (where status = 'dead'),
    'unknown', count(*) filter (where status = 'unknown')) into v_result from done;
  -- the data-modifying CTEs run whether or not the outer query reads them
  return v_result;
end
$$;
revoke all on function app.expire_send_claims() from public, anon, authenticated;
grant execute on function app.expire_send_claims() to service_role;
