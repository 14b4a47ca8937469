-- Fixes to 20261202000600_signing.sql found by tests/signing/sql-transitions.test.ts (issue 15).
-- Idempotent: `create or replace`.
--
-- app.send_signing_invitation marked the company's pending invitation past its deadline expired
-- with a bare UPDATE: no audit row in review_log and no look-up in app.signing_transitions (whose
-- ('invitation', 'pending', 'expire', 'employer') → 'expired' step no function took), although the
-- signing migration's header promises both for every change. The expiry is now that step, and
-- writes its audit row (actor employer) in the same statement. Nothing else changes; grants are
-- kept by `create or replace` and restated below.

create or replace function app.send_signing_invitation(p_student uuid, p_terms jsonb) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_company uuid := app.my_company();
  v_entry public.roster_entries%rowtype;
  v_row public.signing_invitations%rowtype;
  v_bad text;
  v_id uuid;
  v_expired record;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_student is null or p_terms is null or jsonb_typeof(p_terms) is distinct from 'object' then
    raise exception 'send_signing_invitation: a student and the terms (an object) are required' using errcode = '22023';
  end if;
  select k into v_bad from jsonb_object_keys(p_terms) k
    where k not in ('position', 'contract_years', 'salary_monthly', 'work_place', 'reply_by',
                    'takes_archive', 'archive_to', 'takes_hukou', 'hukou_to', 'note') limit 1;
  if v_bad is not null then
    raise exception 'send_signing_invitation: % is not a term of an invitation', v_bad using errcode = '22023';
  end if;
  if app.my_role() is distinct from 'employer' or v_company is null then
    return jsonb_build_object('outcome', 'forbidden');
  end if;
  if not exists (select 1 from public.companies c where c.id = v_company and c.verified) then
    return jsonb_build_object('outcome', 'not_verified');
  end if;
  -- an employer knows a student through an application to one of its jobs
  select r.* into v_entry from public.roster_entries r
    where r.bound_user_id = p_student
      and exists (select 1 from public.applications a where a.student_id = p_student and a.company_id = v_company);
  if not found then
    return jsonb_build_object('outcome', 'student_not_found');
  end if;
  v_row := jsonb_populate_record(null::public.signing_invitations, app.blank_to_null(p_terms));
  if v_row.reply_by is null or v_row.reply_by <= now() + interval '1 hour' or v_row.reply_by > now() + interval '90 days' then
    return jsonb_build_object('outcome', 'bad_deadline');
  end if;
  -- an invitation past its deadline is expired from now on (the index then lets a new one in):
  -- the table's step (pending, expire, employer), with its audit row like every other change
  for v_expired in
    update public.signing_invitations set status = 'expired', answered_at = now()
      where company_id = v_company and student_id = p_student and status = 'pending' and reply_by < now()
        and app.signing_next('invitation', 'pending', 'expire', 'employer') = 'expired'
      returning id, school_id, college
  loop
    perform app.write_review_log('invitation', v_expired.id, p_student, v_expired.school_id, v_expired.college,
      'expire', 'pending', 'expired', null, null);
  end loop;
  if exists (select 1 from public.signing_invitations
             where company_id = v_company and student_id = p_student and status = 'pending') then
    return jsonb_build_object('outcome', 'pending_exists');
  end if;
  insert into public.signing_invitations (company_id, student_id, school_id, college, sent_by, position,
      contract_years, salary_monthly, work_place, reply_by, takes_archive, archive_to, takes_hukou, hukou_to, note)
    values (v_company, p_student, v_entry.school_id, v_entry.college, v_user, v_row.position, v_row.contract_years,
      v_row.salary_monthly, v_row.work_place, v_row.reply_by, coalesce(v_row.takes_archive, false), v_row.archive_to,
      coalesce(v_row.takes_hukou, false), v_row.hukou_to, v_row.note)
    returning id into v_id;
  perform app.write_review_log('invitation', v_id, p_student, v_entry.school_id, v_entry.college,
    'send', null, 'pending', null, null);
  return jsonb_build_object('outcome', 'sent', 'id', v_id);
end
$$;

revoke all on function app.send_signing_invitation(uuid, jsonb) from public, anon;
grant execute on function app.send_signing_invitation(uuid, jsonb) to authenticated, service_role;
