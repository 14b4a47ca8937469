-- Jobs, part 3: search and the feed (issue 11 items 2, 3), intentions (求职意向) and favourites (收藏).
-- Idempotent (`create or replace`, `drop … if exists` + `create`, `if not exists`); runs as
-- Supabase's non-superuser `postgres` (pg_trgm is a trusted extension); touches neither `auth`
-- nor `storage`. Why these indexes, with the measurements and plans: docs/flows/jobs.md.
--
-- public.job_search: the public listing's search index, one row per listed job (published, of a
-- verified company — exactly the rows jobs_read_anon shows; expired ones stay, filtered by the
-- deadline copied here). Written only by the trigger jobs_20_search; every role reads every row.
-- Why a table of its own and not columns on jobs: a GIN index serves a query only through an
-- operator the planner may run before the row's policy, i.e. a LEAKPROOF one, and @>, && and
-- LIKE are not (only a superuser can mark them, which the hosted `postgres` is not). Under jobs'
-- policies every keyword search would read the whole table. A policy that is `true` adds no
-- condition, so here the indexes work, and the rows hold nothing that is not public: the search
-- joins jobs for the page it shows, and jobs' policies apply to those rows as to any read.
--   search_text    lower(NFKC(title ⏎ company_name ⏎ description)): what a keyword of 3 or more
--                  characters is matched against (`like '%…%'`, pg_trgm GIN). The line breaks
--                  keep a match from spanning two fields (a query term never holds whitespace).
--   search_grams   the distinct single characters and pairs of adjacent characters of the title and
--                  company name (letters and digits; spaces and punctuation split): a 1–2 character
--                  keyword, which trigrams cannot index, is `search_grams @> array[keyword]`.
--   search_facets  the filter values as tokens — city:杭州, category:tech, industry:internet,
--                  nature:full_time, degree:bachelor, type:soe, size:50_299 — in the same GIN
--                  indexes as the keyword columns, so keyword + city + category is one index scan
--                  that intersects posting lists, and only the matches are read. Plus each
--                  city_category:杭州/tech pair: the most common filter pair is then one short
--                  posting list instead of a long one (category:tech holds a quarter of all jobs)
--                  intersected with another; it halves the benchmark query (docs/flows/jobs.md).
--   published_at, salary_max, deadline   the two orders and the expiry, as on the job.
-- The TypeScript side (api/_lib/jobs/search.ts) normalises a query the same way and builds the
-- same tokens; tests/jobs/search-sql.test.ts compares the two.
--
-- Functions (internal: no user may execute them; the definer trigger calls them):
--   app.search_grams(text) returns text[], app.search_facets(text[], text, text, text, text, text, text)
--   returns text[], and the trigger functions app.jobs_search_sync(), app.job_intentions_touch().
-- No user-callable function: intentions and favourites are plain rows under the policies below.
--
-- job_intentions: a student reads and writes their own row (insert and update, never delete;
--   another plan than 拟就业 clears the job fields); school staff read the rows of the students
--   they cover (as student_profiles). updated_at is the trigger's.
-- job_favourites: a student reads and deletes their own rows and inserts one only for a job they
--   can see published, open (not past its deadline) and of a verified company.

create extension if not exists pg_trgm with schema extensions;

-- ================================================================ the search index
create table if not exists public.job_search (
  job_id uuid primary key references public.jobs (id) on delete cascade,
  published_at timestamptz not null,
  salary_max int not null,
  deadline date not null,
  search_text text not null,
  search_grams text[] not null,
  search_facets text[] not null
);
alter table public.job_search enable row level security;

create or replace function app.search_grams(p text) returns text[]
  language sql immutable parallel safe set search_path = ''
  as $$
    select coalesce(array_agg(distinct g.g), '{}')
    from regexp_split_to_table(coalesce(p, ''), '[[:space:][:punct:]]+') as w(w),
      lateral (
        select substr(w.w, i, 1) from generate_series(1, length(w.w)) i
        union all
        select substr(w.w, i, 2) from generate_series(1, length(w.w) - 1) i
      ) as g(g)
    where g.g <> ''
  $$;

create or replace function app.search_facets(
  p_cities text[], p_category text, p_industry text, p_nature text, p_degree text,
  p_company_type text, p_company_size text
) returns text[]
  language sql immutable parallel safe set search_path = ''
  as $$
    select array(select 'city:' || c from unnest(p_cities) c where c is not null)
      || array(select 'city_category:' || c || '/' || p_category from unnest(p_cities) c where c is not null)
      || array['category:' || p_category, 'industry:' || p_industry, 'nature:' || p_nature,
               'degree:' || p_degree]
      || case when p_company_type is null then '{}'::text[] else array['type:' || p_company_type] end
      || case when p_company_size is null then '{}'::text[] else array['size:' || p_company_size] end
  $$;

