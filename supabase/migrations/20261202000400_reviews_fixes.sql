-- Fixes to 20261202000100_reviews.sql found by the RLS / functions matrix and the direct-SQL tests
-- (tests/rls/functions/app/*, tests/procedures/sql-*.test.ts). Idempotent: `create or replace`.
--
-- 1. app.review_trail(p_kind, p_item) answered an empty trail to a NULL or empty argument and to a
--    token without a subject, where every user-callable function refuses them (conventions rule 1:
--    the caller checked inside, a required argument NULL or empty is 22023). It now raises 42501
--    without a signed-in caller and 22023 for a NULL/empty kind or a NULL item; what it returns to
--    staff covering the item and to admins is unchanged.

create or replace function app.review_trail(p_kind text, p_item uuid)
  returns table (id bigint, action text, from_status text, to_status text, reason text, changes jsonb,
    actor_role text, actor_name text, created_at timestamptz)
  language plpgsql stable security definer set search_path = ''
  as $$
#variable_conflict use_column
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if nullif(btrim(p_kind), '') is null or p_item is null then
    raise exception 'review_trail: a kind and an item are required' using errcode = '22023';
  end if;
  return query
    select l.id, l.action, l.from_status, l.to_status, l.reason, l.changes, l.actor_role,
      u.display_name, l.created_at
    from public.review_log l left join public.app_users u on u.id = l.actor_id
    where l.kind = p_kind and l.item_id = p_item
      and (app.my_role() = 'platform_admin' or app.staff_covers(l.school_id, l.college))
    order by l.id;
end
$$;
revoke all on function app.review_trail(text, uuid) from public, anon;
grant execute on function app.review_trail(text, uuid) to authenticated, service_role;
