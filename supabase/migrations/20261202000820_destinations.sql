-- Other destinations (其他去向登记 / 就业信息上报), issue 15: the definitions of the national
-- 毕业去向 categories (categories → fields → proofs, read by the form and by the checks below), and
-- the functions that move public.destinations and public.destination_requests through the steps of
-- app.signing_transitions (20261202000800_signing_paths.sql). Flow: docs/flows/destinations.md.
-- Idempotent: `create or replace`, `if not exists`, `on conflict do update`.
--
-- Functions (outcomes in src/contracts/destinations.ts):
--   app.save_destination(p_id, p_category, p_fields, p_proof_keys, p_submit)   the student: a new
--       destination (p_id null), or their own draft | submitted | returned one edited; p_submit moves
--       new | draft → submitted, returned → submitted. Values are checked here against the definition
--       tables (unknown category, field or proof → 22023; a value that breaks its definition → outcome
--       invalid; on submit, and always for one under review, a missing required field or proof →
--       outcome incomplete). The student's app_users row is locked first; destinations_one_active
--       holds one active destination whatever calls what.
--   app.remove_destination(p_id)                          the student: draft | submitted | returned → removed
--   app.request_destination_change(p_destination, p_kind, p_changes, p_reason, p_proof_keys)
--       the student, of an approved destination: a correction (new values checked like a submission)
--       or a removal; one pending request per destination.
--   app.withdraw_destination_request(p_id)                the student: pending → withdrawn
--   decided in the workbench (app.decide_review): app.decide_destination (submitted → approved, with
--       the employment record | returned) and app.decide_destination_request (approved: the correction
--       is applied to the destination and its employment record, or the removal ends both | rejected).