-- AFTER INSERT OR UPDATE on jobs, so it reads the row as stored: after jobs_10_company_fields
-- copied the company's name, type, size and verification (a BEFORE trigger), and after a company's
-- rename reaches its jobs through companies_20_sync_jobs. A job enters the index when it is
-- published by a verified company, is rewritten when what the index holds changes, and leaves
-- when it is closed or its company loses verification (deleted drafts never entered; the foreign
-- key cascades anyway). Definer: it writes job_search, which no user may, and calls the internal
-- helpers above.
create or replace function app.jobs_search_sync() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
begin
  if tg_op = 'UPDATE'
     and (new.status, new.company_verified, new.title, new.company_name, new.description, new.cities,
          new.category, new.industry, new.nature, new.degree, new.company_type, new.company_size,
          new.published_at, new.salary_max, new.deadline)
         is not distinct from
         (old.status, old.company_verified, old.title, old.company_name, old.description, old.cities,
          old.category, old.industry, old.nature, old.degree, old.company_type, old.company_size,
          old.published_at, old.salary_max, old.deadline) then
    return null;
  end if;
  if new.status = 'published' and new.company_verified then
    insert into public.job_search as s (job_id, published_at, salary_max, deadline, search_text,
      search_grams, search_facets)
    values (
      new.id, new.published_at, new.salary_max, new.deadline,
      lower(normalize(new.title || E'\n' || new.company_name || E'\n' || new.description, NFKC)),
      app.search_grams(lower(normalize(new.title || E'\n' || new.company_name, NFKC))),
      app.search_facets(new.cities, new.category, new.industry, new.nature, new.degree,
                        new.company_type, new.company_size))
    on conflict (job_id) do update set
      published_at = excluded.published_at, salary_max = excluded.salary_max,
      deadline = excluded.deadline, search_text = excluded.search_text,
      search_grams = excluded.search_grams, search_facets = excluded.search_facets;
  else
    delete from public.job_search where job_id = new.id;
  end if;
  return null;
end
$$;
drop trigger if exists jobs_20_search on public.jobs;
create trigger jobs_20_search after insert or update on public.jobs
  for each row execute function app.jobs_search_sync();

-- jobs listed before this migration
insert into public.job_search (job_id, published_at, salary_max, deadline, search_text, search_grams,
  search_facets)
select j.id, j.published_at, j.salary_max, j.deadline,
       lower(normalize(j.title || E'\n' || j.company_name || E'\n' || j.description, NFKC)),
       app.search_grams(lower(normalize(j.title || E'\n' || j.company_name, NFKC))),
       app.search_facets(j.cities, j.category, j.industry, j.nature, j.degree, j.company_type, j.company_size)
from public.jobs j
where j.status = 'published' and j.company_verified
on conflict (job_id) do nothing;

create index if not exists job_search_trgm_idx on public.job_search
  using gin (search_text extensions.gin_trgm_ops, search_facets);
create index if not exists job_search_grams_idx on public.job_search using gin (search_grams, search_facets);
-- the two orders of a list, walked with the filters when those match many rows
create index if not exists job_search_newest_idx on public.job_search (published_at desc, job_id desc);
create index if not exists job_search_salary_idx on public.job_search (salary_max desc, job_id desc);

-- One policy for both roles: every row is public (see the top of this file).
drop policy if exists job_search_read on public.job_search;
create policy job_search_read on public.job_search for select to anon, authenticated using (true);
revoke all on public.job_search from anon, authenticated;
grant select on public.job_search to anon, authenticated, service_role;

revoke all on function app.search_grams(text), app.search_facets(text[], text, text, text, text, text, text),
  app.jobs_search_sync() from public, anon, authenticated;

-- ================================================================ job_intentions (求职意向)
create or replace function app.job_intentions_touch() returns trigger
  language plpgsql set search_path = ''
  as $$
begin
  new.updated_at := now();
  return new;
end
$$;
revoke all on function app.job_intentions_touch() from public, anon, authenticated;
drop trigger if exists job_intentions_10_touch on public.job_intentions;
create trigger job_intentions_10_touch before insert or update on public.job_intentions
  for each row execute function app.job_intentions_touch();

drop policy if exists job_intentions_read on public.job_intentions;
create policy job_intentions_read on public.job_intentions for select to authenticated
  using (
    user_id = (select auth.uid())
    or exists (
      select 1 from public.roster_entries r
      where r.bound_user_id = job_intentions.user_id and app.staff_covers(r.school_id, r.college))
  );
drop policy if exists job_intentions_insert_own on public.job_intentions;
create policy job_intentions_insert_own on public.job_intentions for insert to authenticated
  with check (user_id = (select auth.uid()) and (select app.my_role()) = 'student');
drop policy if exists job_intentions_update_own on public.job_intentions;
create policy job_intentions_update_own on public.job_intentions for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and (select app.my_role()) = 'student');

revoke all on public.job_intentions from anon, authenticated;
grant select on public.job_intentions to authenticated;
grant insert (user_id, plan, natures, cities, categories, industries, company_types, company_sizes,
  salary_min, subscribed) on public.job_intentions to authenticated;
grant update (plan, natures, cities, categories, industries, company_types, company_sizes, salary_min,
  subscribed) on public.job_intentions to authenticated;
grant select, insert, update, delete on public.job_intentions to service_role;

-- ================================================================ job_favourites (收藏)
drop policy if exists job_favourites_read_own on public.job_favourites;
create policy job_favourites_read_own on public.job_favourites for select to authenticated
  using (user_id = (select auth.uid()));
-- The job must be one the caller can see (the jobs policies apply inside this sub-query) and open:
-- published, not past its deadline (China date), of a verified company.
drop policy if exists job_favourites_insert_own on public.job_favourites;
create policy job_favourites_insert_own on public.job_favourites for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and (select app.my_role()) = 'student'
    and exists (
      select 1 from public.jobs j
      where j.id = job_favourites.job_id and j.status = 'published' and j.company_verified
        and j.deadline >= (now() at time zone 'Asia/Shanghai')::date)
  );
drop policy if exists job_favourites_delete_own on public.job_favourites;
create policy job_favourites_delete_own on public.job_favourites for delete to authenticated
  using (user_id = (select auth.uid()));

revoke all on public.job_favourites from anon, authenticated;
grant select, delete on public.job_favourites to authenticated;
grant insert (user_id, job_id) on public.job_favourites to authenticated;
grant select, insert, update, delete on public.job_favourites to service_role;
