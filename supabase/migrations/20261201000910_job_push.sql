-- Job push (issue 13 item 7): each newly published job is matched, in SQL over indexes, against
-- every subscribed 求职意向, and each match becomes a push item (我的推送) and, for students in
-- instant mode, a `job_pushed` notification in the publish transaction; students in digest mode
-- get one `job_digest` a day (api/_lib/push/digest.ts). Flow: docs/flows/push.md.
-- Idempotent: `create … if not exists`, `create or replace`, `drop policy if exists` + `create policy`.
--
-- Who may do what, directly (RLS + grants):
--   push_settings  a student reads, inserts and updates their own row (mode, quiet_hours,
--                  wechat_kinds); never deletes it; nobody else reads it. No row = the defaults
--                  (instant, quiet hours on, every kind in WeChat). The WeChat sender (service_role)
--                  reads wechat_kinds and quiet_hours.
--   push_items     each user reads their own items and may change only read_at (column grant).
--                  No user role may insert or delete one: only app.match_job inserts them, and
--                  UNIQUE (user_id, job_id) keeps a job from reaching a student twice whatever
--                  calls it how often (a republish, a retried request, two publishes at once).
--
-- app.match_job(p_job uuid) returns table (user_id, reasons, instant, quiet_hours)
--   Who: service_role only (the API steps to it inside the publish transaction: the function
--   reads every student's intention, which no user may). For a published job of a verified
--   company it inserts a push item for every student whose intention matches and who has none for
--   this job yet, and answers those new items: `instant` (the student is in instant mode; the
--   item is marked delivered, the caller writes the notification in the same transaction) and the
--   student's quiet_hours. Any other job (NULL is 22023; a draft, closed, missing one) answers
--   nothing. Matching, where "any" is an empty array in the intention:
--     plan 拟就业, subscribed, at least one condition chosen (an empty intention is "no
--     preference", as in the feed: it is not a subscription to every job);
--     cities ∩ job.cities, categories ∋ category, industries ∋ industry, natures ∋ nature,
--     company_types ∋ the company's type, company_sizes ∋ its size (a job whose company left
--     its type or size empty matches only "any");
--     salary_min ≤ job.salary_max;
--     the job's degree: a student whose bound roster record names a lower degree is left out;
--     an unknown degree (no bound record) is not; majors never exclude (free text: 计算机 and
--     计算机科学与技术 are one wish), a listed major of the student's is a reason of its own.
--   Reasons are the chosen conditions that matched, in Chinese (城市：杭州 …); score = their count.
-- app.push_keys(p_cities text[], p_categories text[]) returns text[]: an intention's (city, category)
--   pairs for the index below. Pure; executable by authenticated because a student's own intention
--   write evaluates it (index maintenance); NULL gives NULL.
-- app.push_labels() returns jsonb: the Chinese labels of the vocabularies the reasons use (the
--   same maps as src/contracts/job-vocab.ts; tests/push/match.test.ts compares them). Internal.
--
-- app.match_candidates(p_job uuid): the same rows as match_job answers, for every match (an item
--   or not), read only: the matching itself; match_job inserts its rows. service_role only.
-- Index: "empty = any" cannot use job_intentions' plain GIN indexes (an OR with cardinality(...) = 0
-- is not indexable), so app.push_subscriptions holds one row per (city/category pair, intention that
-- can match) with the other conditions INCLUDEd: a job's candidates are an index-only scan.
-- Measured on 1,000,000 intentions: bench/push-match.ts, docs/flows/push.md.

-- ================================================================ push_settings
create table if not exists public.push_settings (
  user_id uuid primary key references public.app_users (id) on delete cascade,
  mode text not null default 'instant' check (mode in ('instant', 'digest')),
  -- 免打扰 22:00–08:00 Asia/Shanghai: WeChat messages wait until 08:00 (the inbox row does not)
  quiet_hours boolean not null default true,
  -- the message kinds (public.messages.kind) that may reach the student in WeChat
  wechat_kinds text[] not null
    default array['job_push', 'interview_invitation', 'application_update', 'event_reminder', 'job_invitation']
    check (wechat_kinds <@ array['job_push', 'interview_invitation', 'application_update', 'event_reminder',
      'job_invitation'] and array_position(wechat_kinds, null) is null),
  updated_at timestamptz not null default now()
);
alter table public.push_settings enable row level security;
revoke all on public.push_settings from anon, authenticated;
grant select, insert (user_id, mode, quiet_hours, wechat_kinds),
  update (mode, quiet_hours, wechat_kinds, updated_at) on public.push_settings to authenticated;
