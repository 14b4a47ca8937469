-- School staff assign fair staff to their events, so they may look up fair-staff users who work
-- for their school (or for no school in particular); nothing else about other users widens.
drop policy if exists app_users_fair_staff_directory on public.app_users;
create policy app_users_fair_staff_directory on public.app_users for select to authenticated
  using (
    role = 'fair_staff'
    and (select app.my_role()) = 'school_staff'
    and (school_id is null or school_id = (select app.my_school()))
  );
