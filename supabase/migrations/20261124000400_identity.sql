-- Identity: WeChat identities, the graduate roster (生源库), binding to it, manual review for
-- graduates of other regions, staff scope (school or college level, fair-staff assignments),
-- company verification, and the student's own profile and privacy settings.
-- Who may do what is decided here: policies read the caller's CURRENT role and scope from
-- app_users (through app.* functions), not only what the token claims.

-- ================================================================ scope of each role
alter table public.app_users add column if not exists college text;
alter table public.app_users add column if not exists verified_at timestamptz;
alter table public.app_users drop constraint if exists app_users_scope;
-- a student's school is null until they bind to the roster (or pass manual review)
alter table public.app_users add constraint app_users_scope check (
  (role = 'student' and company_id is null and college is null)
  or (role = 'school_staff' and school_id is not null and company_id is null)
  or (role = 'employer' and company_id is not null and school_id is null and college is null)
  or (role = 'fair_staff' and company_id is null and college is null)
  or (role = 'platform_admin' and company_id is null and school_id is null and college is null)
);
create index if not exists app_users_school_idx on public.app_users (school_id);
create index if not exists app_users_company_idx on public.app_users (company_id);

alter table public.companies add column if not exists verified_at timestamptz;
alter table public.companies add column if not exists verified_by uuid references public.app_users (id);

-- ================================================================ the caller, as the database sees it
create schema if not exists app;
grant usage on schema app to anon, authenticated, service_role;

-- SECURITY DEFINER so policies on app_users itself can call them without recursion; each reads
-- only the caller's own row. Wrapped in (select …) inside policies, they run once per statement.
create or replace function app.my_role() returns text
  language sql stable security definer set search_path = ''
  as $$ select u.role from public.app_users u where u.id = auth.uid() and u.disabled_at is null $$;
create or replace function app.my_school() returns uuid
  language sql stable security definer set search_path = ''
  as $$ select u.school_id from public.app_users u where u.id = auth.uid() and u.disabled_at is null $$;
create or replace function app.my_college() returns text
  language sql stable security definer set search_path = ''
  as $$ select u.college from public.app_users u where u.id = auth.uid() and u.disabled_at is null $$;
create or replace function app.my_company() returns uuid
  language sql stable security definer set search_path = ''
  as $$ select u.company_id from public.app_users u where u.id = auth.uid() and u.disabled_at is null $$;

-- staff who may act on a student record of (school, college): school-level staff of that school,
-- or college-level staff of that college
create or replace function app.staff_covers(p_school uuid, p_college text) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select exists (
      select 1 from public.app_users u
      where u.id = auth.uid() and u.disabled_at is null and u.role = 'school_staff'
        and u.school_id = p_school and (u.college is null or u.college = p_college)
    )
  $$;

revoke all on function app.my_role(), app.my_school(), app.my_college(), app.my_company(),
  app.staff_covers(uuid, text) from public;
grant execute on function app.my_role(), app.my_school(), app.my_college(), app.my_company(),
  app.staff_covers(uuid, text) to authenticated, service_role;

-- ================================================================ tables
create table if not exists public.wechat_identities (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references public.app_users (id) on delete cascade,
  appid text not null,
  openid text not null,
  unionid text,
  created_at timestamptz not null default now(),
  last_login_at timestamptz not null default now(),
  unique (appid, openid)
);
create index if not exists wechat_identities_unionid_idx on public.wechat_identities (unionid) where unionid is not null;

create table if not exists public.roster_entries (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  college text not null check (length(college) between 1 and 100),
  major text not null check (length(major) between 1 and 100),
  degree_level text not null check (degree_level in ('junior_college', 'bachelor', 'master', 'doctor')),
  graduation_year int not null check (graduation_year between 2000 and 2100),
  student_number text not null check (student_number ~ '^[0-9A-Za-z-]{1,32}$'),
  name text not null check (length(name) between 1 and 50),
  -- keyed hash for matching, masked form for display; the number itself only encrypted
  id_card_hash text not null,
  id_card_masked text not null check (id_card_masked ~ '^[0-9]{4}\*{10}[0-9]{3}[0-9X]$'),
  id_card_cipher text not null,
  gender text not null check (gender in ('male', 'female')),
  origin text check (length(origin) <= 100),
  phone text check (phone ~ '^1[3-9][0-9]{9}$'),
  bound_user_id uuid unique references public.app_users (id) on delete set null,
  bound_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (school_id, student_number),
  constraint roster_bound_pair check ((bound_user_id is null) = (bound_at is null))
);
create index if not exists roster_entries_school_college_idx on public.roster_entries (school_id, college);
create index if not exists roster_entries_id_hash_idx on public.roster_entries (id_card_hash);

