-- Online signing (线上签约), first part of issue 15: the eligibility rule, the transition table,
-- signing invitations, three-party agreements and the employment record (就业方案), and the
-- agreement as a kind of the review workbench. Offline agreements, destinations, termination and
-- the verification page come next and plug into the same table and functions.
-- Flow: docs/flows/signing.md. Idempotent: `create … if not exists`, `create or replace`,
-- `drop … if exists` + `create …`, `on conflict do update` for the table's rows.
--
-- Who may do what, directly (RLS + grants). No user role has INSERT, UPDATE or DELETE on any table
-- below; every change is one of the functions listed next, each of which looks its step up in
-- app.signing_transitions and writes the audit row (review_log) in the same statement.
--   signing_invitations  the student reads their own; employer members their company's; staff of
--                        the student's scope (school, or college); admins all.
--   agreements           the same.
--   employment_records   the same (generated only by an agreement's approval).
--   app.signing_transitions  (kind, from, action, actor) → to: the one table of legal steps; no
--                        user role reads it (tests and docs read it through the service role).
--
-- Functions (outcomes in src/contracts/signing.ts):
--   app.send_signing_invitation(p_student uuid, p_terms jsonb)     employer of a verified company,
--       to a student who applied to one of its jobs; one pending invitation per company and student
--       (unique partial index; an expired one is marked expired first).
--   app.withdraw_signing_invitation(p_id uuid)                     the sending company: pending → withdrawn
--   app.answer_signing_invitation(p_id uuid, p_accept boolean, p_details jsonb)   the student:
--       pending → declined, or → accepted with a new agreement pending_review. The reply deadline is
--       checked here (an expired invitation answers 'expired' and is marked so). Accepting needs
--       app.signing_block(student) to be null, and the archive/hukou details the employer does not
--       take care of. The student's app_users row is locked first, so two acceptances at once make one
--       agreement; the unique partial index agreements_one_in_progress holds whatever the code does.
--   app.amend_agreement(p_id uuid, p_terms jsonb)                   the company, before approval:
--       pending_review | returned → pending_confirm
--   app.confirm_agreement(p_id uuid)                               the student: pending_confirm → pending_review
--   decided in the workbench: app.decide_review('agreement', …) → app.decide_agreement:
--       pending_review → approved (and the employment record, in the same transaction) | returned.
-- Internal: app.signing_block(p_student uuid) returns text — null when the student may sign, else
--   why not (source_info_not_approved | agreement_in_progress | agreement_effective); the one rule
--   every signing transition calls. app.signing_next(kind, from, action, actor) returns text.

-- ================================================================ the transition table
create table if not exists app.signing_transitions (
  kind text not null,
  from_status text not null,
  action text not null,
  actor text not null check (actor in ('student', 'employer', 'school_staff')),
  to_status text not null,
  primary key (kind, from_status, action, actor)
);
alter table app.signing_transitions enable row level security;
revoke all on app.signing_transitions from public, anon, authenticated;
grant select on app.signing_transitions to service_role;
drop policy if exists signing_transitions_none on app.signing_transitions;
create policy signing_transitions_none on app.signing_transitions for select to authenticated using (false);

insert into app.signing_transitions (kind, from_status, action, actor, to_status) values
  ('invitation', 'pending', 'accept', 'student', 'accepted'),
  ('invitation', 'pending', 'decline', 'student', 'declined'),
  ('invitation', 'pending', 'withdraw', 'employer', 'withdrawn'),
  ('invitation', 'pending', 'expire', 'student', 'expired'),
  ('invitation', 'pending', 'expire', 'employer', 'expired'),
  ('agreement', 'pending_review', 'amend', 'employer', 'pending_confirm'),
  ('agreement', 'returned', 'amend', 'employer', 'pending_confirm'),
  ('agreement', 'pending_confirm', 'confirm', 'student', 'pending_review'),
  ('agreement', 'pending_review', 'approve', 'school_staff', 'approved'),
  ('agreement', 'pending_review', 'return', 'school_staff', 'returned')
on conflict (kind, from_status, action, actor) do update set to_status = excluded.to_status;

create or replace function app.signing_next(p_kind text, p_from text, p_action text, p_actor text) returns text
  language sql stable security definer set search_path = ''
  as $$
    select t.to_status from app.signing_transitions t
    where t.kind = p_kind and t.from_status = p_from and t.action = p_action and t.actor = p_actor
  $$;
revoke all on function app.signing_next(text, text, text, text) from public, anon, authenticated;

-- ================================================================ tables
create table if not exists public.signing_invitations (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  student_id uuid not null references public.app_users (id) on delete cascade,
  school_id uuid not null references public.schools (id),
  college text not null,
  sent_by uuid references public.app_users (id) on delete set null,
  position text not null check (length(btrim(position)) between 1 and 50),
  contract_years numeric(3, 1) not null check (contract_years between 0.5 and 10),
  -- monthly salary in yuan, before tax
  salary_monthly int not null check (salary_monthly between 1000 and 1000000),
  work_place text not null check (length(btrim(work_place)) between 2 and 100),
  reply_by timestamptz not null,
  takes_archive boolean not null,
  archive_to text check (length(archive_to) between 2 and 200),
  takes_hukou boolean not null,
  hukou_to text check (length(hukou_to) between 2 and 200),
  note text check (length(note) <= 500),
  status text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),
  answered_at timestamptz,
  created_at timestamptz not null default now(),
  constraint invitation_archive_to check (not takes_archive or archive_to is not null),
  constraint invitation_hukou_to check (not takes_hukou or hukou_to is not null)
);
create unique index if not exists signing_invitations_one_pending
  on public.signing_invitations (company_id, student_id) where status = 'pending';
