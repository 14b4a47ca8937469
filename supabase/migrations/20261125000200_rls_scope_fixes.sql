-- Found by the RLS matrix (tests/rls):
-- 1. college-level staff read every binding attempt of their school; they may see only attempts on
--    their own college's records (attempts that matched no record stay with school-level staff).
drop policy if exists binding_attempts_read on public.binding_attempts;
create policy binding_attempts_read on public.binding_attempts for select to authenticated
  using (
    user_id = (select auth.uid())
    or (select app.my_role()) = 'platform_admin'
    or (school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff'
        and ((select app.my_college()) is null
             or app.staff_covers(school_id, (
               select r.college from public.roster_entries r where r.id = binding_attempts.roster_entry_id))))
  );
create index if not exists binding_attempts_school_idx on public.binding_attempts (school_id, created_at desc);

-- 2. an employer's own (unverified) company was found through the token's claim; scope comes from
--    the database, so a stale or forged claim shows nothing.
drop policy if exists companies_read on public.companies;
create policy companies_read on public.companies for select to authenticated
  using (verified or id = (select app.my_company()));

-- 3. school staff could not see their own school's draft events, so they could not assign fair
--    staff to an event before publishing it.
drop policy if exists events_read_own_school on public.events;
create policy events_read_own_school on public.events for select to authenticated
  using (school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff');
