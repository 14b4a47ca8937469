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

-- 2. A queue row kept naming the previous binder: when a roster entry is bound to a new user, the
--    source info moves to them (app.source_info_follow_binding), but app.review_item_sync's upsert
--    left review_items.student_id as it was (tests/procedures/sql-transitions.test.ts, "rebinding").
--    The upsert now sets student_id too; the rest is unchanged.
create or replace function app.review_item_sync() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
declare
  v jsonb := to_jsonb(new);
  v_submitted timestamptz := coalesce((v ->> 'submitted_at')::timestamptz, (v ->> 'created_at')::timestamptz);
begin
  if v_submitted is null or (v ->> 'status') in ('unconfirmed', 'draft') and (v ->> 'submitted_at') is null then
    return null;
  end if;
  insert into public.review_items (kind, item_id, student_id, school_id, college, major, graduation_year,
      student_name, student_number, status, submitted_at, updated_at)
    select tg_argv[0], (v ->> 'id')::uuid, r.bound_user_id, r.school_id, r.college, r.major, r.graduation_year,
      r.name, r.student_number, v ->> 'status', v_submitted, now()
    from public.roster_entries r
    where r.bound_user_id = (v ->> 'student_id')::uuid
    on conflict (kind, item_id) do update
      set student_id = excluded.student_id,
          status = excluded.status, submitted_at = excluded.submitted_at, updated_at = now(),
          college = excluded.college, major = excluded.major, graduation_year = excluded.graduation_year,
          student_name = excluded.student_name, student_number = excluded.student_number;
  return null;
end
$$;
revoke all on function app.review_item_sync() from public, anon, authenticated;

-- 3. The approval of a correction that changes the college wrote its review_log row with the
--    college read before the change, so that one row stayed with the old college while the record,
--    its items, the queue and the rest of the log moved (app.source_info_follow_binding): the old
--    college's staff kept reading it and the new college's staff missed it in app.review_trail.
--    The log row now carries the college the correction has after it is applied.
create or replace function app.decide_correction(p_item uuid, p_decision text, p_reason text, p_extra jsonb)
  returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.source_info_corrections%rowtype;
  v_to text := case p_decision when 'approve' then 'approved' else 'rejected' end;
  v_now jsonb;
  v_stale text;
  v_college text;
begin
  select * into v_row from public.source_info_corrections where id = p_item for update;
  if not found or not app.staff_covers(v_row.school_id, v_row.college) then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_row.status is distinct from 'pending' then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status, 'decided_at', v_row.decided_at);
  end if;
  if v_to = 'approved' then
    perform 1 from public.source_infos where id = v_row.source_info_id for update;
    v_now := app.source_info_values(v_row.source_info_id);
    -- the record moved since the request was filed (another correction, a re-import)
    select k into v_stale from jsonb_object_keys(v_row.changes) k
      where (v_now -> k) is distinct from (v_row.changes -> k -> 'old') limit 1;
    if v_stale is not null then
      return jsonb_build_object('outcome', 'stale', 'status', v_row.status, 'field', v_stale);
    end if;
    perform app.apply_source_info_values(v_row.source_info_id,
      (select jsonb_object_agg(k, v_row.changes -> k -> 'new') from jsonb_object_keys(v_row.changes) k));
  end if;
  update public.source_info_corrections
    set status = v_to, decided_at = now(), decided_by = auth.uid(),
        reject_reason = case when v_to = 'rejected' then btrim(p_reason) end
    where id = p_item
    returning college into v_college;
  perform app.write_review_log('correction', p_item, v_row.student_id, v_row.school_id, v_college,
    p_decision, 'pending', v_to, p_reason, v_row.changes);
  return jsonb_build_object('outcome', 'decided', 'status', v_to, 'student_id', v_row.student_id);
end
$$;
revoke all on function app.decide_correction(uuid, text, text, jsonb) from public, anon, authenticated;