grant select, insert, update, delete on public.push_settings to service_role;

-- the primary key serves the filter
drop policy if exists push_settings_own on public.push_settings;
create policy push_settings_own on public.push_settings for all to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and (select app.my_role()) = 'student');

-- ================================================================ push_items (我的推送)
-- States: new (read_at null) → read; delivered_at is when its notification was written (at once in
-- instant mode, by the digest otherwise); digest_day is the China day of the digest that carried it.
create table if not exists public.push_items (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.app_users (id) on delete cascade,
  job_id uuid not null references public.jobs (id) on delete cascade,
  reasons text[] not null default '{}' check (cardinality(reasons) <= 12 and array_position(reasons, null) is null),
  score int not null default 0 check (score >= 0),
  created_at timestamptz not null default now(),
  read_at timestamptz,
  digest_day date,
  delivered_at timestamptz,
  constraint push_items_once unique (user_id, job_id),
  constraint push_items_digest_delivered check (digest_day is null or delivered_at is not null)
);
-- the list (keyset, newest first) and the policies' user_id filter
create index if not exists push_items_user_created_idx on public.push_items (user_id, created_at desc, id desc);
create index if not exists push_items_job_idx on public.push_items (job_id);
-- the digest's work list: only the undelivered items are in it
create index if not exists push_items_undelivered_idx on public.push_items (user_id) where delivered_at is null;
-- "had a digest that day": one probe per item the digest collects
create index if not exists push_items_digest_day_idx on public.push_items (user_id, digest_day)
  where digest_day is not null;
alter table public.push_items enable row level security;
revoke all on public.push_items from anon, authenticated;
grant select, update (read_at) on public.push_items to authenticated;
grant select, insert, update, delete on public.push_items to service_role;

drop policy if exists push_items_read_own on public.push_items;
create policy push_items_read_own on public.push_items for select to authenticated
  using (user_id = (select auth.uid()));
drop policy if exists push_items_mark_read_own on public.push_items;
create policy push_items_mark_read_own on public.push_items for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

