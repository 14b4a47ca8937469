-- Terminations (解约), issue 15: the functions that move public.terminations (table, transition rows,
-- queue trigger: 20261202000800_signing_paths.sql). Flow: docs/flows/termination.md.
-- Idempotent: `create or replace`, `on conflict do update`.
--
-- An online agreement is ended by agreement of both parties: one proposes, the other agrees or
-- declines; both agreeing sends it to the school. An offline agreement or an approved destination is
-- ended on the student's own request, which goes to the school directly. The school approves
-- (ending the agreement or destination and closing the employment record, in the same transaction)
-- or returns; it may force an online termination the employer has not answered for
-- schools.termination_force_days days. Proposals are withdrawn by their proposer.
--
-- Functions (outcomes in src/contracts/termination.ts), granted to authenticated:
--   app.propose_termination(p_agreement uuid, p_destination uuid, p_type text, p_reason text, p_proof_keys text[])
--   app.answer_termination(p_id uuid, p_agree boolean, p_note text)      the other party
--   app.withdraw_termination(p_id uuid)                                  the proposer
--   app.force_termination(p_id uuid, p_reason text)                      staff covering the student
--   app.set_termination_force_days(p_days int)                           school-level staff
--   decided in the workbench: app.decide_review('termination', …) → app.decide_termination.
-- Internal: app.end_termination_subject(p_row public.terminations, p_reason text) returns text.

-- ================================================================ who the caller is to a termination
-- 'student' | 'employer' | null: the party of the caller (the student, or a member of the company)
create or replace function app.termination_party(p_student uuid, p_company uuid) returns text
  language sql stable security definer set search_path = ''
  as $$
    select case
      when auth.uid() is not null and p_student = auth.uid() then 'student'
      when p_company is not null and app.my_role() = 'employer' and app.my_company() = p_company then 'employer'
    end
  $$;
revoke all on function app.termination_party(uuid, uuid) from public, anon, authenticated;

-- ================================================================ propose
create or replace function app.propose_termination(p_agreement uuid, p_destination uuid, p_type text,
  p_reason text, p_proof_keys text[]) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_ag public.agreements%rowtype;
  v_de public.destinations%rowtype;
  v_party text;
  v_action text;
  v_to text;
  v_student uuid;
  v_school uuid;
  v_college text;
  v_company uuid;
  v_id uuid;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if (p_agreement is null) = (p_destination is null) or p_type is null or p_reason is null or p_proof_keys is null
     or p_type not in ('mutual', 'student_breach', 'employer_breach', 'further_study', 'enlistment',
                       'grassroots', 'abroad', 'other') then
    raise exception 'propose_termination: exactly one agreement or destination, a type, a reason and the proof keys are required'
      using errcode = '22023';
  end if;
  if p_agreement is not null then
    -- the agreement row is locked: two proposals at once make one, and its status holds meanwhile
    select * into v_ag from public.agreements where id = p_agreement for update;
    if not found then
      return jsonb_build_object('outcome', 'not_found');
    end if;
    v_party := app.termination_party(v_ag.student_id, case when v_ag.kind = 'online' then v_ag.company_id end);
    if v_party is null then
      return jsonb_build_object('outcome', 'not_found');
    end if;
    if v_ag.kind = 'online' then
      if v_ag.status <> 'approved' then
        return jsonb_build_object('outcome', 'not_terminable', 'status', v_ag.status);
      end if;
      v_action := 'propose';
      v_company := v_ag.company_id;
    else
      if v_ag.status not in ('approved', 'generated', 'returned') then
        return jsonb_build_object('outcome', 'not_terminable', 'status', v_ag.status);
      end if;
      v_action := 'request';
    end if;
    v_student := v_ag.student_id; v_school := v_ag.school_id; v_college := v_ag.college;
  else
    select * into v_de from public.destinations where id = p_destination for update;
    if not found or v_de.student_id is distinct from v_user then
      return jsonb_build_object('outcome', 'not_found');
    end if;
    if v_de.status <> 'approved' then
      return jsonb_build_object('outcome', 'not_terminable', 'status', v_de.status);
    end if;
    v_party := 'student';
    v_action := 'request';
    v_student := v_de.student_id; v_school := v_de.school_id; v_college := v_de.college;
  end if;
  v_to := app.signing_next('termination', 'new', v_action, v_party);
  if v_to is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if length(btrim(p_reason)) not between 2 and 500 then
    return jsonb_build_object('outcome', 'bad_reason');
  end if;
  if cardinality(p_proof_keys) > 5 or not app.own_signing_uploads(p_proof_keys) then
    return jsonb_build_object('outcome', 'bad_proof');
  end if;
  if exists (select 1 from public.terminations t where t.status in ('proposed', 'agreed')
             and (t.agreement_id = p_agreement or t.destination_id = p_destination)) then
    return jsonb_build_object('outcome', 'open_exists');
  end if;
  insert into public.terminations (agreement_id, destination_id, student_id, school_id, college, company_id,
      proposed_by, proposer_role, type, reason, proof_keys, status, submitted_at)
    values (p_agreement, p_destination, v_student, v_school, v_college, v_company, v_user, v_party, p_type,
      btrim(p_reason), p_proof_keys, v_to, case when v_to = 'agreed' then now() end)
    returning id into v_id;
  perform app.write_review_log('termination', v_id, v_student, v_school, v_college, v_action, null, v_to,
    btrim(p_reason), null);
  return jsonb_build_object('outcome', 'proposed', 'id', v_id, 'status', v_to);
