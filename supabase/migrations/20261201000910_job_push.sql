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
-- Indexes: "empty = any" cannot use job_intentions' plain GIN indexes (an OR with
-- cardinality(...) = 0 is not indexable), so the selective conditions have partial GIN indexes over
-- arrays with '*' standing for "any": city and category together as pairs (app.push_keys), industry
-- alone; `… && '{*,internet}'` is one indexable condition, and the planner ANDs the bitmaps.
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

-- ================================================================ matching indexes
-- app.push_keys(cities, categories): an intention's (city, category) pairs, '*' standing for "any"
-- (an empty array): {杭州/tech, 上海/tech} or {*/tech} or {杭州/*}. A job in 杭州 of category tech
-- matches on both exactly when the pairs overlap {杭州/tech, 杭州/*, */tech, */*}: ONE indexable
-- condition for the two most selective conditions together (each alone is a long posting list:
-- 杭州 and "any city" are a sixth of the intentions, tech a third). The rest (industry, nature, company
-- type and size, salary, degree) filter the rows the pairs find.
-- Executable by authenticated too: a student's own write of their intention maintains the index,
-- which evaluates the function as the writer. It is pure (strict: NULL in, NULL out) and reads nothing.
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

-- Partial (the only rows matching reads); the expression is repeated verbatim in app.match_job,
-- which is what lets the planner use it. Only this one condition is indexable there, on purpose: an
-- index of industries ('*' for any) estimated alike was chosen instead and read 392,000 rows where
-- the pairs read 33,000 (bench/push-match.ts, docs/flows/push.md).
create index if not exists job_intentions_push_keys_gin on public.job_intentions
  using gin (app.push_keys(cities, categories))
  where plan = 'employment' and subscribed;

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
create or replace function app.match_job(p_job uuid)
  returns table (user_id uuid, reasons text[], instant boolean, quiet_hours boolean)
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_job public.jobs%rowtype;
  v_labels jsonb := app.push_labels();
  v_keys text[];
  v_natures text[];
  v_types text[];
  v_sizes text[];
  -- the job's degree as a rank (0: any); roster degree levels rank alike (junior_college = 大专)
  v_rank int;
  -- the reasons that read the same for every student: worked out once, not per row
  v_r_category text;
  v_r_industry text;
  v_r_nature text;
  v_r_type text;
  v_r_size text;
  v_r_degree text;
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
  v_natures := array[v_job.nature];
  v_types := array_remove(array[v_job.company_type], null);
  v_sizes := array_remove(array[v_job.company_size], null);
  v_rank := case v_job.degree when 'college' then 1 when 'bachelor' then 2 when 'master' then 3
    when 'doctor' then 4 else 0 end;
  v_r_category := '职位类别：' || (v_labels->'category'->>v_job.category);
  v_r_industry := '行业：' || (v_labels->'industry'->>v_job.industry);
  v_r_nature := '工作性质：' || (v_labels->'nature'->>v_job.nature);
  v_r_type := '公司类型：' || (v_labels->'company_type'->>v_job.company_type);
  v_r_size := '公司规模：' || (v_labels->'company_size'->>v_job.company_size);
  v_r_degree := '学历：' || (v_labels->'degree'->>v_job.degree) || '及以上';

  -- EXECUTE: planned for this job's values every time (杭州 is common, 拉萨 rare), while the foreign
  -- key checks of the insert keep their cached plans (a function-wide plan_cache_mode would re-plan
  -- each of them, per row: measured twice as slow)
  return query execute $q$
  with matched as (
    select i.user_id, i.cities, i.categories, i.industries, i.natures, i.company_types,
           i.company_sizes, i.salary_min, r.degree_level, r.major
    from public.job_intentions i
    left join public.roster_entries r on r.bound_user_id = i.user_id
    where i.plan = 'employment' and i.subscribed
      and app.push_keys(i.cities, i.categories) && $2
      and (cardinality(i.industries) = 0 or i.industries && $3)
      and (cardinality(i.natures) = 0 or i.natures && $4)
      and (cardinality(i.company_types) = 0 or i.company_types && $5)
      and (cardinality(i.company_sizes) = 0 or i.company_sizes && $6)
      and (i.salary_min is null or i.salary_min <= $7)
      -- an intention with no condition at all is "no preference", not a subscription to every job
      and (cardinality(i.cities) + cardinality(i.categories) + cardinality(i.industries)
           + cardinality(i.natures) + cardinality(i.company_types) + cardinality(i.company_sizes) > 0
           or i.salary_min is not null)
      and ($8 = 0 or r.degree_level is null
           or (case r.degree_level when 'junior_college' then 1 when 'bachelor' then 2 when 'master' then 3
                 else 4 end) >= $8)
  ),
  reasoned as (
    select m.user_id, array_remove(array[
      case when cardinality(m.cities) > 0 then '城市：' || case when cardinality($9) = 1 then $9[1]
        else array_to_string(array(select c from unnest($9) with ordinality as x (c, n)
          where c = any (m.cities) order by n), '、') end end,
      case when cardinality(m.categories) > 0 then $11 end,
      case when cardinality(m.industries) > 0 then $12 end,
      case when cardinality(m.natures) > 0 then $13 end,
      case when cardinality(m.company_types) > 0 then $14 end,
      case when cardinality(m.company_sizes) > 0 then $15 end,
      case when m.salary_min is not null then '薪资不低于' || m.salary_min end,
      case when $8 > 0 and m.degree_level is not null then $16 end,
      case when m.major is not null and m.major = any ($10) then '专业：' || m.major end
    ], null) as reasons
    from matched m
  ),
  inserted as (
    insert into public.push_items as p (user_id, job_id, reasons, score, delivered_at)
    select r.user_id, $1, r.reasons, cardinality(r.reasons),
           case when coalesce(s.mode, 'instant') = 'instant' then now() end
    from reasoned r left join public.push_settings s on s.user_id = r.user_id
    -- a fixed order: two matches of one job at once take the unique index's locks in the same order
    order by r.user_id
    on conflict (user_id, job_id) do nothing
    returning p.user_id, p.reasons, p.delivered_at is not null as instant
  )
  select ins.user_id, ins.reasons, ins.instant, coalesce(s.quiet_hours, true)
  from inserted ins left join public.push_settings s on s.user_id = ins.user_id
  $q$
  using p_job, v_keys, array[v_job.industry], v_natures, v_types, v_sizes, v_job.salary_max, v_rank,
    v_job.cities, v_job.majors, v_r_category, v_r_industry, v_r_nature, v_r_type, v_r_size, v_r_degree;
end
$$;
revoke all on function app.match_job(uuid) from public, anon, authenticated;
grant execute on function app.match_job(uuid) to service_role;