-- every binding try, for rate limits and for the school to see who tried a record
create table if not exists public.binding_attempts (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.app_users (id) on delete cascade,
  school_id uuid references public.schools (id),
  roster_entry_id uuid references public.roster_entries (id) on delete set null,
  outcome text not null check (outcome in ('bound', 'not_found', 'mismatch', 'already_bound', 'rate_limited')),
  failed_field text,
  created_at timestamptz not null default now()
);
create index if not exists binding_attempts_user_idx on public.binding_attempts (user_id, created_at desc);
create index if not exists binding_attempts_entry_idx on public.binding_attempts (roster_entry_id, created_at desc);

-- graduates of other regions (000 §2.3): identity checked by hand
create table if not exists public.binding_reviews (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.app_users (id) on delete cascade,
  -- the school asked to review; null → platform admins review
  school_id uuid references public.schools (id),
  graduated_from text not null check (length(graduated_from) between 2 and 100),
  name text not null check (length(name) between 1 and 50),
  degree_level text not null check (degree_level in ('junior_college', 'bachelor', 'master', 'doctor')),
  graduation_year int not null check (graduation_year between 2000 and 2100),
  major text not null check (length(major) between 1 and 100),
  id_card_hash text not null,
  id_card_masked text not null,
  id_card_cipher text not null,
  note text check (length(note) <= 500),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
  reason text check (length(reason) <= 500),
  reviewed_by uuid references public.app_users (id),
  reviewed_at timestamptz,
  created_at timestamptz not null default now(),
  constraint binding_reviews_reject_reason check (status <> 'rejected' or reason is not null)
);
create unique index if not exists binding_reviews_one_pending on public.binding_reviews (user_id) where status = 'pending';
create index if not exists binding_reviews_school_idx on public.binding_reviews (school_id, status);
create index if not exists binding_reviews_user_idx on public.binding_reviews (user_id);

create table if not exists public.student_profiles (
  user_id uuid primary key references public.app_users (id) on delete cascade,
  phone text check (phone ~ '^1[3-9][0-9]{9}$'),
  email text check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(email) <= 100),
  avatar_path text check (length(avatar_path) <= 300),
  hometown text check (length(hometown) <= 100),
  intro text check (length(intro) <= 500),
  updated_at timestamptz not null default now()
);

create table if not exists public.privacy_settings (
  user_id uuid primary key references public.app_users (id) on delete cascade,
  -- employers' talent search may list the student's resume
  resume_searchable boolean not null default false,
  -- employers may see the phone number (on applications and in talent search)
  phone_visible boolean not null default false,
  updated_at timestamptz not null default now()
);