-- ================================================================ the matching index
-- app.push_keys(cities, categories): an intention's (city, category) pairs, '*' standing for "any"
-- (an empty array): {杭州/tech, 上海/tech} or {*/tech} or {杭州/*}. A job in 杭州 of category tech
-- matches on both exactly when the pairs overlap {杭州/tech, 杭州/*, */tech, */*}: the two most
-- selective conditions together (each alone is a long posting list: 杭州 and "any city" are a sixth
-- of the intentions, tech a third). Pure (strict: NULL in, NULL out), reads nothing; executable by
-- authenticated (it was evaluated as the writer by an expression index before app.push_subscriptions).
create or replace function app.push_keys(p_cities text[], p_categories text[]) returns text[]
  language sql immutable strict parallel safe set search_path = ''
  as $$
  select array(
    select c || '/' || k
    from unnest(case when cardinality(p_cities) = 0 then '{*}'::text[] else p_cities end) as c,
         unnest(case when cardinality(p_categories) = 0 then '{*}'::text[] else p_categories end) as k)
  $$;
revoke all on function app.push_keys(text[], text[]) from public, anon;
grant execute on function app.push_keys(text[], text[]) to authenticated, service_role;

-- The pairs index of an earlier draft (a partial GIN over app.push_keys on job_intentions): it found
-- the candidates, but each was then a heap row of job_intentions, and a job's candidates lie on most
-- of its pages (16,500 of 26,000 pages read for 25,600 candidates: 200 ms from the OS cache).
drop index if exists public.job_intentions_push_keys_gin;

-- app.push_subscriptions: one row per (pair, subscribed intention), holding the other conditions,
-- so a job's candidates are a few ranges of ONE index read without the heap (an index-only scan:
-- about 500 pages for 25,000 candidates). Only the intentions that can match are in it: 拟就业,
-- subscribed, at least one condition chosen. Kept by a trigger on job_intentions (every insert,
-- update of a matching column, delete; an account's deletion cascades to its intention, and so here);
-- only the trigger writes it; service_role may read it (tests, diagnosis), no user role may.
create table if not exists app.push_subscriptions (
  key text not null,
  user_id uuid not null,
  industries text[] not null,
  natures text[] not null,
  company_types text[] not null,
  company_sizes text[] not null,
  salary_min int,
  constraint push_subscriptions_pkey primary key (key, user_id)
    include (industries, natures, company_types, company_sizes, salary_min)
);
-- the trigger's delete of one intention's rows
create index if not exists push_subscriptions_user_idx on app.push_subscriptions (user_id);
alter table app.push_subscriptions enable row level security;
revoke all on app.push_subscriptions from public, anon, authenticated, service_role;
grant select on app.push_subscriptions to service_role;
-- no user role has a grant either; the policy says so as a second lock (service_role bypasses RLS)
drop policy if exists push_subscriptions_none on app.push_subscriptions;
create policy push_subscriptions_none on app.push_subscriptions for select to authenticated using (false);

-- the rows of one intention (none when it cannot match); the trigger, the backfill below and the
-- benchmark's bulk load use it, so the three agree
create or replace function app.push_subscription_rows(i public.job_intentions)
  returns setof app.push_subscriptions
  language sql stable set search_path = ''
  as $$
  select distinct k, i.user_id, i.industries, i.natures, i.company_types, i.company_sizes, i.salary_min
  from unnest(app.push_keys(i.cities, i.categories)) as k
  where i.plan = 'employment' and i.subscribed
    -- an intention with no condition at all is "no preference", not a subscription to every job
    and (cardinality(i.cities) + cardinality(i.categories) + cardinality(i.industries)
         + cardinality(i.natures) + cardinality(i.company_types) + cardinality(i.company_sizes) > 0
         or i.salary_min is not null)
  $$;
revoke all on function app.push_subscription_rows(public.job_intentions) from public, anon, authenticated;
grant execute on function app.push_subscription_rows(public.job_intentions) to service_role;

create or replace function app.push_subscriptions_sync() returns trigger
  language plpgsql volatile security definer set search_path = ''
  as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from app.push_subscriptions s where s.user_id = old.user_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into app.push_subscriptions select * from app.push_subscription_rows(new);
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

-- intentions written before this migration (none in a fresh database); idempotent
insert into app.push_subscriptions
  select r.* from public.job_intentions i cross join lateral app.push_subscription_rows(i) r
  on conflict do nothing;

-- ================================================================ labels
create or replace function app.push_labels() returns jsonb
  language sql immutable set search_path = ''
  as $$
  select '{
    "category": {"tech": "技术研发", "product": "产品", "design": "设计", "operations": "运营",
      "marketing": "市场", "sales": "销售", "hr_admin": "人力/行政", "finance": "财务/金融",
      "education": "教育/培训", "healthcare": "医疗/护理", "engineering": "工程/制造", "research": "科研",
      "civil_service": "公务员/事业编", "other": "其他"},
    "industry": {"internet": "互联网/IT", "finance": "金融", "education": "教育培训", "manufacturing": "制造业",
      "healthcare": "医疗健康", "construction": "建筑/房地产", "energy": "能源/化工", "media": "文化传媒",
      "logistics": "交通物流", "public_service": "政府/公共事业", "consulting": "咨询/专业服务",
      "retail": "零售/消费品", "agriculture": "农林牧渔", "other": "其他"},
    "nature": {"full_time": "全职", "intern": "实习", "part_time": "兼职"},
    "company_type": {"soe": "国有企业", "private": "民营企业", "foreign": "外资企业", "joint": "合资企业",
      "public_institution": "事业单位", "government": "机关", "other": "其他"},
    "company_size": {"under_50": "50人以下", "50_299": "50-299人", "300_999": "300-999人",
      "1000_4999": "1000-4999人", "5000_plus": "5000人以上"},
    "degree": {"any": "不限", "college": "大专", "bachelor": "本科", "master": "硕士", "doctor": "博士"}
  }'::jsonb
  $$;
revoke all on function app.push_labels() from public, anon, authenticated;
grant execute on function app.push_labels() to service_role;

-- ================================================================ matching
-- app.match_candidates(job): who the job matches and why, read only (the matching itself: one
-- statement over app.push_subscriptions' index). app.match_job(job): writes their push items.
create or replace function app.match_candidates(p_job uuid)
  returns table (user_id uuid, reasons text[], instant boolean, quiet_hours boolean)
  language plpgsql stable security definer set search_path = ''
  as $$
declare
  v_job public.jobs%rowtype;
  v_labels jsonb := app.push_labels();
  v_keys text[];
  -- the job's degree as a rank (0: any); roster degree levels rank alike (junior_college = 大专)
  v_rank int;
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

  -- EXECUTE: planned for this job's values every time (杭州 is common, 拉萨 rare). A student is
  -- found once per matching pair (several for a job in several of their cities): grouped by
  -- student, the pairs' cities are the common cities, a category other than * means they chose
  -- categories; the other conditions are the same on each of a student's rows.
  return query execute $q$
  with hits as (
    select p.user_id,
      array_agg(substr(p.key, 1, length(p.key) - strpos(reverse(p.key), '/'))) as cities,
      bool_or(p.key not like '%/*') as categories,
      bool_or(cardinality(p.industries) > 0) as industries,
      bool_or(cardinality(p.natures) > 0) as natures,
      bool_or(cardinality(p.company_types) > 0) as company_types,
      bool_or(cardinality(p.company_sizes) > 0) as company_sizes,
      max(p.salary_min) as salary_min
    from app.push_subscriptions p
    where p.key = any ($2)
      and (cardinality(p.industries) = 0 or p.industries && $3)
      and (cardinality(p.natures) = 0 or p.natures && $4)
      and (cardinality(p.company_types) = 0 or p.company_types && $5)
      and (cardinality(p.company_sizes) = 0 or p.company_sizes && $6)
      and (p.salary_min is null or p.salary_min <= $7)
    group by p.user_id
  )
  select h.user_id, array_remove(array[
      case when h.cities <> '{*}' then '城市：' || case when cardinality(h.cities) = 1 then h.cities[1]
        else array_to_string(array(select c from unnest($9) with ordinality as x (c, n)
          where c = any (h.cities) order by n), '、') end end,
      case when h.categories then $11 end,
      case when h.industries then $12 end,
      case when h.natures then $13 end,
      case when h.company_types then $14 end,
      case when h.company_sizes then $15 end,
      case when h.salary_min is not null then '薪资不低于' || h.salary_min end,
      case when $8 > 0 and r.degree_level is not null then $16 end,
      case when r.major is not null and r.major = any ($10) then '专业：' || r.major end
    ], null),
    coalesce(s.mode, 'instant') = 'instant', coalesce(s.quiet_hours, true)
  from hits h
  left join public.roster_entries r on r.bound_user_id = h.user_id
  left join public.push_settings s on s.user_id = h.user_id
  where $8 = 0 or r.degree_level is null
    or (case r.degree_level when 'junior_college' then 1 when 'bachelor' then 2 when 'master' then 3
          else 4 end) >= $8
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

create or replace function app.match_job(p_job uuid)
  returns table (user_id uuid, reasons text[], instant boolean, quiet_hours boolean)
  language sql volatile security definer set search_path = ''
  as $$
  with c as materialized (
    select * from app.match_candidates(p_job)
  ),
  inserted as (
    insert into public.push_items as p (user_id, job_id, reasons, score, delivered_at)
    select c.user_id, p_job, c.reasons, cardinality(c.reasons), case when c.instant then now() end
    from c
    -- a fixed order: two matches of one job at once take the unique index's locks in the same order
    order by c.user_id
    on conflict (user_id, job_id) do nothing
    returning p.user_id, p.reasons, p.delivered_at is not null as instant
  )
  select ins.user_id, ins.reasons, ins.instant, c.quiet_hours
  from inserted ins join c on c.user_id = ins.user_id
  $$;
revoke all on function app.match_job(uuid) from public, anon, authenticated;
grant execute on function app.match_job(uuid) to service_role;
