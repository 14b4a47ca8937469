-- Manual identity review (000 §2.3): an approved review verifies the student, as a roster binding
-- does. The effect is a trigger so it follows the decision whoever records it; the decision itself
-- is an UPDATE that the binding_reviews_decide policy allows only to the reviewers.

create or replace function app.apply_binding_review() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
begin
  if new.status = 'approved' and old.status = 'pending' then
    update public.app_users
      set verified_at = now(),
          display_name = new.name,
          school_id = coalesce(school_id, new.school_id)
      where id = new.user_id and role = 'student';
  end if;
  return new;
end
$$;
revoke all on function app.apply_binding_review() from public;

drop trigger if exists binding_reviews_apply on public.binding_reviews;
create trigger binding_reviews_apply after update of status on public.binding_reviews
  for each row execute function app.apply_binding_review();
