-- Supabase advisor fixes (tests/db/advisors.test.ts runs the splinter lints on every migrated
-- database). Idempotent: every policy is dropped and recreated whole, every index `if not exists`.
--
-- 1. multiple_permissive_policies (0006): permissive policies are OR'ed, and each one is evaluated
--    for every row, so a table carries ONE policy per role and action. The policies below are the
--    OR of the ones they replace, unchanged in meaning (the RLS matrix in tests/rls proves it).
--    Argument-less helpers stay initplans: (select app.my_role()).
-- 2. unindexed_foreign_keys (0001): an index led by every foreign key's columns.

-- ================================================================ app_users: select
-- Replaces app_users_read_own + app_users_read_scoped + app_users_fair_staff_directory.
-- Everyone reads their own row; admins read all; school staff read the students they cover
-- (college-level staff: by the college of the student's bound roster record); school staff look
-- up fair staff of their school or of no school (to assign them to events).
drop policy if exists app_users_read_own on public.app_users;
drop policy if exists app_users_read_scoped on public.app_users;
drop policy if exists app_users_fair_staff_directory on public.app_users;
drop policy if exists app_users_read on public.app_users;
create policy app_users_read on public.app_users for select to authenticated
  using (
    id = (select auth.uid())
    or (select app.my_role()) = 'platform_admin'
    or (role = 'student' and app.staff_covers(school_id, (
      select r.college from public.roster_entries r where r.bound_user_id = app_users.id)))
    or (role = 'fair_staff' and (select app.my_role()) = 'school_staff'
        and (school_id is null or school_id = (select app.my_school())))
  );

-- ================================================================ companies: select
-- Replaces companies_read + companies_admin_read. Verified companies are public to signed-in
-- users; a member sees their own company (membership from app_users, not the token); admins see all.
drop policy if exists companies_admin_read on public.companies;
drop policy if exists companies_read on public.companies;
create policy companies_read on public.companies for select to authenticated
  using (
    verified
    or id = (select app.my_company())
    or (select app.my_role()) = 'platform_admin'
  );

-- ================================================================ events: select
-- Replaces events_read_published (anon, authenticated) + events_read_own_school (authenticated).
-- One policy per role: anon reads published events; signed-in users read published events, and
-- school staff also their own school's drafts. anon gets its own policy because it may not
-- execute app.* helpers.
drop policy if exists events_read_published on public.events;
drop policy if exists events_read_own_school on public.events;
drop policy if exists events_read_anon on public.events;
drop policy if exists events_read on public.events;
create policy events_read_anon on public.events for select to anon
  using (status = 'published');
create policy events_read on public.events for select to authenticated
  using (
    status = 'published'
    or (school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff')
  );

-- ================================================================ student_profiles
-- Replaces student_profiles_own (for all) + student_profiles_staff_read (select): one policy per
-- action. Select: the student's own profile, and school staff the profiles of the students they
-- cover. Insert and update: only the student themself, onto their own row. Delete: none (as
-- before, no user role has a delete grant; the old `for all` policy's delete half was unused).
drop policy if exists student_profiles_own on public.student_profiles;
drop policy if exists student_profiles_staff_read on public.student_profiles;
drop policy if exists student_profiles_read on public.student_profiles;
drop policy if exists student_profiles_insert_own on public.student_profiles;
drop policy if exists student_profiles_update_own on public.student_profiles;
create policy student_profiles_read on public.student_profiles for select to authenticated
  using (
    user_id = (select auth.uid())
    or exists (
      select 1 from public.roster_entries r
      where r.bound_user_id = student_profiles.user_id and app.staff_covers(r.school_id, r.college))
  );
create policy student_profiles_insert_own on public.student_profiles for insert to authenticated
  with check (user_id = (select auth.uid()) and (select app.my_role()) = 'student');
create policy student_profiles_update_own on public.student_profiles for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and (select app.my_role()) = 'student');

-- ================================================================ foreign-key indexes
-- who verified a company / decided a review: read when a reviewer's account is deleted or audited
create index if not exists companies_verified_by_idx on public.companies (verified_by);
create index if not exists binding_reviews_reviewed_by_idx on public.binding_reviews (reviewed_by);