end
$$;

-- ================================================================ answer, withdraw
create or replace function app.answer_termination(p_id uuid, p_agree boolean, p_note text) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.terminations%rowtype;
  v_party text;
  v_action text := case when p_agree then 'agree' else 'decline' end;
  v_to text;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null or p_agree is null then
    raise exception 'answer_termination: the termination and the answer are required' using errcode = '22023';
  end if;
  select * into v_row from public.terminations where id = p_id for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_party := app.termination_party(v_row.student_id, v_row.company_id);
  if v_party is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_party = v_row.proposer_role then
    return jsonb_build_object('outcome', 'own_proposal');
  end if;
  if length(p_note) > 500 then
    return jsonb_build_object('outcome', 'bad_note');
  end if;
  v_to := app.signing_next('termination', v_row.status, v_action, v_party);
  if v_to is null then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status);
  end if;
  update public.terminations
    set status = v_to, answered_at = now(), answered_by = auth.uid(), answer_note = nullif(btrim(p_note), ''),
        submitted_at = case when v_to = 'agreed' then now() end
    where id = p_id;
  perform app.write_review_log('termination', p_id, v_row.student_id, v_row.school_id, v_row.college,
    v_action, v_row.status, v_to, nullif(btrim(p_note), ''), null);
  return jsonb_build_object('outcome', 'answered', 'status', v_to);
end
$$;

create or replace function app.withdraw_termination(p_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.terminations%rowtype;
  v_party text;
  v_to text;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null then
    raise exception 'withdraw_termination: the termination is required' using errcode = '22023';
  end if;
  select * into v_row from public.terminations where id = p_id for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_party := app.termination_party(v_row.student_id, v_row.company_id);
  if v_party is null then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_party <> v_row.proposer_role then
    return jsonb_build_object('outcome', 'not_proposer');
  end if;
  v_to := app.signing_next('termination', v_row.status, 'withdraw', v_party);
  -- an agreed termination is the student's to withdraw only when they asked alone (never answered)
  if v_to is null or (v_row.status = 'agreed' and v_row.answered_at is not null) then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status);
  end if;
  update public.terminations set status = v_to where id = p_id;
  perform app.write_review_log('termination', p_id, v_row.student_id, v_row.school_id, v_row.college,
    'withdraw', v_row.status, v_to, null, null);
  return jsonb_build_object('outcome', 'withdrawn', 'status', v_to);
end
$$;

-- ================================================================ the ending of an approved termination
-- The agreement (or destination) → terminated and its employment record closed, each step taken from
-- app.signing_transitions and audited. Returns null when done, else the subject's status that
-- cannot be terminated (it changed meanwhile). Caller holds the termination's row lock.
create or replace function app.end_termination_subject(p_row public.terminations, p_reason text) returns text
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_from text;
  v_to text;
begin
  if p_row.agreement_id is not null then
    select status into v_from from public.agreements where id = p_row.agreement_id for update;
    v_to := app.signing_next('agreement', v_from, 'terminate', 'school_staff');
    if v_to is null then
      return coalesce(v_from, 'missing');
    end if;
    update public.agreements set status = v_to, ended_at = now(), updated_at = now() where id = p_row.agreement_id;
    perform app.write_review_log('agreement', p_row.agreement_id, p_row.student_id, p_row.school_id, p_row.college,
      'terminate', v_from, v_to, p_reason, null);
    update public.employment_records set status = 'closed', closed_at = now()
      where agreement_id = p_row.agreement_id and status = 'active';
  else
    select status into v_from from public.destinations where id = p_row.destination_id for update;
    v_to := app.signing_next('destination', v_from, 'terminate', 'school_staff');
    if v_to is null then
      return coalesce(v_from, 'missing');
    end if;
    update public.destinations set status = v_to, ended_at = now(), updated_at = now() where id = p_row.destination_id;
    perform app.write_review_log('destination', p_row.destination_id, p_row.student_id, p_row.school_id,
      p_row.college, 'terminate', v_from, v_to, p_reason, null);
    update public.employment_records set status = 'closed', closed_at = now()
      where destination_id = p_row.destination_id and status = 'active';
  end if;
  return null;