create index if not exists signing_invitations_student_idx on public.signing_invitations (student_id, created_at desc);
create index if not exists signing_invitations_company_idx on public.signing_invitations (company_id, created_at desc);
create index if not exists signing_invitations_scope_idx on public.signing_invitations (school_id, college);
create index if not exists signing_invitations_sent_by_idx on public.signing_invitations (sent_by);

create table if not exists public.agreements (
  id uuid primary key default gen_random_uuid(),
  -- printed on the PDF and checked by the public verification page: JY-<year>-<8 hex>
  number text not null unique check (number ~ '^JY-[0-9]{4}-[0-9A-F]{8}$'),
  kind text not null check (kind in ('online', 'offline')),
  student_id uuid not null references public.app_users (id) on delete cascade,
  school_id uuid not null references public.schools (id),
  college text not null,
  company_id uuid references public.companies (id) on delete set null,
  invitation_id uuid unique references public.signing_invitations (id) on delete set null,
  employer_name text not null check (length(btrim(employer_name)) between 2 and 100),
  position text not null check (length(btrim(position)) between 1 and 50),
  contract_years numeric(3, 1) not null check (contract_years between 0.5 and 10),
  salary_monthly int not null check (salary_monthly between 1000 and 1000000),
  work_place text not null check (length(btrim(work_place)) between 2 and 100),
  -- 档案: the employer takes it (archive_to is its address), or the student says where it goes
  takes_archive boolean not null,
  archive_to text not null check (length(btrim(archive_to)) between 2 and 200),
  -- 报到证 goes to (the employer, or the place of the archive)
  report_card_to text check (length(report_card_to) between 2 and 200),
  takes_hukou boolean not null,
  hukou_to text not null check (length(btrim(hukou_to)) between 2 and 200),
  status text not null check (status in
    ('draft', 'generated', 'pending_confirm', 'pending_review', 'returned', 'approved', 'terminated')),
  submitted_at timestamptz,
  confirmed_at timestamptz,
  decided_at timestamptz,
  decided_by uuid references public.app_users (id) on delete set null,
  return_reason text check (length(return_reason) between 1 and 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint agreements_returned_reason check (status <> 'returned' or return_reason is not null),
  constraint agreements_online_company check (kind <> 'online' or company_id is not null)
);
-- at most one effective or in-progress agreement per student, whatever calls what
create unique index if not exists agreements_one_in_progress on public.agreements (student_id)
  where status in ('generated', 'pending_confirm', 'pending_review', 'returned', 'approved');
create index if not exists agreements_student_idx on public.agreements (student_id, created_at desc);
create index if not exists agreements_company_idx on public.agreements (company_id, created_at desc);
create index if not exists agreements_scope_idx on public.agreements (school_id, college);
create index if not exists agreements_decided_by_idx on public.agreements (decided_by);

create table if not exists public.employment_records (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references public.app_users (id) on delete cascade,
  agreement_id uuid not null unique references public.agreements (id) on delete cascade,
  school_id uuid not null references public.schools (id),
  college text not null,
  company_id uuid references public.companies (id) on delete set null,
  employer_name text not null,
  position text not null,
  work_place text not null,
  status text not null default 'active' check (status in ('active', 'closed')),
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  constraint employment_records_closed check ((status = 'closed') = (closed_at is not null))
);
create unique index if not exists employment_records_one_active on public.employment_records (student_id)
  where status = 'active';
create index if not exists employment_records_student_idx on public.employment_records (student_id, created_at desc);
create index if not exists employment_records_scope_idx on public.employment_records (school_id, college);
create index if not exists employment_records_company_idx on public.employment_records (company_id);

-- ================================================================ RLS and grants
alter table public.signing_invitations enable row level security;
alter table public.agreements enable row level security;
alter table public.employment_records enable row level security;
revoke all on public.signing_invitations, public.agreements, public.employment_records from anon, authenticated;
grant select on public.signing_invitations, public.agreements, public.employment_records to authenticated;
grant select, insert, update, delete on public.signing_invitations, public.agreements, public.employment_records
  to service_role;

drop policy if exists signing_invitations_read on public.signing_invitations;
create policy signing_invitations_read on public.signing_invitations for select to authenticated using (
  student_id = (select auth.uid())
  or ((select app.my_role()) = 'employer' and company_id = (select app.my_company()))
  or ((select app.my_role()) = 'school_staff' and school_id = (select app.my_school())
      and ((select app.my_college()) is null or college = (select app.my_college())))
  or (select app.my_role()) = 'platform_admin');

drop policy if exists agreements_read on public.agreements;
create policy agreements_read on public.agreements for select to authenticated using (
  student_id = (select auth.uid())
  or ((select app.my_role()) = 'employer' and company_id = (select app.my_company()))
  or ((select app.my_role()) = 'school_staff' and school_id = (select app.my_school())
      and ((select app.my_college()) is null or college = (select app.my_college())))
  or (select app.my_role()) = 'platform_admin');

drop policy if exists employment_records_read on public.employment_records;
create policy employment_records_read on public.employment_records for select to authenticated using (
  student_id = (select auth.uid())
  or ((select app.my_role()) = 'employer' and company_id = (select app.my_company()))
  or ((select app.my_role()) = 'school_staff' and school_id = (select app.my_school())
      and ((select app.my_college()) is null or college = (select app.my_college())))
  or (select app.my_role()) = 'platform_admin');

-- ================================================================ the audit log and the queue take the new kinds
alter table public.review_log drop constraint if exists review_log_kind_check;
alter table public.review_log add constraint review_log_kind_check
  check (kind in ('source_info', 'correction', 'recommendation', 'invitation', 'agreement'));
alter table public.review_log drop constraint if exists review_log_actor_role_check;
alter table public.review_log add constraint review_log_actor_role_check
  check (actor_role in ('student', 'school_staff', 'employer', 'system'));
alter table public.review_log drop constraint if exists review_log_action_check;
alter table public.review_log add constraint review_log_action_check check (action in (
  'submit', 'resubmit', 'withdraw', 'approve', 'return', 'file',
  'send', 'accept', 'decline', 'expire', 'amend', 'confirm'));

-- employers act too (the 20261202000100 body knew students and staff only)
create or replace function app.review_actor_role() returns text
  language sql stable security definer set search_path = ''
  as $$
    select case app.my_role() when 'student' then 'student' when 'school_staff' then 'school_staff'
      when 'employer' then 'employer' end
  $$;
revoke all on function app.review_actor_role() from public, anon, authenticated;

-- an agreement awaits review in pending_review (the generated column is rebuilt with the new value)
do $$
begin
  if not exists (
    select 1 from pg_catalog.pg_attribute a
    where a.attrelid = 'public.review_items'::regclass and a.attname = 'awaiting'
      and pg_catalog.pg_get_expr((select d.adbin from pg_catalog.pg_attrdef d
        where d.adrelid = a.attrelid and d.adnum = a.attnum), a.attrelid) like '%pending_review%'
  ) then
    alter table public.review_items drop column if exists awaiting;
    alter table public.review_items add column awaiting boolean
      generated always as (status in ('submitted', 'pending', 'pending_review')) stored;
  end if;
end
$$;
create index if not exists review_items_queue_idx on public.review_items (school_id, awaiting, submitted_at, item_id);
create index if not exists review_items_college_idx on public.review_items (school_id, college, awaiting);

drop trigger if exists review_item_sync on public.agreements;
create trigger review_item_sync after insert or update on public.agreements
  for each row execute function app.review_item_sync('agreement');

-- ================================================================ eligibility
create or replace function app.signing_block(p_student uuid) returns text
  language sql stable security definer set search_path = ''
  as $$
    select case
      when p_student is null or not app.can_do_procedures(p_student) then 'source_info_not_approved'
      when exists (select 1 from public.agreements a where a.student_id = p_student and a.status = 'approved')
        then 'agreement_effective'
      when exists (select 1 from public.agreements a where a.student_id = p_student
                   and a.status in ('generated', 'pending_confirm', 'pending_review', 'returned'))
        then 'agreement_in_progress'
    end
  $$;
revoke all on function app.signing_block(uuid) from public, anon, authenticated;
grant execute on function app.signing_block(uuid) to service_role;

-- ================================================================ invitations
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
  -- an invitation past its deadline is expired from now on (the index then lets a new one in)
  update public.signing_invitations set status = 'expired', answered_at = now()
    where company_id = v_company and student_id = p_student and status = 'pending' and reply_by < now();
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

create or replace function app.withdraw_signing_invitation(p_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.signing_invitations%rowtype;
  v_to text;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null then
    raise exception 'withdraw_signing_invitation: the invitation is required' using errcode = '22023';
  end if;
  select * into v_row from public.signing_invitations where id = p_id for update;
  if not found or app.my_role() is distinct from 'employer' or v_row.company_id is distinct from app.my_company() then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_to := app.signing_next('invitation', v_row.status, 'withdraw', 'employer');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status);
  end if;
  update public.signing_invitations set status = v_to, answered_at = now() where id = p_id;
  perform app.write_review_log('invitation', p_id, v_row.student_id, v_row.school_id, v_row.college,
    'withdraw', v_row.status, v_to, null, null);
  return jsonb_build_object('outcome', 'withdrawn', 'status', v_to);
end
$$;

-- JY-<China year>-<8 hex>; the unique index refuses a repeat, which 32 random bits make unlikely
-- (the public page will check a number together with its signature, not the number alone)
create or replace function app.new_agreement_number() returns text
  language sql volatile set search_path = ''
  as $$
    select 'JY-' || to_char(now() at time zone 'Asia/Shanghai', 'YYYY') || '-'
      || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 8))
  $$;
