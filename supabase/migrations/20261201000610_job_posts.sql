-- Jobs, part 2: company profiles and job posts (issue 11 item 1). The tables are the lead's
-- (000600); here are their rules: policies, column grants, the triggers that keep the copied
-- company fields honest, and the two transitions of a post. Idempotent (`create or replace`,
-- `drop … if exists` + `create`, `if not exists`); runs as Supabase's non-superuser `postgres`.
--
-- A job post: draft → published → closed. `expired` is not stored: a published job whose deadline
-- (a China date) is before today in Asia/Shanghai reads as expired (api/_lib/jobs/row.ts computes
-- it in the select list, because anon may not execute app.* helpers; app.publish_job uses the same
-- rule). A closed job is never published again; a draft is deleted, not closed.
--
-- Columns added here (the lead's 000600 left them out):
--   jobs.company_verified   copied from companies.verified_at by trigger, like company_name: the
--                           public read policy is then one column of the row itself, no sub-query
--                           per row, and anon's policy needs no app.* helper.
--   companies_verified_at_pair (check)  verified = (verified_at is not null): the one meaning of
--                           "verified", whichever column a reader uses.
--
-- Functions (`security definer set search_path = ''`, executable by `authenticated` only).
-- "raises 42501" = no caller (claims without `sub`); "raises 22023" = a NULL/ill-formed argument.
--
-- app.publish_job(p_job uuid) returns jsonb
--   Who: members (employer accounts) of the job's company. Outcomes ({outcome, …}):
--   published {published_at} · already_published (published and not expired; nothing changes) ·
--   not_found (no such job, or another company's) · forbidden (the caller is no company's member) ·
--   closed (a closed job is never republished) · deadline_passed (draft or published past its
--   deadline: change the deadline first) · company_unverified.
-- app.close_job(p_job uuid) returns jsonb
--   Who: members of the job's company; platform admins (moderation) for any job. Outcomes:
--   closed {closed_at} · already_closed · not_found · forbidden (neither a member nor an admin) ·
--   draft (a draft was never public: delete it instead).
-- app.set_company_logo(p_path text) returns text
--   Who: company members. p_path must be 'companies/<own company id>/<uuid>.png|jpg' (else
--   22023; a caller without a company raises 42501). Returns the previous path (NULL if none).
--
-- app.my_job_interests() returns uuid[]
--   Who: anyone signed in (the jobs policy calls it). The jobs the caller favourited, applied to
--   or was invited to (job_invites).
--
-- Internal (no user may execute them): the trigger functions app.companies_before_write(),
-- app.companies_sync_jobs(), app.jobs_company_fields().

-- ================================================================ companies: verified means one thing
update public.companies set verified_at = coalesce(verified_at, created_at) where verified and verified_at is null;
update public.companies set verified_at = null, verified_by = null where not verified and verified_at is not null;
alter table public.companies drop constraint if exists companies_verified_at_pair;
alter table public.companies add constraint companies_verified_at_pair
  check (verified = (verified_at is not null));

-- Before every write to a company, by anyone: verified_at follows verified (a writer that sets only
-- the flag, as the system's fixtures and scripts do, still gets a time); a signed-in member may
-- change the name and credit code only while the company is unverified (the verification vouched
-- for exactly those, and a grant cannot say "until verified"); updated_at is stamped.
create or replace function app.companies_before_write() returns trigger
  language plpgsql set search_path = ''
  as $$
begin
  if new.verified and new.verified_at is null then
    new.verified_at := now();
  elsif not new.verified then
    new.verified_at := null;
  end if;
  if tg_op = 'UPDATE' then
    if auth.uid() is not null and old.verified_at is not null
       and (new.name is distinct from old.name or new.credit_code is distinct from old.credit_code) then
      raise exception 'company %: name and credit code are fixed once verified', old.id
        using errcode = '42501';
    end if;
    new.updated_at := now();
  end if;
  return new;
end
$$;
drop trigger if exists companies_10_before_write on public.companies;
create trigger companies_10_before_write before insert or update on public.companies
  for each row execute function app.companies_before_write();

-- After a company's name, type, size or verification changes, its jobs' copies follow. Definer:
-- the member's own grants on jobs name none of these columns, and closed jobs must follow too.
create or replace function app.companies_sync_jobs() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
begin
  if new.name is distinct from old.name or new.company_type is distinct from old.company_type
     or new.company_size is distinct from old.company_size
     or (new.verified_at is null) is distinct from (old.verified_at is null) then
    update public.jobs
      set company_name = new.name, company_type = new.company_type, company_size = new.company_size,
          company_verified = new.verified_at is not null
      where company_id = new.id;
  end if;
  return null;
end
$$;
drop trigger if exists companies_20_sync_jobs on public.companies;
create trigger companies_20_sync_jobs after update on public.companies
  for each row execute function app.companies_sync_jobs();

-- ================================================================ companies: who reads and writes
-- companies_read (authenticated, 000500) is unchanged: verified companies, one's own, admins all.
-- Anon reads verified companies too (the company page is public before login), with a column
-- grant that leaves out who verified it.
drop policy if exists companies_read_anon on public.companies;
create policy companies_read_anon on public.companies for select to anon
  using (verified_at is not null);
revoke select on public.companies from anon;
grant select (id, name, credit_code, verified, verified_at, company_type, company_size, industry, city,
  address, intro, website, contact_name, contact_phone, contact_email, logo_path, created_at, updated_at)
  on public.companies to anon;

-- Members edit their company's profile. Verification is app.verify_company's, the logo
-- app.set_company_logo's: neither column is granted.
drop policy if exists companies_update_own on public.companies;
create policy companies_update_own on public.companies for update to authenticated
  using (id = (select app.my_company()))
  with check (id = (select app.my_company()));
revoke update on public.companies from authenticated;
grant update (name, credit_code, company_type, company_size, industry, city, address, intro, website,
  contact_name, contact_phone, contact_email) on public.companies to authenticated;

create or replace function app.set_company_logo(p_path text) returns text
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_company uuid := app.my_company();
  v_previous text;
begin
  if auth.uid() is null or v_company is null then
    raise exception 'only a company member sets its logo' using errcode = '42501';
  end if;
  if p_path is null or p_path !~ ('^companies/' || v_company::text
       || '/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg)$') then
    raise exception 'set_company_logo: the path must be companies/<own company id>/<uuid>.png|jpg'
      using errcode = '22023';
  end if;
  select logo_path into v_previous from public.companies where id = v_company for update;
  update public.companies set logo_path = p_path where id = v_company;
  return v_previous;
end
$$;

-- ================================================================ jobs: the copied company fields
alter table public.jobs add column if not exists company_verified boolean not null default false;

-- BEFORE INSERT OR UPDATE, whoever writes (named so it fires before H2's jobs_20_search, which reads
-- NEW.company_name): the company's name, type, size and verification are copied from companies,
-- never taken from the writer. A signed-in user's write may not set a deadline in the past (the
-- system's may: fixtures, demo data). updated_at is stamped on the job's own updates, not on the
-- copies a company change makes (those arrive from companies_sync_jobs, one trigger level down).
create or replace function app.jobs_company_fields() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
declare
  v_company public.companies%rowtype;
begin
  select * into v_company from public.companies where id = new.company_id;
  if found then
    new.company_name := v_company.name;
    new.company_type := v_company.company_type;
    new.company_size := v_company.company_size;
    new.company_verified := v_company.verified_at is not null;
  end if;
  if auth.uid() is not null and (tg_op = 'INSERT' or new.deadline is distinct from old.deadline)
     and new.deadline < (now() at time zone 'Asia/Shanghai')::date then
    raise exception 'job deadline % is in the past', new.deadline
      using errcode = '23514', constraint = 'jobs_deadline_not_past';
  end if;
  if tg_op = 'UPDATE' and pg_trigger_depth() = 1 then
    new.updated_at := now();
  end if;
  return new;
end
$$;
drop trigger if exists jobs_10_company_fields on public.jobs;
create trigger jobs_10_company_fields before insert or update on public.jobs
  for each row execute function app.jobs_company_fields();

-- rows written before this migration
update public.jobs j
  set company_name = c.name, company_type = c.company_type, company_size = c.company_size,
      company_verified = c.verified_at is not null
  from public.companies c
  where c.id = j.company_id
    and (j.company_name, j.company_type, j.company_size, j.company_verified)
        is distinct from (c.name, c.company_type, c.company_size, c.verified_at is not null);

-- a company page lists its open jobs, newest first
create index if not exists jobs_company_published_idx on public.jobs (company_id, published_at desc, id desc)
  where status = 'published';
-- (the employer's own list pages by (created_at, id) within the company: 000600's jobs_company_idx)

-- ================================================================ jobs: who reads and writes
-- The jobs a user favourited, applied to or was invited to: they keep seeing those after the job
-- closes (the favourites tab, the application list and the invitations show it as 已关闭). One array per statement (an initplan
-- in the policy), read with the owner's rights so the policy does not depend on the grants of
-- job_favourites and applications.
create or replace function app.my_job_interests() returns uuid[]
  language sql stable security definer set search_path = ''
  as $$
    select coalesce(array_agg(distinct t.job_id), '{}')
    from (
      select f.job_id from public.job_favourites f where f.user_id = auth.uid()
      union all
      select a.job_id from public.applications a where a.student_id = auth.uid()
      union all
      select i.job_id from public.job_invites i where i.student_id = auth.uid()
    ) t
  $$;

-- Select: published jobs of verified companies are public (anon too: the feed and the detail page
-- work before login; expired ones included, shown as expired). A company's members see all their
-- company's jobs; platform admins see all; a user sees the jobs they favourited, applied or were
-- invited to.
-- anon's policy is its own (it may not run app.* helpers).
drop policy if exists jobs_read_anon on public.jobs;
create policy jobs_read_anon on public.jobs for select to anon
  using (status = 'published' and company_verified);
drop policy if exists jobs_read on public.jobs;
create policy jobs_read on public.jobs for select to authenticated
  using (
    (status = 'published' and company_verified)
    or company_id = (select app.my_company())
    or (select app.my_role()) = 'platform_admin'
    or id = any ((select app.my_job_interests())::uuid[])
  );

-- Insert: members create drafts of their own company, as themselves. status, published_at and
-- closed_at are not granted (a new row is a draft by default); the company fields are the trigger's.
drop policy if exists jobs_insert_own on public.jobs;
create policy jobs_insert_own on public.jobs for insert to authenticated
  with check (
    company_id = (select app.my_company())
    and created_by = (select auth.uid())
    and status = 'draft'
  );

-- Update: members edit the content of their company's drafts and published jobs (a published job
-- stays published); a closed job is final. Only content columns are granted: never status,
-- published_at, closed_at, company_id, created_by or the company copies.
drop policy if exists jobs_update_own on public.jobs;
create policy jobs_update_own on public.jobs for update to authenticated
  using (company_id = (select app.my_company()) and status <> 'closed')
  with check (company_id = (select app.my_company()) and status <> 'closed');

-- Delete: a draft only (it was never public, nobody applied to or favourited it); published jobs
-- are closed instead, so applications keep their job.
drop policy if exists jobs_delete_draft on public.jobs;
create policy jobs_delete_draft on public.jobs for delete to authenticated
  using (company_id = (select app.my_company()) and status = 'draft');

revoke all on public.jobs from anon, authenticated;
grant select on public.jobs to anon, authenticated;
grant insert (company_id, created_by, title, category, industry, cities, salary_min, salary_max, degree,
  majors, headcount, nature, description, contact, deadline) on public.jobs to authenticated;
grant update (title, category, industry, cities, salary_min, salary_max, degree, majors, headcount,
  nature, description, contact, deadline) on public.jobs to authenticated;
grant delete on public.jobs to authenticated;
grant select, insert, update, delete on public.jobs to service_role;

-- ================================================================ transitions
create or replace function app.publish_job(p_job uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_company uuid := app.my_company();
  v_job public.jobs%rowtype;
  v_today date := (now() at time zone 'Asia/Shanghai')::date;
  v_at timestamptz;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_job is null then
    raise exception 'publish_job: the job is required' using errcode = '22023';
  end if;
  if v_company is null then
    return jsonb_build_object('outcome', 'forbidden');
  end if;
  select * into v_job from public.jobs where id = p_job for update;
  if not found or v_job.company_id is distinct from v_company then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_job.status = 'closed' then
    return jsonb_build_object('outcome', 'closed');
  end if;
  if v_job.deadline < v_today then
    return jsonb_build_object('outcome', 'deadline_passed');
  end if;
  if v_job.status = 'published' then
    return jsonb_build_object('outcome', 'already_published');
  end if;
  if not exists (select 1 from public.companies c where c.id = v_company and c.verified_at is not null) then
    return jsonb_build_object('outcome', 'company_unverified');
  end if;
  update public.jobs set status = 'published', published_at = now() where id = p_job
    returning published_at into v_at;
  return jsonb_build_object('outcome', 'published', 'published_at', v_at);
end
$$;

create or replace function app.close_job(p_job uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_company uuid := app.my_company();
  v_admin boolean := app.my_role() is not distinct from 'platform_admin';
  v_job public.jobs%rowtype;
  v_at timestamptz;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_job is null then
    raise exception 'close_job: the job is required' using errcode = '22023';
  end if;
  if v_company is null and not v_admin then
    return jsonb_build_object('outcome', 'forbidden');
  end if;
  select * into v_job from public.jobs where id = p_job for update;
  if not found or (not v_admin and v_job.company_id is distinct from v_company) then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_job.status = 'closed' then
    return jsonb_build_object('outcome', 'already_closed');
  end if;
  if v_job.status = 'draft' then
    return jsonb_build_object('outcome', 'draft');
  end if;
  update public.jobs set status = 'closed', closed_at = now() where id = p_job
    returning closed_at into v_at;
  return jsonb_build_object('outcome', 'closed', 'closed_at', v_at);
end
$$;

-- ================================================================ grants
revoke all on function app.publish_job(uuid), app.close_job(uuid), app.set_company_logo(text),
  app.my_job_interests() from public, anon;
grant execute on function app.publish_job(uuid), app.close_job(uuid), app.set_company_logo(text),
  app.my_job_interests() to authenticated;
revoke all on function app.companies_before_write(), app.companies_sync_jobs(), app.jobs_company_fields()
  from public, anon, authenticated;