end
$$;
revoke all on function app.end_termination_subject(public.terminations, text) from public, anon, authenticated;

-- ================================================================ the school: decide, force, the setting
create or replace function app.decide_termination(p_item uuid, p_decision text, p_reason text, p_extra jsonb)
  returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.terminations%rowtype;
  v_to text;
  v_stuck text;
begin
  select * into v_row from public.terminations where id = p_item for update;
  if not found or not app.staff_covers(v_row.school_id, v_row.college) then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_to := app.signing_next('termination', v_row.status, p_decision, 'school_staff');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status, 'decided_at', v_row.decided_at);
  end if;
  if v_to = 'approved' then
    v_stuck := app.end_termination_subject(v_row, p_reason);
    if v_stuck is not null then
      return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status, 'subject_status', v_stuck);
    end if;
  end if;
  update public.terminations
    set status = v_to, decided_at = now(), decided_by = auth.uid(),
        return_reason = case when v_to = 'rejected' then btrim(p_reason) end
    where id = p_item;
  perform app.write_review_log('termination', p_item, v_row.student_id, v_row.school_id, v_row.college,
    p_decision, v_row.status, v_to, p_reason, null);
  return jsonb_build_object('outcome', 'decided', 'status', v_to, 'student_id', v_row.student_id);
end
$$;
revoke all on function app.decide_termination(uuid, text, text, jsonb) from public, anon, authenticated;

insert into app.review_kinds (kind, item_table, decide_fn, batch_approve) values
  ('termination', 'public.terminations', 'app.decide_termination(uuid, text, text, jsonb)', false)
on conflict (kind) do update
  set item_table = excluded.item_table, decide_fn = excluded.decide_fn, batch_approve = excluded.batch_approve;

create or replace function app.force_termination(p_id uuid, p_reason text) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.terminations%rowtype;
  v_days int;
  v_possible timestamptz;
  v_to text;
  v_stuck text;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null or nullif(btrim(p_reason), '') is null then
    raise exception 'force_termination: the termination and a reason are required' using errcode = '22023';
  end if;
  select * into v_row from public.terminations where id = p_id for update;
  if not found or app.my_role() is distinct from 'school_staff' or not app.staff_covers(v_row.school_id, v_row.college) then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  -- only a student's proposal the employer leaves unanswered is forced
  v_to := app.signing_next('termination', v_row.status, 'force', 'school_staff');
  if v_to is null or v_row.proposer_role <> 'student' or v_row.company_id is null then
    return jsonb_build_object('outcome', 'not_forceable', 'status', v_row.status);
  end if;
  if length(btrim(p_reason)) > 500 then
    return jsonb_build_object('outcome', 'bad_reason');
  end if;
  select s.termination_force_days into v_days from public.schools s where s.id = v_row.school_id;
  v_possible := v_row.created_at + make_interval(days => v_days);
  if now() < v_possible then
    return jsonb_build_object('outcome', 'too_early', 'possible_at', v_possible, 'days', v_days);
  end if;
  v_stuck := app.end_termination_subject(v_row, btrim(p_reason));
  if v_stuck is not null then
    return jsonb_build_object('outcome', 'not_forceable', 'status', v_row.status, 'subject_status', v_stuck);
  end if;
  update public.terminations
    set status = v_to, forced = true, submitted_at = coalesce(submitted_at, now()), decided_at = now(),
        decided_by = auth.uid()
    where id = p_id;
  perform app.write_review_log('termination', p_id, v_row.student_id, v_row.school_id, v_row.college,
    'force', v_row.status, v_to, btrim(p_reason), null);
  return jsonb_build_object('outcome', 'forced', 'status', v_to, 'student_id', v_row.student_id);
end
$$;

create or replace function app.set_termination_force_days(p_days int) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_days is null then
    raise exception 'set_termination_force_days: the number of days is required' using errcode = '22023';
  end if;
  -- a school-wide setting: the school's staff, not a college's
  if app.my_role() is distinct from 'school_staff' or app.my_school() is null or app.my_college() is not null then
    return jsonb_build_object('outcome', 'forbidden');
  end if;
  if p_days not between 1 and 90 then
    return jsonb_build_object('outcome', 'out_of_range');
  end if;
  update public.schools set termination_force_days = p_days where id = app.my_school();
  return jsonb_build_object('outcome', 'set', 'days', p_days);
end
$$;

revoke all on function app.propose_termination(uuid, uuid, text, text, text[]),
  app.answer_termination(uuid, boolean, text), app.withdraw_termination(uuid),
  app.force_termination(uuid, text), app.set_termination_force_days(int) from public, anon;
grant execute on function app.propose_termination(uuid, uuid, text, text, text[]),
  app.answer_termination(uuid, boolean, text), app.withdraw_termination(uuid),
  app.force_termination(uuid, text), app.set_termination_force_days(int) to authenticated, service_role;