revoke all on function app.new_agreement_number() from public, anon, authenticated;

create or replace function app.answer_signing_invitation(p_id uuid, p_accept boolean, p_details jsonb) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_inv public.signing_invitations%rowtype;
  v_company text;
  v_block text;
  v_to text;
  v_bad text;
  v_archive_to text := nullif(btrim(p_details ->> 'archive_to'), '');
  v_report_to text := nullif(btrim(p_details ->> 'report_card_to'), '');
  v_hukou_to text := nullif(btrim(p_details ->> 'hukou_to'), '');
  v_missing text[];
  v_agreement uuid;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null or p_accept is null or (p_details is not null and jsonb_typeof(p_details) is distinct from 'object') then
    raise exception 'answer_signing_invitation: the invitation and the answer are required' using errcode = '22023';
  end if;
  select k into v_bad from jsonb_object_keys(coalesce(p_details, '{}'::jsonb)) k
    where k not in ('archive_to', 'report_card_to', 'hukou_to') limit 1;
  if v_bad is not null then
    raise exception 'answer_signing_invitation: % is not a detail of an acceptance', v_bad using errcode = '22023';
  end if;
  -- one answer of this student at a time: two acceptances at once make one agreement
  perform 1 from public.app_users where id = v_user for update;
  select * into v_inv from public.signing_invitations where id = p_id and student_id = v_user for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_inv.status = 'pending' and v_inv.reply_by < now() then
    update public.signing_invitations set status = 'expired', answered_at = now() where id = p_id;
    perform app.write_review_log('invitation', p_id, v_user, v_inv.school_id, v_inv.college,
      'expire', 'pending', 'expired', null, null);
    return jsonb_build_object('outcome', 'expired', 'status', 'expired');
  end if;
  v_to := app.signing_next('invitation', v_inv.status, case when p_accept then 'accept' else 'decline' end, 'student');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_inv.status);
  end if;
  if p_accept then
    v_block := app.signing_block(v_user);
    if v_block is not null then
      return jsonb_build_object('outcome', 'not_eligible', 'reason', v_block);
    end if;
    v_missing := array_remove(array[
      case when not v_inv.takes_archive and v_archive_to is null then 'archive_to' end,
      case when not v_inv.takes_archive and v_report_to is null then 'report_card_to' end,
      case when not v_inv.takes_hukou and v_hukou_to is null then 'hukou_to' end], null);
    if cardinality(v_missing) > 0 then
      return jsonb_build_object('outcome', 'details_required', 'missing', to_jsonb(v_missing));
    end if;
    select c.name into v_company from public.companies c where c.id = v_inv.company_id;
    insert into public.agreements (number, kind, student_id, school_id, college, company_id, invitation_id,
        employer_name, position, contract_years, salary_monthly, work_place, takes_archive, archive_to,
        report_card_to, takes_hukou, hukou_to, status, submitted_at, confirmed_at)
      values (app.new_agreement_number(), 'online', v_user, v_inv.school_id, v_inv.college, v_inv.company_id, p_id,
        v_company, v_inv.position, v_inv.contract_years, v_inv.salary_monthly, v_inv.work_place,
        v_inv.takes_archive, case when v_inv.takes_archive then v_inv.archive_to else v_archive_to end,
        case when v_inv.takes_archive then coalesce(v_report_to, v_inv.archive_to) else v_report_to end,
        v_inv.takes_hukou, case when v_inv.takes_hukou then v_inv.hukou_to else v_hukou_to end,
        'pending_review', now(), now())
      returning id into v_agreement;
    perform app.write_review_log('agreement', v_agreement, v_user, v_inv.school_id, v_inv.college,
      'submit', null, 'pending_review', null, null);
  end if;
  update public.signing_invitations set status = v_to, answered_at = now() where id = p_id;
  perform app.write_review_log('invitation', p_id, v_user, v_inv.school_id, v_inv.college,
    case when p_accept then 'accept' else 'decline' end, 'pending', v_to, null, null);
  return jsonb_build_object('outcome', case when p_accept then 'accepted' else 'declined' end, 'status', v_to,
    'agreement_id', v_agreement);
