-- Roster import (生源导入): staff upsert their graduates through RLS. Two keyed digests, computed by
-- the API (the key is not in the database), make re-imports idempotent without letting staff read
-- the ID-number hash: row_digest covers every field, identity_digest the name and ID number.

alter table public.roster_entries add column if not exists row_digest text;
alter table public.roster_entries add column if not exists identity_digest text;

grant select (row_digest, identity_digest) on public.roster_entries to authenticated;
grant insert (row_digest, identity_digest) on public.roster_entries to authenticated;
grant update (row_digest, identity_digest) on public.roster_entries to authenticated;

-- A bound student's name and ID number are who they are: a re-import (or any other update) may not
-- change them under the student's feet. The school unbinds first if the record itself was wrong.
create or replace function app.roster_keep_bound_identity() returns trigger
  language plpgsql set search_path = ''
  as $$
  begin
    if old.bound_user_id is not null and new.bound_user_id is not distinct from old.bound_user_id
       and (new.name is distinct from old.name or new.id_card_hash is distinct from old.id_card_hash) then
      raise exception 'roster entry % is bound: name and ID number cannot change', old.id
        using errcode = '23514', constraint = 'roster_bound_identity';
    end if;
    return new;
  end
  $$;

drop trigger if exists roster_keep_bound_identity on public.roster_entries;
create trigger roster_keep_bound_identity before update on public.roster_entries
  for each row execute function app.roster_keep_bound_identity();

-- Student numbers of this school held by a college the caller does not cover. College-level staff
-- cannot see those rows, yet an upsert touching one would fail the whole statement; the import
-- reports them row by row instead. Reveals nothing to anyone who is not staff of the school.
create or replace function app.roster_numbers_outside_scope(p_school uuid, p_numbers text[])
  returns table (student_number text, college text)
  language sql stable security definer set search_path = ''
  as $$
    select r.student_number, r.college
    from public.roster_entries r
    where r.school_id = p_school
      and r.student_number = any (p_numbers)
      and exists (
        select 1 from public.app_users u
        where u.id = auth.uid() and u.disabled_at is null and u.role = 'school_staff'
          and u.school_id = p_school and u.college is not null)
      and not app.staff_covers(r.school_id, r.college)
  $$;

revoke all on function app.roster_numbers_outside_scope(uuid, text[]) from public;
grant execute on function app.roster_numbers_outside_scope(uuid, text[]) to authenticated;