create table if not exists public.event_staff (
  event_id uuid not null references public.events (id) on delete cascade,
  user_id uuid not null references public.app_users (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (event_id, user_id)
);
create index if not exists event_staff_user_idx on public.event_staff (user_id);

-- ================================================================ RLS
alter table public.wechat_identities enable row level security;
alter table public.roster_entries enable row level security;
alter table public.binding_attempts enable row level security;
alter table public.binding_reviews enable row level security;
alter table public.student_profiles enable row level security;
alter table public.privacy_settings enable row level security;
alter table public.event_staff enable row level security;

-- app_users: own row; staff see the students of their school (college); admins see all
drop policy if exists app_users_read_scoped on public.app_users;
create policy app_users_read_scoped on public.app_users for select to authenticated
  using (
    (select app.my_role()) = 'platform_admin'
    or (role = 'student' and app.staff_covers(school_id, (
      select r.college from public.roster_entries r where r.bound_user_id = app_users.id)))
  );

drop policy if exists companies_admin_verify on public.companies;
create policy companies_admin_verify on public.companies for update to authenticated
  using ((select app.my_role()) = 'platform_admin')
  with check ((select app.my_role()) = 'platform_admin');
drop policy if exists companies_admin_read on public.companies;
create policy companies_admin_read on public.companies for select to authenticated
  using ((select app.my_role()) = 'platform_admin');

-- roster: the bound student sees their record; staff their school (college); admins all
drop policy if exists roster_read on public.roster_entries;
create policy roster_read on public.roster_entries for select to authenticated
  using (
    bound_user_id = (select auth.uid())
    or app.staff_covers(school_id, college)
    or (select app.my_role()) = 'platform_admin'
  );
drop policy if exists roster_staff_insert on public.roster_entries;
create policy roster_staff_insert on public.roster_entries for insert to authenticated
  with check (app.staff_covers(school_id, college) and bound_user_id is null);
drop policy if exists roster_staff_update on public.roster_entries;
create policy roster_staff_update on public.roster_entries for update to authenticated
  using (app.staff_covers(school_id, college))
  with check (app.staff_covers(school_id, college));
drop policy if exists roster_staff_delete on public.roster_entries;
create policy roster_staff_delete on public.roster_entries for delete to authenticated
  using (app.staff_covers(school_id, college) and bound_user_id is null);

drop policy if exists binding_attempts_read on public.binding_attempts;
create policy binding_attempts_read on public.binding_attempts for select to authenticated
  using (
    user_id = (select auth.uid())
    or (select app.my_role()) = 'platform_admin'
    or (school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff')
  );

drop policy if exists binding_reviews_read on public.binding_reviews;
create policy binding_reviews_read on public.binding_reviews for select to authenticated
  using (
    user_id = (select auth.uid())
    or (select app.my_role()) = 'platform_admin'
    or (school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff'
        and (select app.my_college()) is null)
  );
drop policy if exists binding_reviews_apply on public.binding_reviews;
create policy binding_reviews_apply on public.binding_reviews for insert to authenticated
  with check (
    user_id = (select auth.uid()) and status = 'pending' and reviewed_by is null
    and (select app.my_role()) = 'student' and (select app.my_school()) is null
  );
-- the applicant may only withdraw; reviewers decide
drop policy if exists binding_reviews_withdraw on public.binding_reviews;
create policy binding_reviews_withdraw on public.binding_reviews for update to authenticated
  using (user_id = (select auth.uid()) and status = 'pending')
  with check (user_id = (select auth.uid()) and status = 'withdrawn' and reviewed_by is null);
drop policy if exists binding_reviews_decide on public.binding_reviews;
create policy binding_reviews_decide on public.binding_reviews for update to authenticated
  using (
    status = 'pending' and (
      (select app.my_role()) = 'platform_admin'
      or (school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff'
          and (select app.my_college()) is null))
  )
  -- permissive policies are OR'ed, WITH CHECK included: without repeating the reviewer test here,
  -- an applicant's own pending row (reachable through binding_reviews_withdraw) could be approved
  with check (
    status in ('approved', 'rejected') and reviewed_by = (select auth.uid()) and (
      (select app.my_role()) = 'platform_admin'
      or (school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff'
          and (select app.my_college()) is null))
  );

drop policy if exists student_profiles_own on public.student_profiles;
create policy student_profiles_own on public.student_profiles for all to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and (select app.my_role()) = 'student');
drop policy if exists student_profiles_staff_read on public.student_profiles;
create policy student_profiles_staff_read on public.student_profiles for select to authenticated
  using (exists (
    select 1 from public.roster_entries r
    where r.bound_user_id = student_profiles.user_id and app.staff_covers(r.school_id, r.college)
  ));

drop policy if exists privacy_settings_own on public.privacy_settings;
create policy privacy_settings_own on public.privacy_settings for all to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and (select app.my_role()) = 'student');