-- ================================================================ where a field goes in the record
-- 就业方案 (employment_records) has an employer, a position and a place; a category names which of its
-- fields fill them (the category's label and '—' stand in for what it does not have).
alter table app.destination_fields add column if not exists record_as text
  check (record_as in ('employer_name', 'position', 'work_place'));

-- edits that keep the state: a draft saved again, a returned one corrected before its resubmission,
-- one under review edited by the student (editable while unreviewed)
insert into app.signing_transitions (kind, from_status, action, actor, to_status) values
  ('destination', 'draft', 'save', 'student', 'draft'),
  ('destination', 'returned', 'save', 'student', 'returned'),
  ('destination', 'submitted', 'save', 'student', 'submitted')
on conflict (kind, from_status, action, actor) do update set to_status = excluded.to_status;

-- ================================================================ the categories (national codes)
insert into app.destination_categories (code, grp, label, national_code, blocks_signing, employed, sort) values
  ('agreement_job', 'employed', '签就业协议形式就业', '10', true, true, 10),
  ('labour_contract', 'employed', '签劳动合同形式就业', '11', true, true, 20),
  ('other_hire', 'employed', '其他录用形式就业', '12', false, true, 30),
  ('research_assistant', 'employed', '科研助理、管理助理', '46', false, true, 40),
  ('conscript', 'employed', '应征义务兵', '50', false, true, 50),
  ('national_project', 'employed', '国家基层项目', '51', false, true, 60),
  ('local_project', 'employed', '地方基层项目', '52', false, true, 70),
  ('entrepreneurship', 'employed', '自主创业', '75', false, true, 80),
  ('freelance', 'employed', '自由职业', '76', false, true, 90),
  ('further_study', 'further_study', '升学', '80', false, false, 100),
  ('abroad', 'abroad', '出国、出境', '85', false, false, 110),
  ('plan_study', 'not_employed', '不就业拟升学', '70', false, false, 120),
  ('other_unemployed', 'not_employed', '其他暂不就业', '71', false, false, 130),
  ('awaiting', 'not_employed', '待就业', '72', false, false, 140)
on conflict (code) do update set grp = excluded.grp, label = excluded.label, national_code = excluded.national_code,
  blocks_signing = excluded.blocks_signing, employed = excluded.employed, sort = excluded.sort;

-- ================================================================ their fields
-- a definition row dropped from this list is deleted below (the list is the whole truth)
drop table if exists pg_temp.destination_fields_new;
create temporary table destination_fields_new (like app.destination_fields);
insert into destination_fields_new (category, field, label, input, required, options, max_length, sort, record_as) values
  ('agreement_job', 'employer', '用人单位名称', 'text', true, null, 100, 10, 'employer_name'),
  ('agreement_job', 'credit_code', '统一社会信用代码', 'credit_code', true, null, 18, 20, null),
  ('agreement_job', 'position', '工作岗位', 'text', true, null, 50, 30, 'position'),
  ('agreement_job', 'work_place', '工作地点', 'text', true, null, 100, 40, 'work_place'),
  ('agreement_job', 'contact_phone', '单位联系电话', 'phone', false, null, 20, 50, null),
  ('labour_contract', 'employer', '用人单位名称', 'text', true, null, 100, 10, 'employer_name'),
  ('labour_contract', 'credit_code', '统一社会信用代码', 'credit_code', true, null, 18, 20, null),
  ('labour_contract', 'position', '工作岗位', 'text', true, null, 50, 30, 'position'),
  ('labour_contract', 'work_place', '工作地点', 'text', true, null, 100, 40, 'work_place'),
  ('labour_contract', 'contract_start', '合同开始日期', 'date', true, null, 10, 50, null),
  ('labour_contract', 'contract_end', '合同结束日期', 'date', false, null, 10, 60, null),
  ('other_hire', 'employer', '用人单位名称', 'text', true, null, 100, 10, 'employer_name'),
  ('other_hire', 'credit_code', '统一社会信用代码', 'credit_code', false, null, 18, 20, null),
  ('other_hire', 'position', '工作岗位', 'text', true, null, 50, 30, 'position'),
  ('other_hire', 'work_place', '工作地点', 'text', true, null, 100, 40, 'work_place'),
  ('research_assistant', 'employer', '聘用单位（高校或科研院所）', 'text', true, null, 100, 10, 'employer_name'),
  ('research_assistant', 'assistant_kind', '助理类别', 'select',
    true, '[{"value":"research","label":"科研助理"},{"value":"management","label":"管理助理"}]', 20, 20, null),
  ('research_assistant', 'position', '所在项目或岗位', 'text', true, null, 50, 30, 'position'),
  ('research_assistant', 'work_place', '工作地点', 'text', true, null, 100, 40, 'work_place'),
  ('conscript', 'enlist_place', '入伍地', 'text', true, null, 100, 10, 'work_place'),
  ('conscript', 'enlist_date', '入伍日期', 'date', false, null, 10, 20, null),
  ('national_project', 'project', '项目名称', 'select', true,
    '[{"value":"sanzhi_yifu","label":"三支一扶计划"},{"value":"western","label":"大学生志愿服务西部计划"},{"value":"special_teacher","label":"农村教师特岗计划"},{"value":"other","label":"其他国家基层项目"}]',
    20, 10, 'position'),
  ('national_project', 'employer', '服务单位', 'text', true, null, 100, 20, 'employer_name'),
  ('national_project', 'work_place', '服务地', 'text', true, null, 100, 30, 'work_place'),
  ('local_project', 'project', '项目名称', 'select', true,
    '[{"value":"selected_graduate","label":"选调生"},{"value":"local_sanzhi","label":"地方三支一扶"},{"value":"community","label":"社区工作者"},{"value":"other","label":"其他地方基层项目"}]',
    20, 10, 'position'),
  ('local_project', 'employer', '服务单位', 'text', true, null, 100, 20, 'employer_name'),
  ('local_project', 'work_place', '服务地', 'text', true, null, 100, 30, 'work_place'),
  ('entrepreneurship', 'company', '企业（或个体工商户）名称', 'text', true, null, 100, 10, 'employer_name'),
  ('entrepreneurship', 'credit_code', '统一社会信用代码', 'credit_code', true, null, 18, 20, null),
  ('entrepreneurship', 'role', '本人身份', 'select', true,
    '[{"value":"legal_person","label":"法定代表人"},{"value":"shareholder","label":"股东"},{"value":"partner","label":"合伙人"}]',
    20, 30, 'position'),
  ('entrepreneurship', 'work_place', '经营地点', 'text', true, null, 100, 40, 'work_place'),
  ('freelance', 'occupation', '从业类型（如自媒体、设计、家教）', 'text', true, null, 50, 10, 'position'),
  ('freelance', 'work_place', '工作地点', 'text', true, null, 100, 20, 'work_place'),
  ('further_study', 'degree', '升学层次', 'select', true,
    '[{"value":"master","label":"硕士研究生"},{"value":"doctor","label":"博士研究生"},{"value":"second_bachelor","label":"第二学士学位"},{"value":"upgrade","label":"专升本"}]',
    20, 10, null),
  ('further_study', 'school', '录取院校', 'text', true, null, 100, 20, 'employer_name'),
  ('further_study', 'major', '录取专业', 'text', true, null, 50, 30, 'position'),
  ('further_study', 'school_place', '院校所在地', 'text', false, null, 100, 40, 'work_place'),
  ('abroad', 'purpose', '出国（境）类别', 'select', true,
    '[{"value":"work","label":"出国（境）工作"},{"value":"study","label":"出国（境）学习"}]', 20, 10, null),
  ('abroad', 'country', '国家或地区', 'text', true, null, 50, 20, 'work_place'),
  ('abroad', 'institution', '就业单位或升学院校', 'text', true, null, 100, 30, 'employer_name'),
  ('abroad', 'position_or_major', '岗位或专业', 'text', false, null, 50, 40, 'position'),
  ('plan_study', 'plan', '拟升学类型', 'select', true,
    '[{"value":"postgraduate","label":"考研"},{"value":"upgrade","label":"专升本"},{"value":"abroad","label":"出国（境）留学"},{"value":"other","label":"其他"}]',
    20, 10, null),
  ('other_unemployed', 'reason', '暂不就业原因', 'text', true, null, 200, 10, null),
  ('awaiting', 'intention', '求职意向（选填）', 'text', false, null, 100, 10, null);
insert into app.destination_fields (category, field, label, input, required, options, max_length, sort, record_as)
  select category, field, label, input, required, options, max_length, sort, record_as from destination_fields_new
  on conflict (category, field) do update set label = excluded.label, input = excluded.input,
    required = excluded.required, options = excluded.options, max_length = excluded.max_length,
    sort = excluded.sort, record_as = excluded.record_as;
delete from app.destination_fields f
  where not exists (select 1 from destination_fields_new n where n.category = f.category and n.field = f.field);
drop table destination_fields_new;

-- ================================================================ their proofs
drop table if exists pg_temp.destination_proofs_new;
create temporary table destination_proofs_new (like app.destination_proofs);
insert into destination_proofs_new (category, proof, label, required, sort) values
  ('agreement_job', 'agreement_scan', '就业协议书（盖章页）', true, 10),
  ('labour_contract', 'labour_contract', '劳动合同', true, 10),
  ('other_hire', 'hire_proof', '录用证明或工作证明', true, 10),
  ('research_assistant', 'hire_proof', '聘用协议', true, 10),
  ('conscript', 'enlistment_notice', '入伍通知书', true, 10),
  ('national_project', 'project_proof', '项目录取或派遣证明', true, 10),
  ('local_project', 'project_proof', '项目录取或派遣证明', true, 10),
  ('entrepreneurship', 'business_license', '营业执照', true, 10),
  ('freelance', 'freelance_proof', '灵活就业证明或收入证明', true, 10),
  ('further_study', 'admission_letter', '录取通知书或调档函', true, 10),
  ('abroad', 'offer', '录取通知书或工作合同', true, 10),
  ('abroad', 'visa', '签证', false, 20)
;
insert into app.destination_proofs (category, proof, label, required, sort)
  select category, proof, label, required, sort from destination_proofs_new
  on conflict (category, proof) do update set label = excluded.label, required = excluded.required, sort = excluded.sort;
delete from app.destination_proofs p
  where not exists (select 1 from destination_proofs_new n where n.category = p.category and n.proof = p.proof);
drop table destination_proofs_new;

-- ================================================================ the check of a category's values
-- p_fields {field: value}, p_proofs {proof: [key, …]} against the definitions of p_category.
-- Unknown names and wrongly shaped values are malformed calls (22023): the form is built from the
-- same definitions. Returns {"invalid": {name: reason}, "missing_fields": [...], "missing_proofs": [...]}
-- (missing ones only when p_complete); the caller turns a non-empty answer into its outcome.
create or replace function app.destination_check(p_category text, p_fields jsonb, p_proofs jsonb, p_complete boolean)
  returns jsonb
  language plpgsql stable security definer set search_path = ''
  as $$
declare
  v_bad text;
  v_def app.destination_fields%rowtype;
  v_value jsonb;
  v_text text;
  v_invalid jsonb := '{}'::jsonb;
  v_keys jsonb;
begin
  if p_category is null or not exists (select 1 from app.destination_categories where code = p_category) then
    raise exception 'destination: % is not a destination category', coalesce(p_category, 'null') using errcode = '22023';
  end if;
  select k into v_bad from jsonb_object_keys(p_fields) k
    where not exists (select 1 from app.destination_fields f where f.category = p_category and f.field = k) limit 1;
  if v_bad is not null then
    raise exception 'destination: % is not a field of %', v_bad, p_category using errcode = '22023';
  end if;
  select k into v_bad from jsonb_object_keys(p_proofs) k
    where not exists (select 1 from app.destination_proofs p where p.category = p_category and p.proof = k) limit 1;
  if v_bad is not null then
    raise exception 'destination: % is not a proof of %', v_bad, p_category using errcode = '22023';
  end if;
  for v_def in select * from app.destination_fields where category = p_category order by sort loop
    v_value := p_fields -> v_def.field;
    continue when v_value is null or v_value = 'null'::jsonb;
    if jsonb_typeof(v_value) not in ('string', 'number') then
      raise exception 'destination: % takes a string', v_def.field using errcode = '22023';
    end if;
    v_text := v_value #>> '{}';
    if length(v_text) > v_def.max_length then
      v_invalid := v_invalid || jsonb_build_object(v_def.field, 'too_long');
    elsif v_def.input = 'select' and not exists (
        select 1 from jsonb_array_elements(v_def.options) o where o ->> 'value' = v_text) then
      v_invalid := v_invalid || jsonb_build_object(v_def.field, 'not_an_option');
    elsif v_def.input = 'date' and (v_text !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' or not pg_catalog.pg_input_is_valid(v_text, 'date')) then
      v_invalid := v_invalid || jsonb_build_object(v_def.field, 'bad_date');
    elsif v_def.input = 'number' and v_text !~ '^-?[0-9]{1,12}(\.[0-9]{1,4})?$' then
      v_invalid := v_invalid || jsonb_build_object(v_def.field, 'bad_number');
    elsif v_def.input = 'credit_code' and v_text !~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$' then
      v_invalid := v_invalid || jsonb_build_object(v_def.field, 'bad_credit_code');
    elsif v_def.input = 'phone' and v_text !~ '^[0-9+\- ]{6,20}$' then
      v_invalid := v_invalid || jsonb_build_object(v_def.field, 'bad_phone');
    elsif v_def.input in ('text', 'select') and jsonb_typeof(v_value) <> 'string' then
      v_invalid := v_invalid || jsonb_build_object(v_def.field, 'not_text');
    end if;
  end loop;
  for v_bad, v_keys in select key, value from jsonb_each(p_proofs) loop
    if jsonb_typeof(v_keys) <> 'array' or exists (select 1 from jsonb_array_elements(v_keys) e where jsonb_typeof(e) <> 'string') then
      raise exception 'destination: the proof % takes an array of keys', v_bad using errcode = '22023';
    end if;
    if jsonb_array_length(v_keys) > 5 then
      v_invalid := v_invalid || jsonb_build_object(v_bad, 'too_many_files');
    elsif not app.own_signing_uploads(array(select jsonb_array_elements_text(v_keys))) then
      v_invalid := v_invalid || jsonb_build_object(v_bad, 'not_own_upload');
    end if;
  end loop;
  return jsonb_build_object('invalid', v_invalid,
    'missing_fields', case when p_complete then coalesce((select jsonb_agg(f.field order by f.sort)
        from app.destination_fields f where f.category = p_category and f.required
          and coalesce(p_fields -> f.field, 'null'::jsonb) = 'null'::jsonb), '[]'::jsonb) else '[]'::jsonb end,
    'missing_proofs', case when p_complete then coalesce((select jsonb_agg(p.proof order by p.sort)
        from app.destination_proofs p where p.category = p_category and p.required
          and coalesce(jsonb_array_length(case when jsonb_typeof(p_proofs -> p.proof) = 'array'
            then p_proofs -> p.proof end), 0) = 0), '[]'::jsonb) else '[]'::jsonb end);
end
$$;
revoke all on function app.destination_check(text, jsonb, jsonb, boolean) from public, anon, authenticated;

-- the cleaned values: blank strings and nulls dropped, strings trimmed, empty proof lists dropped
create or replace function app.destination_clean(p jsonb) returns jsonb
  language sql immutable set search_path = ''
  as $$
    select coalesce(jsonb_object_agg(k, v), '{}'::jsonb)
    from jsonb_each(app.blank_to_null(p)) as e(k, v)
    where v <> 'null'::jsonb and v <> '[]'::jsonb
  $$;
revoke all on function app.destination_clean(jsonb) from public, anon, authenticated;

-- the employment record's three columns from a destination's values
create or replace function app.destination_record(p_category text, p_fields jsonb,
  out rec_employer text, out rec_position text, out rec_place text)
  language sql stable security definer set search_path = ''
  as $$
    select
      coalesce((select p_fields ->> f.field from app.destination_fields f
                where f.category = p_category and f.record_as = 'employer_name' order by f.sort limit 1), c.label),
      coalesce((select coalesce(
                  (select o ->> 'label' from jsonb_array_elements(f.options) o where o ->> 'value' = p_fields ->> f.field),
                  p_fields ->> f.field)
                from app.destination_fields f
                where f.category = p_category and f.record_as = 'position' order by f.sort limit 1), c.label),
      coalesce((select p_fields ->> f.field from app.destination_fields f
                where f.category = p_category and f.record_as = 'work_place' order by f.sort limit 1), '—')
    from app.destination_categories c where c.code = p_category
  $$;
revoke all on function app.destination_record(text, jsonb) from public, anon, authenticated;

-- ================================================================ the student: save, submit, remove
create or replace function app.save_destination(p_id uuid, p_category text, p_fields jsonb, p_proof_keys jsonb,
  p_submit boolean) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_row public.destinations%rowtype;
  v_entry public.roster_entries%rowtype;
  v_fields jsonb;
  v_proofs jsonb;
  v_from text;
  v_action text;
  v_to text;
  v_check jsonb;
  v_block text;
  v_id uuid;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_category is null or p_submit is null or p_fields is null or jsonb_typeof(p_fields) <> 'object'
     or p_proof_keys is null or jsonb_typeof(p_proof_keys) <> 'object' then
    raise exception 'save_destination: a category, the fields and the proofs (objects) and p_submit are required'
      using errcode = '22023';
  end if;
  v_fields := app.destination_clean(p_fields);
  v_proofs := app.destination_clean(p_proof_keys);
  -- names the definitions do not know are a malformed call whoever calls (22023)
  perform app.destination_check(p_category, v_fields, v_proofs, false);
  if app.my_role() is distinct from 'student' then
    return jsonb_build_object('outcome', 'forbidden');
  end if;
  -- one save of this student at a time: two first submissions at once make one destination
  perform 1 from public.app_users where id = v_user for update;
  if p_id is null then
    v_from := 'new';
  else
    select * into v_row from public.destinations where id = p_id and student_id = v_user for update;
    if not found then
      return jsonb_build_object('outcome', 'not_found');
    end if;
    v_from := v_row.status;
  end if;
  v_action := case when v_from = 'submitted' then 'save' when not p_submit then 'save'
    when v_from = 'returned' then 'resubmit' else 'submit' end;
  v_to := app.signing_next('destination', v_from, v_action, 'student');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_editable', 'status', v_from);
  end if;
  -- one of the three ways only (one destination way at a time): no destination beside an agreement in progress or in
  -- effect, whatever its category; and the source info approved first (the gate of every procedure)
  v_block := app.signing_block(v_user);
  if v_block in ('source_info_not_approved', 'agreement_in_progress', 'agreement_effective') then
    return jsonb_build_object('outcome', 'not_eligible', 'reason', v_block);
  end if;
  v_check := app.destination_check(p_category, v_fields, v_proofs, v_to = 'submitted');
  if v_check -> 'invalid' <> '{}'::jsonb then
    return jsonb_build_object('outcome', 'invalid', 'fields', v_check -> 'invalid');
  end if;
  if v_check -> 'missing_fields' <> '[]'::jsonb or v_check -> 'missing_proofs' <> '[]'::jsonb then
    return jsonb_build_object('outcome', 'incomplete', 'missing_fields', v_check -> 'missing_fields',
      'missing_proofs', v_check -> 'missing_proofs');
  end if;
  if v_from = 'new' then
    select id into v_id from public.destinations
      where student_id = v_user and status in ('draft', 'submitted', 'returned', 'approved') limit 1;
    if v_id is not null then
      return jsonb_build_object('outcome', 'exists', 'id', v_id);
    end if;
    select r.* into v_entry from public.roster_entries r where r.bound_user_id = v_user;
    insert into public.destinations (student_id, school_id, college, category, fields, proof_keys, status, submitted_at)
      values (v_user, v_entry.school_id, v_entry.college, p_category, v_fields, v_proofs, v_to,
        case when v_to = 'submitted' then now() end)
      returning id into v_id;
    perform app.write_review_log('destination', v_id, v_user, v_entry.school_id, v_entry.college,
      v_action, null, v_to, null, null);
  else
    v_id := p_id;
    update public.destinations
      set category = p_category, fields = v_fields, proof_keys = v_proofs, status = v_to,
          submitted_at = case when v_action in ('submit', 'resubmit') then now() else submitted_at end,
          return_reason = case when v_to = 'returned' then return_reason end, updated_at = now()
      where id = p_id;
    perform app.write_review_log('destination', p_id, v_user, v_row.school_id, v_row.college,
      v_action, v_from, v_to, null,
      nullif(app.field_changes(jsonb_build_object('category', v_row.category) || v_row.fields,
        jsonb_build_object('category', p_category) || v_fields
          || (select coalesce(jsonb_object_agg(k, null), '{}'::jsonb) from jsonb_object_keys(v_row.fields) k
              where not v_fields ? k)), '{}'::jsonb));
  end if;
  return jsonb_build_object('outcome', case when v_to = 'submitted' and v_action <> 'save' then 'submitted' else 'saved' end,
    'id', v_id, 'status', v_to);
end
$$;

create or replace function app.remove_destination(p_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.destinations%rowtype;
  v_to text;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null then
    raise exception 'remove_destination: the destination is required' using errcode = '22023';
  end if;
  select * into v_row from public.destinations where id = p_id and student_id = auth.uid() for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_to := app.signing_next('destination', v_row.status, 'remove', 'student');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_removable', 'status', v_row.status);
  end if;
  update public.destinations set status = v_to, ended_at = now(), updated_at = now() where id = p_id;
  perform app.write_review_log('destination', p_id, v_row.student_id, v_row.school_id, v_row.college,
    'remove', v_row.status, v_to, null, null);
  return jsonb_build_object('outcome', 'removed', 'status', v_to);
end
$$;

-- ================================================================ the student: changes of an approved one
create or replace function app.request_destination_change(p_destination uuid, p_kind text, p_changes jsonb,
  p_reason text, p_proof_keys text[]) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_row public.destinations%rowtype;
  v_new jsonb;
  v_changes jsonb := '{}'::jsonb;
  v_check jsonb;
  v_to text;
  v_id uuid;
  v_keys text[] := coalesce(p_proof_keys, '{}');
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_destination is null or p_kind is null or p_kind not in ('correction', 'removal')
     or length(btrim(coalesce(p_reason, ''))) not between 2 and 500
     or (p_changes is not null and jsonb_typeof(p_changes) <> 'object')
     or (p_kind = 'correction' and coalesce(p_changes, '{}'::jsonb) = '{}'::jsonb)
     or (p_kind = 'removal' and coalesce(p_changes, '{}'::jsonb) <> '{}'::jsonb)
     or cardinality(v_keys) > 5 then
    raise exception 'request_destination_change: a destination, a kind (correction with changes | removal), a reason (2-500) and at most 5 proofs are required'
      using errcode = '22023';
  end if;
  select * into v_row from public.destinations where id = p_destination and student_id = v_user for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_row.status <> 'approved' then
    return jsonb_build_object('outcome', 'not_approved', 'status', v_row.status);
  end if;
  v_to := app.signing_next('destination_request', 'new', 'request', 'student');
  if cardinality(v_keys) > 0 and not app.own_signing_uploads(v_keys) then
    return jsonb_build_object('outcome', 'invalid', 'fields', jsonb_build_object('proof_keys', 'not_own_upload'));
  end if;
  select id into v_id from public.destination_requests where destination_id = p_destination and status = 'pending';
  if v_id is not null then
    return jsonb_build_object('outcome', 'pending_exists', 'id', v_id);
  end if;
  if p_kind = 'correction' then
    -- the corrected destination must be a complete one of its category, like a submission
    v_new := app.destination_clean(v_row.fields || p_changes);
    v_check := app.destination_check(v_row.category, v_new, v_row.proof_keys, true);
    if v_check -> 'invalid' <> '{}'::jsonb then
      return jsonb_build_object('outcome', 'invalid', 'fields', v_check -> 'invalid');
    end if;
    if v_check -> 'missing_fields' <> '[]'::jsonb then
      return jsonb_build_object('outcome', 'incomplete', 'missing_fields', v_check -> 'missing_fields',
        'missing_proofs', '[]'::jsonb);
    end if;
    v_changes := app.field_changes(v_row.fields,
      (select jsonb_object_agg(k, v_new -> k) from jsonb_object_keys(p_changes) k));
    if v_changes = '{}'::jsonb then
      return jsonb_build_object('outcome', 'no_change');
    end if;
  end if;
  insert into public.destination_requests (destination_id, student_id, school_id, college, kind, changes, reason,
      proof_keys, status)
    values (p_destination, v_user, v_row.school_id, v_row.college, p_kind, v_changes, btrim(p_reason), v_keys, v_to)
    returning id into v_id;
  perform app.write_review_log('destination_request', v_id, v_user, v_row.school_id, v_row.college,
    'request', null, v_to, p_reason, nullif(v_changes, '{}'::jsonb));
  return jsonb_build_object('outcome', 'requested', 'id', v_id, 'status', v_to);
end
$$;

create or replace function app.withdraw_destination_request(p_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.destination_requests%rowtype;
  v_to text;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null then
    raise exception 'withdraw_destination_request: the request is required' using errcode = '22023';
  end if;
  select * into v_row from public.destination_requests where id = p_id and student_id = auth.uid() for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_to := app.signing_next('destination_request', v_row.status, 'withdraw', 'student');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status);
  end if;
  update public.destination_requests set status = v_to, decided_at = now() where id = p_id;
  perform app.write_review_log('destination_request', p_id, v_row.student_id, v_row.school_id, v_row.college,
    'withdraw', v_row.status, v_to, null, null);
  return jsonb_build_object('outcome', 'withdrawn', 'status', v_to);
end
$$;

-- ================================================================ the school (workbench kinds)
create or replace function app.decide_destination(p_item uuid, p_decision text, p_reason text, p_extra jsonb)
  returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.destinations%rowtype;
  v_to text;
  v_block text;
  v_rec record;
begin
  select * into v_row from public.destinations where id = p_item for update;
  if not found or not app.staff_covers(v_row.school_id, v_row.college) then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_to := app.signing_next('destination', v_row.status, p_decision, 'school_staff');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status, 'decided_at', v_row.decided_at);
  end if;
  if v_to = 'approved' then
    -- an agreement accepted while this destination waited: the student has one destination record
    perform 1 from public.app_users where id = v_row.student_id for update;
    v_block := app.signing_block(v_row.student_id);
    if v_block in ('agreement_in_progress', 'agreement_effective') then
      return jsonb_build_object('outcome', 'not_eligible', 'reason', v_block);
    end if;
  end if;
  update public.destinations
    set status = v_to, decided_at = now(), decided_by = auth.uid(),
        return_reason = case when v_to = 'returned' then btrim(p_reason) end, updated_at = now()
    where id = p_item;
  if v_to = 'approved' then
    select * into v_rec from app.destination_record(v_row.category, v_row.fields);
    insert into public.employment_records (student_id, destination_id, school_id, college,
        employer_name, position, work_place)
      values (v_row.student_id, v_row.id, v_row.school_id, v_row.college,
        v_rec.rec_employer, v_rec.rec_position, v_rec.rec_place);
  end if;
  perform app.write_review_log('destination', p_item, v_row.student_id, v_row.school_id, v_row.college,
    p_decision, v_row.status, v_to, p_reason, null);
  return jsonb_build_object('outcome', 'decided', 'status', v_to, 'student_id', v_row.student_id);
end
$$;
revoke all on function app.decide_destination(uuid, text, text, jsonb) from public, anon, authenticated;

create or replace function app.decide_destination_request(p_item uuid, p_decision text, p_reason text, p_extra jsonb)
  returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_req public.destination_requests%rowtype;
  v_dest public.destinations%rowtype;
  v_to text;
  v_dest_to text;
  v_fields jsonb;
  v_rec record;
begin
  select * into v_req from public.destination_requests where id = p_item for update;
  if not found or not app.staff_covers(v_req.school_id, v_req.college) then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_to := app.signing_next('destination_request', v_req.status, p_decision, 'school_staff');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_req.status, 'decided_at', v_req.decided_at);
  end if;
  select * into v_dest from public.destinations where id = v_req.destination_id for update;
  if v_to = 'approved' then
    if v_dest.status <> 'approved' then
      return jsonb_build_object('outcome', 'not_pending', 'status', v_req.status, 'destination_status', v_dest.status);
    end if;
    if v_req.kind = 'correction' then
      v_fields := app.destination_clean(v_dest.fields
        || (select coalesce(jsonb_object_agg(k, v -> 'new'), '{}'::jsonb) from jsonb_each(v_req.changes) as e(k, v)));
      update public.destinations set fields = v_fields, updated_at = now() where id = v_dest.id;
      select * into v_rec from app.destination_record(v_dest.category, v_fields);
      update public.employment_records
        set employer_name = v_rec.rec_employer, position = v_rec.rec_position, work_place = v_rec.rec_place
        where destination_id = v_dest.id and status = 'active';
    else
      v_dest_to := app.signing_next('destination', 'approved', 'remove', 'school_staff');
      update public.destinations set status = v_dest_to, ended_at = now(), updated_at = now() where id = v_dest.id;
      update public.employment_records set status = 'closed', closed_at = now()
        where destination_id = v_dest.id and status = 'active';
      perform app.write_review_log('destination', v_dest.id, v_dest.student_id, v_dest.school_id, v_dest.college,
        'remove', 'approved', v_dest_to, p_reason, null);
    end if;
  end if;
  update public.destination_requests
    set status = v_to, decided_at = now(), decided_by = auth.uid(),
        return_reason = case when v_to = 'rejected' then btrim(p_reason) end
    where id = p_item;
  perform app.write_review_log('destination_request', p_item, v_req.student_id, v_req.school_id, v_req.college,
    p_decision, v_req.status, v_to, p_reason, case when v_to = 'approved' then nullif(v_req.changes, '{}'::jsonb) end);
  return jsonb_build_object('outcome', 'decided', 'status', v_to, 'student_id', v_req.student_id);
end
$$;
revoke all on function app.decide_destination_request(uuid, text, text, jsonb) from public, anon, authenticated;

insert into app.review_kinds (kind, item_table, decide_fn, batch_approve) values
  ('destination', 'public.destinations', 'app.decide_destination(uuid, text, text, jsonb)', false),
  ('destination_request', 'public.destination_requests', 'app.decide_destination_request(uuid, text, text, jsonb)', false)
on conflict (kind) do update
  set item_table = excluded.item_table, decide_fn = excluded.decide_fn, batch_approve = excluded.batch_approve;

revoke all on function app.save_destination(uuid, text, jsonb, jsonb, boolean), app.remove_destination(uuid),
  app.request_destination_change(uuid, text, jsonb, text, text[]), app.withdraw_destination_request(uuid)
  from public, anon;
grant execute on function app.save_destination(uuid, text, jsonb, jsonb, boolean), app.remove_destination(uuid),
  app.request_destination_change(uuid, text, jsonb, text, text[]), app.withdraw_destination_request(uuid)
  to authenticated, service_role;
