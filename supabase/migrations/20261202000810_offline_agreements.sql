-- Offline agreements (线下签约/录入协议) and blank agreements (空白协议), issue 15.
-- The student enters the agreement field by field (a draft, edited at will), generates it (from then
-- on immutable: a change is a termination), uploads the stamped scans and submits it; the school
-- decides it in the workbench as any agreement (app.decide_agreement: approval writes the employment
-- record; a returned one is fixed — its scans replaced — and resubmitted by the student). A blank
-- agreement is filled by hand, stamped, and filed with its key fields and scans straight for review.
-- Tables, columns and every transition row: 20261202000800_signing_paths.sql. Flow:
-- docs/flows/offline-agreements.md. Idempotent: `create or replace`.
--
-- Field vocabularies (单位性质 employer_type, 单位行业 industry) are the codes of
-- src/contracts/agreement-offline.ts (tests/signing/sql-offline.test.ts compares them).

-- ================================================================ the fields and their rules
create or replace function app.offline_employer_types() returns text[]
  language sql immutable set search_path = ''
  as $$ select array['10', '21', '22', '23', '24', '29', '31', '32', '39', '40', '55', '56', '99'] $$;
-- GB/T 4754-2017 sections
create or replace function app.offline_industries() returns text[]
  language sql immutable set search_path = ''
  as $$ select array['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R',
    'S', 'T'] $$;
create or replace function app.offline_fields() returns text[]
  language sql immutable set search_path = ''
  as $$ select array['employer_name', 'credit_code', 'employer_type', 'industry', 'employer_location',
    'contact_name', 'contact_phone', 'position', 'contract_years', 'salary_monthly', 'work_place',
    'takes_archive', 'archive_to', 'report_card_to', 'takes_hukou', 'hukou_to'] $$;
-- what a generated agreement must state; a blank one states the same but its type, industry, location
create or replace function app.offline_required(p_blank boolean) returns text[]
  language sql immutable set search_path = ''
  as $$ select array['employer_name', 'credit_code', 'position', 'contract_years', 'salary_monthly', 'work_place',
    'archive_to', 'hukou_to']
    || case when p_blank then array[]::text[] else array['employer_type', 'industry', 'employer_location'] end $$;