drop policy if exists event_staff_read on public.event_staff;
create policy event_staff_read on public.event_staff for select to authenticated
  using (
    user_id = (select auth.uid())
    or (select app.my_role()) = 'platform_admin'
    or exists (select 1 from public.events e where e.id = event_staff.event_id
               and e.school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff')
  );
drop policy if exists event_staff_assign on public.event_staff;
create policy event_staff_assign on public.event_staff for insert to authenticated
  with check (
    exists (select 1 from public.events e where e.id = event_staff.event_id
            and e.school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff')
    and exists (select 1 from public.app_users u where u.id = event_staff.user_id and u.role = 'fair_staff')
  );
drop policy if exists event_staff_unassign on public.event_staff;
create policy event_staff_unassign on public.event_staff for delete to authenticated
  using (exists (select 1 from public.events e where e.id = event_staff.event_id
                 and e.school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff'));

-- ================================================================ grants
revoke all on public.wechat_identities, public.roster_entries, public.binding_attempts,
  public.binding_reviews, public.student_profiles, public.privacy_settings, public.event_staff
  from public, anon, authenticated;

-- the keyed hash and the cipher are never readable by users: column grants leave them out
grant select (id, school_id, college, major, degree_level, graduation_year, student_number, name,
  id_card_masked, gender, origin, phone, bound_user_id, bound_at, created_at, updated_at)
  on public.roster_entries to authenticated;
grant insert (school_id, college, major, degree_level, graduation_year, student_number, name,
  id_card_hash, id_card_masked, id_card_cipher, gender, origin, phone)
  on public.roster_entries to authenticated;
-- binding and unbinding go through the functions below, never a direct write of bound_user_id
grant update (college, major, degree_level, graduation_year, name, id_card_hash, id_card_masked,
  id_card_cipher, gender, origin, phone, updated_at)
  on public.roster_entries to authenticated;
grant delete on public.roster_entries to authenticated;

grant select on public.binding_attempts to authenticated;
grant select (id, user_id, school_id, graduated_from, name, degree_level, graduation_year, major,
  id_card_masked, note, status, reason, reviewed_by, reviewed_at, created_at)
  on public.binding_reviews to authenticated;
grant insert (user_id, school_id, graduated_from, name, degree_level, graduation_year, major,
  id_card_hash, id_card_masked, id_card_cipher, note)
  on public.binding_reviews to authenticated;
grant update (status, reason, reviewed_by, reviewed_at) on public.binding_reviews to authenticated;

grant select, insert, update on public.student_profiles to authenticated;
grant select, insert, update on public.privacy_settings to authenticated;
grant select, insert, delete on public.event_staff to authenticated;
grant update (verified, verified_at, verified_by) on public.companies to authenticated;

grant select, insert, update, delete on public.wechat_identities, public.roster_entries,
  public.binding_attempts, public.binding_reviews, public.student_profiles, public.privacy_settings,
  public.event_staff to service_role;
grant usage on sequence public.binding_attempts_id_seq to service_role;

-- ================================================================ binding
-- One transaction: rate limits, the match, the bind, and the record of the attempt. It runs as the
-- owner because an unbound student cannot (and must not) read the roster; it reveals only which
-- field failed, and only within the limits. Limits: 5 failures per user per 15 minutes, 10 failures
-- per roster record per hour (someone trying many people's numbers against one record).
create or replace function public.bind_roster(
  p_school uuid, p_student_number text, p_name text, p_id_card_hash text,
  p_degree_level text default null, p_graduation_year int default null
) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_entry public.roster_entries%rowtype;
  v_failures int;
  v_field text;
  v_retry int;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  perform 1 from public.app_users where id = v_user and role = 'student' and disabled_at is null for update;
  if not found then
    return jsonb_build_object('outcome', 'not_student');
  end if;
  if exists (select 1 from public.roster_entries where bound_user_id = v_user) then
    return jsonb_build_object('outcome', 'self_already_bound');
  end if;

  select count(*), ceil(extract(epoch from (min(created_at) + interval '15 minutes' - now())))
    into v_failures, v_retry
    from public.binding_attempts
    where user_id = v_user and outcome in ('not_found', 'mismatch') and created_at > now() - interval '15 minutes';
  if v_failures >= 5 then
    insert into public.binding_attempts (user_id, school_id, outcome) values (v_user, p_school, 'rate_limited');
    return jsonb_build_object('outcome', 'rate_limited', 'scope', 'user', 'retry_after_seconds', greatest(v_retry, 1));
  end if;

  select * into v_entry from public.roster_entries
    where school_id = p_school and student_number = p_student_number
    for update;
  if not found then
    insert into public.binding_attempts (user_id, school_id, outcome, failed_field)
      values (v_user, p_school, 'not_found', 'student_number');
    return jsonb_build_object('outcome', 'not_found', 'field', 'student_number', 'remaining', 4 - v_failures);
  end if;

  select count(*), ceil(extract(epoch from (min(created_at) + interval '1 hour' - now())))
    into v_failures, v_retry
    from public.binding_attempts
    where roster_entry_id = v_entry.id and outcome in ('mismatch') and created_at > now() - interval '1 hour';
  if v_failures >= 10 then
    insert into public.binding_attempts (user_id, school_id, roster_entry_id, outcome)
      values (v_user, p_school, v_entry.id, 'rate_limited');
    return jsonb_build_object('outcome', 'rate_limited', 'scope', 'record', 'retry_after_seconds', greatest(v_retry, 1));
  end if;

  v_field := case
    when v_entry.name <> p_name then 'name'
    when v_entry.id_card_hash <> p_id_card_hash then 'id_card'
    when p_degree_level is not null and v_entry.degree_level <> p_degree_level then 'degree_level'
    when p_graduation_year is not null and v_entry.graduation_year <> p_graduation_year then 'graduation_year'
  end;
  if v_field is not null then
    insert into public.binding_attempts (user_id, school_id, roster_entry_id, outcome, failed_field)
      values (v_user, p_school, v_entry.id, 'mismatch', v_field);
    select count(*) into v_failures from public.binding_attempts
      where user_id = v_user and outcome in ('not_found', 'mismatch') and created_at > now() - interval '15 minutes';
    return jsonb_build_object('outcome', 'mismatch', 'field', v_field, 'remaining', greatest(5 - v_failures, 0));
  end if;

  if v_entry.bound_user_id is not null then
    insert into public.binding_attempts (user_id, school_id, roster_entry_id, outcome)
      values (v_user, p_school, v_entry.id, 'already_bound');
    return jsonb_build_object('outcome', 'already_bound');
  end if;

  update public.roster_entries set bound_user_id = v_user, bound_at = now() where id = v_entry.id;
  update public.app_users set school_id = v_entry.school_id, display_name = v_entry.name, verified_at = now()
    where id = v_user;
  insert into public.binding_attempts (user_id, school_id, roster_entry_id, outcome)
    values (v_user, p_school, v_entry.id, 'bound');
  return jsonb_build_object('outcome', 'bound', 'roster_entry_id', v_entry.id);
end
$$;

-- Unbinding: the bound student themself, or staff covering the record (the student changed WeChat
-- account and the old one is lost). The student's school scope ends with the binding.
create or replace function public.unbind_roster(p_entry uuid) returns boolean
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_entry public.roster_entries%rowtype;
begin
  select * into v_entry from public.roster_entries where id = p_entry for update;
  if not found or v_entry.bound_user_id is null then
    return false;
  end if;
  if v_entry.bound_user_id <> auth.uid() and not app.staff_covers(v_entry.school_id, v_entry.college) then
    raise exception 'not allowed to unbind this record' using errcode = '42501';
  end if;
  update public.roster_entries set bound_user_id = null, bound_at = null where id = p_entry;
  update public.app_users set school_id = null, verified_at = null where id = v_entry.bound_user_id;
  return true;
end
$$;

revoke all on function public.bind_roster(uuid, text, text, text, text, int), public.unbind_roster(uuid) from public, anon;
grant execute on function public.bind_roster(uuid, text, text, text, text, int), public.unbind_roster(uuid)
  to authenticated, service_role;