-- 4. A submission's log row listed only the fields sent in that call, so fields changed by an
--    earlier 保存 (after a return, say) appeared in no log row and the reviewer's diff missed them.
--    The editable values of each submission are now kept (source_infos.submitted_values) and the
--    submit/resubmit row's changes are the fields that differ from the previous submission (every
--    filled field at the first). app.save_source_info is otherwise unchanged.
alter table public.source_infos add column if not exists submitted_values jsonb;

create or replace function app.save_source_info(p_fields jsonb, p_submit boolean) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_row public.source_infos%rowtype;
  v_fields jsonb;
  v_bad text;
  v_missing text[];
  v_next public.source_infos%rowtype;
  v_changes jsonb;
  v_values jsonb;
  v_to text;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_fields is null or jsonb_typeof(p_fields) is distinct from 'object' or p_submit is null then
    raise exception 'save_source_info: fields (an object) and submit are required' using errcode = '22023';
  end if;
  select k into v_bad from jsonb_object_keys(p_fields) k
    where not exists (select 1 from app.source_info_fields f where f.field = k and not f.locked) limit 1;
  if v_bad is not null then
    raise exception 'save_source_info: % is not a field the student may edit', v_bad using errcode = '22023';
  end if;
  select s.* into v_row from public.source_infos s
    join public.roster_entries r on r.id = s.roster_entry_id and r.bound_user_id = s.student_id
    where s.student_id = v_user for update of s;
  if not found then
    return jsonb_build_object('outcome', 'not_bound');
  end if;
  if v_row.status = 'approved' then
    return jsonb_build_object('outcome', 'locked', 'status', v_row.status);
  end if;
  if v_row.status = 'submitted' and not p_submit then
    return jsonb_build_object('outcome', 'not_editable', 'status', v_row.status);
  end if;
  v_fields := app.blank_to_null(p_fields);
  v_next := jsonb_populate_record(v_row, v_fields);
  if p_submit then
    select array_agg(f.field order by f.field) into v_missing from app.source_info_fields f
      where not f.locked and f.required and (to_jsonb(v_next) ->> f.field) is null;
    if v_missing is not null then
      return jsonb_build_object('outcome', 'incomplete', 'missing', to_jsonb(v_missing));
    end if;
  end if;
  -- what the reviewer sees changed: the editable fields now against those of the last submission
  -- (all of them at the first), whatever was saved in between
  v_values := (select jsonb_object_agg(f.field, to_jsonb(v_next) -> f.field)
               from app.source_info_fields f where not f.locked);
  v_changes := app.field_changes(coalesce(v_row.submitted_values, '{}'::jsonb), v_values);
  v_to := case when p_submit then 'submitted' else v_row.status end;
  update public.source_infos set
      origin = v_next.origin, political_status = v_next.political_status, ethnicity = v_next.ethnicity,
      phone = v_next.phone, email = v_next.email, qq = v_next.qq, home_address = v_next.home_address,
      postcode = v_next.postcode, home_phone = v_next.home_phone, family_contact = v_next.family_contact,
      family_contact_phone = v_next.family_contact_phone, difficulty = v_next.difficulty,
      status = v_to,
      submitted_at = case when p_submit then now() else submitted_at end,
      submitted_values = case when p_submit then v_values else submitted_values end,
      return_reason = case when p_submit then null else return_reason end,
      updated_at = now()
    where id = v_row.id;
  if p_submit then
    perform app.write_review_log('source_info', v_row.id, v_user, v_row.school_id, v_row.college,
      case when v_row.status = 'submitted' then 'resubmit' else 'submit' end, v_row.status, v_to, null,
      nullif(v_changes, '{}'::jsonb));
    return jsonb_build_object('outcome', 'submitted', 'status', v_to);
  end if;
  return jsonb_build_object('outcome', 'saved', 'status', v_to);
end
$$;

revoke all on function app.save_source_info(jsonb, boolean) from public, anon;
grant execute on function app.save_source_info(jsonb, boolean) to authenticated, service_role;