end
$$;

-- ================================================================ agreements: amendments before review
create or replace function app.amend_agreement(p_id uuid, p_terms jsonb) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.agreements%rowtype;
  v_next public.agreements%rowtype;
  v_bad text;
  v_to text;
  v_changes jsonb;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null or p_terms is null or jsonb_typeof(p_terms) is distinct from 'object' or p_terms = '{}'::jsonb then
    raise exception 'amend_agreement: the agreement and the changed terms are required' using errcode = '22023';
  end if;
  select k into v_bad from jsonb_object_keys(p_terms) k
    where k not in ('position', 'contract_years', 'salary_monthly', 'work_place') limit 1;
  if v_bad is not null then
    raise exception 'amend_agreement: % is not a term the employer amends', v_bad using errcode = '22023';
  end if;
  select * into v_row from public.agreements where id = p_id for update;
  if not found or app.my_role() is distinct from 'employer' or v_row.company_id is distinct from app.my_company()
     or v_row.kind <> 'online' then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_to := app.signing_next('agreement', v_row.status, 'amend', 'employer');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_amendable', 'status', v_row.status);
  end if;
  v_next := jsonb_populate_record(v_row, app.blank_to_null(p_terms));
  v_changes := app.field_changes(to_jsonb(v_row),
    (select jsonb_object_agg(k, to_jsonb(v_next) -> k) from jsonb_object_keys(p_terms) k));
  if v_changes = '{}'::jsonb then
    return jsonb_build_object('outcome', 'no_change');
  end if;
  update public.agreements set position = v_next.position, contract_years = v_next.contract_years,
      salary_monthly = v_next.salary_monthly, work_place = v_next.work_place, status = v_to,
      confirmed_at = null, return_reason = null, updated_at = now()
    where id = p_id;
  perform app.write_review_log('agreement', p_id, v_row.student_id, v_row.school_id, v_row.college,
    'amend', v_row.status, v_to, null, v_changes);
  return jsonb_build_object('outcome', 'amended', 'status', v_to);
