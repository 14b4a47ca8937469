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
-- app.push_labels() returns jsonb: the Chinese labels of the vocabularies the reasons use (the
--   same maps as src/contracts/job-vocab.ts; tests/push/match.test.ts compares them). Internal.
--
-- Indexes: "empty = any" cannot use job_intentions' plain GIN indexes (an OR with
-- cardinality(...) = 0 is not indexable), so each selective condition has a partial GIN index over
-- the array with '*' standing for "any": `(case when cardinality(cities) = 0 then '{*}' else cities
-- end) && '{*,杭州}'` is one indexable condition, and the planner ANDs the bitmaps. Measured on
-- 1,000,000 intentions: bench/push-match.ts, docs/flows/push.md.

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
-- Partial (the only rows matching reads) and '*' for "any"; the expressions are repeated verbatim in
-- app.match_job, which is what lets the planner use them.
create index if not exists job_intentions_push_cities_gin on public.job_intentions
  using gin ((case when cardinality(cities) = 0 then '{*}'::text[] else cities end))
  where plan = 'employment' and subscribed;
create index if not exists job_intentions_push_categories_gin on public.job_intentions
  using gin ((case when cardinality(categories) = 0 then '{*}'::text[] else categories end))
  where plan = 'employment' and subscribed;
create index if not exists job_intentions_push_industries_gin on public.job_intentions
  using gin ((case when cardinality(industries) = 0 then '{*}'::text[] else industries end))
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
  -- each job's arrays decide which index is selective (杭州 is common, 拉萨 rare): plan every call
  set plan_cache_mode = force_custom_plan
  as $$
#variable_conflict use_column
declare
  v_job public.jobs%rowtype;
  v_labels jsonb := app.push_labels();
  v_cities text[];
  v_categories text[];
  v_industries text[];
  v_natures text[];
  v_types text[];
  v_sizes text[];
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
  v_cities := '{*}'::text[] || v_job.cities;
  v_categories := array['*', v_job.category];
  v_industries := array['*', v_job.industry];
  v_natures := array['*', v_job.nature];
  v_types := array_remove(array['*', v_job.company_type], null);
  v_sizes := array_remove(array['*', v_job.company_size], null);
  v_rank := case v_job.degree when 'college' then 1 when 'bachelor' then 2 when 'master' then 3
    when 'doctor' then 4 else 0 end;

  return query
  with matched as (
    select i.user_id, i.cities, i.categories, i.industries, i.natures, i.company_types,
           i.company_sizes, i.salary_min, r.degree_level, r.major
    from public.job_intentions i
    left join public.roster_entries r on r.bound_user_id = i.user_id
    where i.plan = 'employment' and i.subscribed
      and (case when cardinality(i.cities) = 0 then '{*}'::text[] else i.cities end) && v_cities
      and (case when cardinality(i.categories) = 0 then '{*}'::text[] else i.categories end) && v_categories
      and (case when cardinality(i.industries) = 0 then '{*}'::text[] else i.industries end) && v_industries
      and (cardinality(i.natures) = 0 or i.natures && v_natures)
      and (cardinality(i.company_types) = 0 or i.company_types && v_types)
      and (cardinality(i.company_sizes) = 0 or i.company_sizes && v_sizes)
      and (i.salary_min is null or i.salary_min <= v_job.salary_max)
      and (cardinality(i.cities) + cardinality(i.categories) + cardinality(i.industries)
           + cardinality(i.natures) + cardinality(i.company_types) + cardinality(i.company_sizes) > 0
           or i.salary_min is not null)
      and (v_rank = 0 or r.degree_level is null
           or (case r.degree_level when 'junior_college' then 1 when 'bachelor' then 2 when 'master' then 3
                 else 4 end) >= v_rank)
  ),
  reasoned as (
    select m.user_id, array_remove(array[
      case when cardinality(m.cities) > 0 then '城市：' || array_to_string(
        array(select c from unnest(v_job.cities) with ordinality as x (c, n) where c = any (m.cities) order by n),
        '、') end,
      case when cardinality(m.categories) > 0 then '职位类别：' || (v_labels->'category'->>v_job.category) end,
      case when cardinality(m.industries) > 0 then '行业：' || (v_labels->'industry'->>v_job.industry) end,
      case when cardinality(m.natures) > 0 then '工作性质：' || (v_labels->'nature'->>v_job.nature) end,
      case when cardinality(m.company_types) > 0 then '公司类型：' || (v_labels->'company_type'->>v_job.company_type) end,
      case when cardinality(m.company_sizes) > 0 then '公司规模：' || (v_labels->'company_size'->>v_job.company_size) end,
      case when m.salary_min is not null then '薪资不低于' || m.salary_min end,
      case when v_rank > 0 and m.degree_level is not null then '学历：' || (v_labels->'degree'->>v_job.degree) || '及以上' end,
      case when m.major is not null and m.major = any (v_job.majors) then '专业：' || m.major end
    ], null) as reasons
    from matched m
  ),
  inserted as (
    insert into public.push_items as p (user_id, job_id, reasons, score, delivered_at)
    select r.user_id, p_job, r.reasons, cardinality(r.reasons),
           case when coalesce(s.mode, 'instant') = 'instant' then now() end
    from reasoned r left join public.push_settings s on s.user_id = r.user_id
    -- a fixed order: two matches of one job at once take the unique index's locks in the same order
    order by r.user_id
    on conflict (user_id, job_id) do nothing
    returning p.user_id, p.reasons, p.delivered_at is not null as instant
  )
  select ins.user_id, ins.reasons, ins.instant, coalesce(s.quiet_hours, true)
  from inserted ins left join public.push_settings s on s.user_id = ins.user_id;
end
$$;
revoke all on function app.match_job(uuid) from public, anon, authenticated;
grant execute on function app.match_job(uuid) to service_role;