-- Is a (trimmed, non-null) value of a field malformed? The same bounds as the columns' checks, so a
-- bad value is an outcome naming the field, not a constraint error.
create or replace function app.offline_value_bad(p_key text, p_value jsonb) returns boolean
  language sql immutable set search_path = ''
  as $$
    select case
      when p_value is null or jsonb_typeof(p_value) = 'null' then false
      when p_key in ('takes_archive', 'takes_hukou') then jsonb_typeof(p_value) <> 'boolean'
      -- nested CASEs: the casts run only on numbers (OR does not promise an order)
      when p_key = 'contract_years' then case when jsonb_typeof(p_value) <> 'number' then true
        else not ((p_value #>> '{}')::numeric between 0.5 and 10)
          or (p_value #>> '{}')::numeric * 2 <> trunc((p_value #>> '{}')::numeric * 2) end
      when p_key = 'salary_monthly' then case when jsonb_typeof(p_value) <> 'number' then true
        else (p_value #>> '{}')::numeric <> trunc((p_value #>> '{}')::numeric)
          or not ((p_value #>> '{}')::numeric between 1000 and 1000000) end
      when jsonb_typeof(p_value) <> 'string' then true
      when p_key = 'credit_code' then (p_value #>> '{}') !~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'
      when p_key = 'employer_type' then not ((p_value #>> '{}') = any (app.offline_employer_types()))
      when p_key = 'industry' then not ((p_value #>> '{}') = any (app.offline_industries()))
      when p_key = 'contact_phone' then (p_value #>> '{}') !~ '^[0-9+\- ]{6,20}$'
      else length(p_value #>> '{}') not between
        case p_key when 'contact_name' then 1 when 'position' then 1 else 2 end
        and case p_key when 'employer_name' then 100 when 'employer_location' then 100 when 'work_place' then 100
          when 'contact_name' then 30 when 'position' then 50 else 200 end
    end
  $$;

-- The fields, trimmed (blank strings are NULL: a draft field cleared), or 22023 on an unknown key.
create or replace function app.offline_clean(p_fields jsonb, p_fn text) returns jsonb
  language plpgsql immutable set search_path = ''
  as $$
declare
  v_bad text;
begin
  if p_fields is null or jsonb_typeof(p_fields) is distinct from 'object' then
    raise exception '%: the fields are required (an object)', p_fn using errcode = '22023';
  end if;
  select k into v_bad from jsonb_object_keys(p_fields) k where not (k = any (app.offline_fields())) limit 1;
  if v_bad is not null then
    raise exception '%: % is not a field of an offline agreement', p_fn, v_bad using errcode = '22023';
  end if;
  return app.blank_to_null(p_fields);
end
$$;

-- The malformed fields of a cleaned set.
create or replace function app.offline_invalid(p_fields jsonb) returns text[]
  language sql immutable set search_path = ''
  as $$
    select coalesce(array_agg(k order by k), '{}') from jsonb_each(p_fields) e(k, v) where app.offline_value_bad(k, v)
  $$;

-- The required fields a row lacks.
create or replace function app.offline_missing(p_row public.agreements) returns text[]
  language sql stable set search_path = ''
  as $$
    select coalesce(array_agg(k order by k), '{}')
    from unnest(app.offline_required(p_row.blank)) k
    where (to_jsonb(p_row) -> k) is null or jsonb_typeof(to_jsonb(p_row) -> k) = 'null'
  $$;

revoke all on function app.offline_employer_types(), app.offline_industries(), app.offline_fields(),
  app.offline_required(boolean), app.offline_value_bad(text, jsonb), app.offline_clean(jsonb, text),
  app.offline_invalid(jsonb), app.offline_missing(public.agreements) from public, anon, authenticated;
grant execute on function app.offline_employer_types(), app.offline_industries(), app.offline_fields()
  to service_role;

-- ================================================================ save a draft (new or edited)
create or replace function app.save_offline_agreement(p_id uuid, p_fields jsonb) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_f jsonb;
  v_bad text[];
  v_block text;
  v_entry public.roster_entries%rowtype;
  v_row public.agreements%rowtype;
  v_next public.agreements%rowtype;
  v_to text;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  v_f := app.offline_clean(p_fields, 'save_offline_agreement');
  if app.my_role() is distinct from 'student' then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  -- one call of this student at a time: two first saves make one draft
  perform 1 from public.app_users where id = v_user for update;
  if p_id is null then
    -- the one draft (agreements_one_draft): a second "new" one is the first, edited
    select * into v_row from public.agreements where student_id = v_user and status = 'draft' for update;
  else
    select * into v_row from public.agreements where id = p_id and student_id = v_user and kind = 'offline'
      for update;
    if not found then
      return jsonb_build_object('outcome', 'not_found');
    end if;
    if v_row.status <> 'draft' then
      return jsonb_build_object('outcome', 'not_editable', 'status', v_row.status);
    end if;
  end if;
  v_bad := app.offline_invalid(v_f);
  if cardinality(v_bad) > 0 then
    return jsonb_build_object('outcome', 'invalid', 'invalid', to_jsonb(v_bad));
  end if;
  if v_row.id is null then
    v_block := app.signing_block(v_user);
    if v_block is not null then
      return jsonb_build_object('outcome', 'not_eligible', 'reason', v_block);
    end if;
    v_to := app.signing_next('agreement', 'new', 'save', 'student');
    select r.* into v_entry from public.roster_entries r where r.bound_user_id = v_user;
    v_next := jsonb_populate_record(null::public.agreements, v_f);
    insert into public.agreements (number, kind, student_id, school_id, college, employer_name, credit_code,
        employer_type, industry, employer_location, contact_name, contact_phone, position, contract_years,
        salary_monthly, work_place, takes_archive, archive_to, report_card_to, takes_hukou, hukou_to, status)
      values (app.new_agreement_number(), 'offline', v_user, v_entry.school_id, v_entry.college,
        v_next.employer_name, v_next.credit_code, v_next.employer_type, v_next.industry, v_next.employer_location,
        v_next.contact_name, v_next.contact_phone, v_next.position, v_next.contract_years, v_next.salary_monthly,
        v_next.work_place, coalesce(v_next.takes_archive, false), v_next.archive_to, v_next.report_card_to,
        coalesce(v_next.takes_hukou, false), v_next.hukou_to, v_to)
      returning * into v_row;
    perform app.write_review_log('agreement', v_row.id, v_user, v_row.school_id, v_row.college,
      'save', null, v_to, null, null);
    return jsonb_build_object('outcome', 'saved', 'id', v_row.id, 'status', v_to, 'created', true);
  end if;
  -- an edit of the draft: not a state change (no audit row); updated_at records it
  v_next := jsonb_populate_record(v_row, v_f);
  update public.agreements set employer_name = v_next.employer_name, credit_code = v_next.credit_code,
      employer_type = v_next.employer_type, industry = v_next.industry, employer_location = v_next.employer_location,
      contact_name = v_next.contact_name, contact_phone = v_next.contact_phone, position = v_next.position,
      contract_years = v_next.contract_years, salary_monthly = v_next.salary_monthly, work_place = v_next.work_place,
      takes_archive = coalesce(v_next.takes_archive, false), archive_to = v_next.archive_to,
      report_card_to = v_next.report_card_to, takes_hukou = coalesce(v_next.takes_hukou, false),
      hukou_to = v_next.hukou_to, updated_at = now()
    where id = v_row.id;
  return jsonb_build_object('outcome', 'saved', 'id', v_row.id, 'status', v_row.status, 'created', false);
end
$$;

-- ================================================================ discard, generate
create or replace function app.discard_offline_agreement(p_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.agreements%rowtype;
  v_to text;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null then
    raise exception 'discard_offline_agreement: the agreement is required' using errcode = '22023';
  end if;
  select * into v_row from public.agreements where id = p_id and student_id = auth.uid() and kind = 'offline'
    for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_to := app.signing_next('agreement', v_row.status, 'discard', 'student');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_editable', 'status', v_row.status);
  end if;
  update public.agreements set status = v_to, updated_at = now() where id = p_id;
  perform app.write_review_log('agreement', p_id, v_row.student_id, v_row.school_id, v_row.college,
    'discard', v_row.status, v_to, null, null);
  return jsonb_build_object('outcome', 'discarded', 'status', v_to);
end
$$;

create or replace function app.generate_offline_agreement(p_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_row public.agreements%rowtype;
  v_to text;
  v_missing text[];
  v_bad text[];
  v_block text;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null then
    raise exception 'generate_offline_agreement: the agreement is required' using errcode = '22023';
  end if;
  perform 1 from public.app_users where id = v_user for update;
  select * into v_row from public.agreements where id = p_id and student_id = v_user and kind = 'offline'
    for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_to := app.signing_next('agreement', v_row.status, 'generate', 'student');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_editable', 'status', v_row.status);
  end if;
  v_missing := app.offline_missing(v_row);
  v_bad := app.offline_invalid((select jsonb_object_agg(k, to_jsonb(v_row) -> k)
    from unnest(app.offline_fields()) k));
  if cardinality(v_missing) > 0 or cardinality(v_bad) > 0 then
    return jsonb_build_object('outcome', 'incomplete', 'missing', to_jsonb(v_missing), 'invalid', to_jsonb(v_bad));
  end if;
  v_block := app.signing_block(v_user);
  if v_block is not null then
    return jsonb_build_object('outcome', 'not_eligible', 'reason', v_block);
  end if;
  update public.agreements set status = v_to, generated_at = now(), updated_at = now() where id = p_id;
  perform app.write_review_log('agreement', p_id, v_user, v_row.school_id, v_row.college,
    'generate', v_row.status, v_to, null, null);
  return jsonb_build_object('outcome', 'generated', 'status', v_to);
end
$$;

-- ================================================================ scans, submission
-- 1–6 of the caller's own uploads (app.own_signing_uploads), distinct; not a state change (the list
-- is replaced; updated_at records it), open while the agreement waits for them or was returned.
create or replace function app.attach_agreement_scans(p_id uuid, p_keys text[]) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.agreements%rowtype;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null or p_keys is null then
    raise exception 'attach_agreement_scans: the agreement and the keys are required' using errcode = '22023';
  end if;
  select * into v_row from public.agreements where id = p_id and student_id = auth.uid() and kind = 'offline'
    for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_row.status not in ('generated', 'returned') then
    return jsonb_build_object('outcome', 'not_editable', 'status', v_row.status);
  end if;
  if cardinality(p_keys) not between 1 and 6 or not app.own_signing_uploads(p_keys)
     or (select count(distinct k) from unnest(p_keys) k) <> cardinality(p_keys) then
    return jsonb_build_object('outcome', 'bad_scans');
  end if;
  update public.agreements set scan_keys = p_keys, updated_at = now() where id = p_id;
  return jsonb_build_object('outcome', 'attached', 'status', v_row.status, 'scans', cardinality(p_keys));
end
$$;

create or replace function app.submit_offline_agreement(p_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.agreements%rowtype;
  v_action text;
  v_to text;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null then
    raise exception 'submit_offline_agreement: the agreement is required' using errcode = '22023';
  end if;
  select * into v_row from public.agreements where id = p_id and student_id = auth.uid() and kind = 'offline'
    for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_action := case v_row.status when 'returned' then 'resubmit' else 'submit' end;
  v_to := app.signing_next('agreement', v_row.status, v_action, 'student');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_editable', 'status', v_row.status);
  end if;
  if cardinality(v_row.scan_keys) = 0 then
    return jsonb_build_object('outcome', 'scans_required');
  end if;
  update public.agreements set status = v_to, submitted_at = now(), return_reason = null, updated_at = now()
    where id = p_id;
  perform app.write_review_log('agreement', p_id, v_row.student_id, v_row.school_id, v_row.college,
    v_action, v_row.status, v_to, null, null);
  return jsonb_build_object('outcome', 'submitted', 'status', v_to);
end
$$;

-- ================================================================ the blank agreement
create or replace function app.file_blank_agreement(p_fields jsonb, p_scan_keys text[]) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_f jsonb;
  v_bad text[];
  v_missing text[];
  v_block text;
  v_entry public.roster_entries%rowtype;
  v_next public.agreements%rowtype;
  v_to text;
  v_id uuid;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  v_f := app.offline_clean(p_fields, 'file_blank_agreement');
  if p_scan_keys is null then
    raise exception 'file_blank_agreement: the scans are required' using errcode = '22023';
  end if;
  if app.my_role() is distinct from 'student' then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  perform 1 from public.app_users where id = v_user for update;
  v_bad := app.offline_invalid(v_f);
  v_next := jsonb_populate_record(null::public.agreements, v_f);
  v_next.blank := true;
  v_missing := app.offline_missing(v_next);
  if cardinality(v_missing) > 0 or cardinality(v_bad) > 0 then
    return jsonb_build_object('outcome', 'incomplete', 'missing', to_jsonb(v_missing), 'invalid', to_jsonb(v_bad));
  end if;
  if cardinality(p_scan_keys) not between 1 and 6 or not app.own_signing_uploads(p_scan_keys)
     or (select count(distinct k) from unnest(p_scan_keys) k) <> cardinality(p_scan_keys) then
    return jsonb_build_object('outcome', 'bad_scans');
  end if;
  v_block := app.signing_block(v_user);
  if v_block is not null then
    return jsonb_build_object('outcome', 'not_eligible', 'reason', v_block);
  end if;
  v_to := app.signing_next('agreement', 'new', 'submit', 'student');
  select r.* into v_entry from public.roster_entries r where r.bound_user_id = v_user;
  insert into public.agreements (number, kind, blank, student_id, school_id, college, employer_name, credit_code,
      employer_type, industry, employer_location, contact_name, contact_phone, position, contract_years,
      salary_monthly, work_place, takes_archive, archive_to, report_card_to, takes_hukou, hukou_to, scan_keys,
      status, submitted_at)
    values (app.new_agreement_number(), 'offline', true, v_user, v_entry.school_id, v_entry.college,
      v_next.employer_name, v_next.credit_code, v_next.employer_type, v_next.industry, v_next.employer_location,
      v_next.contact_name, v_next.contact_phone, v_next.position, v_next.contract_years, v_next.salary_monthly,
      v_next.work_place, coalesce(v_next.takes_archive, false), v_next.archive_to, v_next.report_card_to,
      coalesce(v_next.takes_hukou, false), v_next.hukou_to, p_scan_keys, v_to, now())
    returning id into v_id;
  perform app.write_review_log('agreement', v_id, v_user, v_entry.school_id, v_entry.college,
    'submit', null, v_to, null, null);
  return jsonb_build_object('outcome', 'filed', 'id', v_id, 'status', v_to);
end
$$;

revoke all on function app.save_offline_agreement(uuid, jsonb), app.discard_offline_agreement(uuid),
  app.generate_offline_agreement(uuid), app.attach_agreement_scans(uuid, text[]),
  app.submit_offline_agreement(uuid), app.file_blank_agreement(jsonb, text[]) from public, anon;
grant execute on function app.save_offline_agreement(uuid, jsonb), app.discard_offline_agreement(uuid),
  app.generate_offline_agreement(uuid), app.attach_agreement_scans(uuid, text[]),
  app.submit_offline_agreement(uuid), app.file_blank_agreement(jsonb, text[]) to authenticated, service_role;

-- ================================================================ the workbench queue
-- An offline agreement reaches the school when submitted: a draft, a discarded one or one generated
-- but not yet submitted has no submitted_at and is nobody's to review, so it stays out of
-- review_items (app.review_item_sync would otherwise queue it under its created_at). Online
-- agreements carry submitted_at from their creation.
drop trigger if exists review_item_sync on public.agreements;
create trigger review_item_sync after insert or update on public.agreements
  for each row when (new.submitted_at is not null) execute function app.review_item_sync('agreement');