end
$$;

create or replace function app.confirm_agreement(p_id uuid) returns jsonb
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
    raise exception 'confirm_agreement: the agreement is required' using errcode = '22023';
  end if;
  select * into v_row from public.agreements where id = p_id and student_id = auth.uid() for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_to := app.signing_next('agreement', v_row.status, 'confirm', 'student');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status);
  end if;
  update public.agreements set status = v_to, confirmed_at = now(), submitted_at = now(), updated_at = now()
    where id = p_id;
  perform app.write_review_log('agreement', p_id, v_row.student_id, v_row.school_id, v_row.college,
    'confirm', v_row.status, v_to, null, null);
  return jsonb_build_object('outcome', 'confirmed', 'status', v_to);
end
$$;

-- ================================================================ the school's decision (a workbench kind)
create or replace function app.decide_agreement(p_item uuid, p_decision text, p_reason text, p_extra jsonb)
  returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.agreements%rowtype;
  v_to text;
begin
  select * into v_row from public.agreements where id = p_item for update;
  if not found or not app.staff_covers(v_row.school_id, v_row.college) then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_to := app.signing_next('agreement', v_row.status, p_decision, 'school_staff');
  if v_to is null then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status, 'decided_at', v_row.decided_at);
  end if;
  update public.agreements
    set status = v_to, decided_at = now(), decided_by = auth.uid(),
        return_reason = case when v_to = 'returned' then btrim(p_reason) end, updated_at = now()
    where id = p_item;
  if v_to = 'approved' then
    insert into public.employment_records (student_id, agreement_id, school_id, college, company_id,
        employer_name, position, work_place)
      values (v_row.student_id, v_row.id, v_row.school_id, v_row.college, v_row.company_id,
        v_row.employer_name, v_row.position, v_row.work_place);
  end if;
  perform app.write_review_log('agreement', p_item, v_row.student_id, v_row.school_id, v_row.college,
    p_decision, v_row.status, v_to, p_reason, null);
  return jsonb_build_object('outcome', 'decided', 'status', v_to, 'student_id', v_row.student_id);
end
$$;
revoke all on function app.decide_agreement(uuid, text, text, jsonb) from public, anon, authenticated;

insert into app.review_kinds (kind, item_table, decide_fn, batch_approve) values
  ('agreement', 'public.agreements', 'app.decide_agreement(uuid, text, text, jsonb)', false)
on conflict (kind) do update
  set item_table = excluded.item_table, decide_fn = excluded.decide_fn, batch_approve = excluded.batch_approve;

revoke all on function app.send_signing_invitation(uuid, jsonb), app.withdraw_signing_invitation(uuid),
  app.answer_signing_invitation(uuid, boolean, jsonb), app.amend_agreement(uuid, jsonb),
  app.confirm_agreement(uuid) from public, anon;
grant execute on function app.send_signing_invitation(uuid, jsonb), app.withdraw_signing_invitation(uuid),
  app.answer_signing_invitation(uuid, boolean, jsonb), app.amend_agreement(uuid, jsonb),
  app.confirm_agreement(uuid) to authenticated, service_role;
