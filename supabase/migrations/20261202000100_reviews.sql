-- Source-info check (生源信息核对), correction requests (信息纠错), the recommendation form (就业推荐表),
-- the identity-authentication gate (app.can_do_procedures) and the frame of the review workbench
-- that every later review kind (agreements, destinations, terminations) plugs into.
-- Flow: docs/flows/reviews.md (states, who may do what, how to add a kind).
-- Idempotent: `create … if not exists`, `create or replace`, `drop … if exists` + `create …`.
--
-- Who may do what, directly (RLS + grants). No user role has INSERT, UPDATE or DELETE on any table
-- below: every change is one of the `app` functions listed next, which check the caller and the
-- state and write the audit row (review_log) in the same statement.
--   source_infos, source_info_corrections, recommendation_forms, review_log
--       the student reads their own rows; school-level staff the rows of their school; college-level
--       staff those of their college; platform admins every row (read-only: admins decide nothing).
--       review_log hides actor_id from every user role (column grants): a student sees the decision,
--       its time and reason, never who; app.review_trail gives staff and admins the full trail.
--   review_items (the workbench's queue: one row per submitted item of every kind, kept by
--       triggers on each kind's table) staff of the scope and admins read; students have no grant.
--   app.review_kinds (the registry: kind → its decide function, whether batch approval is safe)
--       no user role reads it; the functions do.
--
-- Student functions (caller: the bound student; outcomes in src/contracts/procedures.ts):
--   app.save_source_info(p_fields jsonb, p_submit boolean)
--       unconfirmed | returned → (save) same | (submit) submitted; submitted → (submit) submitted
--       (resubmission before review); approved → 'locked' (corrections only). Only editable fields
--       (app.source_info_fields.locked = false) may appear in p_fields; submit needs every required one.
--   app.withdraw_source_info()            submitted → unconfirmed
--   app.file_correction(p_changes jsonb, p_reason text, p_proof_keys text[])
--       only once approved; each field at most in one pending correction; a locked field needs a
--       proof file under correction-proofs/<the student's id>/; the new values must pass the same
--       constraints as the record (tried inside, rolled back).
--   app.withdraw_correction(p_id uuid)    pending → withdrawn
--   app.save_recommendation(p_fields jsonb, p_submit boolean)   draft | returned → (save) same |
--       (submit) submitted; submitted → (submit) submitted; approved → 'locked'
--   app.withdraw_recommendation()         submitted → draft
-- Reviewer functions (caller: school staff whose scope covers the item; app.staff_covers):
--   app.decide_review(p_kind text, p_item uuid, p_decision text, p_reason text, p_extra jsonb)
--       dispatches through app.review_kinds to the kind's decide function; approve | return (a
--       return needs a reason). Two reviewers at once: the row lock serialises them, the second gets
--       'not_pending' with the current status.
--   app.decide_reviews(p_kind text, p_items uuid[], p_reason text, p_extra jsonb)
--       batch approval, for kinds registered batch_approve; one outcome per item.
--   app.review_trail(p_kind text, p_item uuid)   the full audit trail, actor names included, for
--       staff covering the item and admins.
-- Internal (no user grant): app.can_do_procedures(p_student uuid) — the gate of every procedure
--   transition (signing, destinations): the student is bound to a roster record and their source
--   info is approved.

-- ================================================================ roster: the rest of the record
-- 学制 and 入学日期 are part of the record the school reports (locked for the student).
alter table public.roster_entries add column if not exists schooling_years numeric(2, 1)
  check (schooling_years between 1 and 8);
alter table public.roster_entries add column if not exists enrolled_on date;
-- staff import them like the other fields of the record (column grants, as in 20261124000400)
grant select (schooling_years, enrolled_on), insert (schooling_years, enrolled_on),
  update (schooling_years, enrolled_on) on public.roster_entries to authenticated;

-- ================================================================ field registry
-- Which fields of a source-info record exist, which the student may edit and where they live; the
-- correction functions read it. The name and the ID number are not here: binding matched them, so
-- the roster keeps them fixed for a bound record (roster_bound_identity) and only the school's
-- re-import changes them, src/contracts/procedures.ts names the same fields
-- (tests/procedures compares them).
create table if not exists app.source_info_fields (
  field text primary key,
  locked boolean not null,
  -- editable fields the student must fill before submitting
  required boolean not null default false,
  -- a correction of it needs a proof file
  proof_required boolean not null
);
alter table app.source_info_fields enable row level security;
revoke all on app.source_info_fields from public, anon, authenticated;
grant select on app.source_info_fields to service_role;
drop policy if exists source_info_fields_none on app.source_info_fields;
create policy source_info_fields_none on app.source_info_fields for select to authenticated using (false);

insert into app.source_info_fields (field, locked, required, proof_required) values
  ('gender', true, false, true),
  ('college', true, false, true),
  ('major', true, false, true),
  ('degree_level', true, false, true),
  ('graduation_year', true, false, true),
  ('schooling_years', true, false, true),
  ('enrolled_on', true, false, true),
  ('origin', false, true, false),
  ('political_status', false, true, false),
  ('ethnicity', false, true, false),
  ('phone', false, true, false),
  ('email', false, true, false),
  ('qq', false, false, false),
  ('home_address', false, true, false),
  ('postcode', false, false, false),
  ('home_phone', false, false, false),
  ('family_contact', false, true, false),
  ('family_contact_phone', false, true, false),
  ('difficulty', false, true, false)
on conflict (field) do update
  set locked = excluded.locked, required = excluded.required, proof_required = excluded.proof_required;

-- ================================================================ source_infos (生源信息)
create table if not exists public.source_infos (
  id uuid primary key default gen_random_uuid(),
  -- the record follows the roster entry: a new binder of the entry takes it over
  roster_entry_id uuid not null unique references public.roster_entries (id) on delete cascade,
  student_id uuid not null unique references public.app_users (id) on delete cascade,
  school_id uuid not null references public.schools (id),
  college text not null,
  status text not null default 'unconfirmed'
    check (status in ('unconfirmed', 'submitted', 'approved', 'returned')),
  origin text check (length(origin) between 2 and 100),
  political_status text check (political_status in
    ('party_member', 'probationary_member', 'league_member', 'democratic_party', 'masses')),
  ethnicity text check (length(ethnicity) between 2 and 10),
  phone text check (phone ~ '^1[3-9][0-9]{9}$'),
  email text check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(email) <= 100),
  qq text check (qq ~ '^[1-9][0-9]{4,11}$'),
  home_address text check (length(home_address) between 5 and 200),
  postcode text check (postcode ~ '^[0-9]{6}$'),
  home_phone text check (home_phone ~ '^[0-9]{3,4}-?[0-9]{7,8}$|^1[3-9][0-9]{9}$'),
  family_contact text check (length(family_contact) between 1 and 50),
  family_contact_phone text check (family_contact_phone ~ '^[0-9]{3,4}-?[0-9]{7,8}$|^1[3-9][0-9]{9}$'),
  difficulty text check (difficulty in ('none', 'family', 'disability', 'family_disability', 'employment', 'low_income')),
  submitted_at timestamptz,
  decided_at timestamptz,
  decided_by uuid references public.app_users (id) on delete set null,
  return_reason text check (length(return_reason) between 1 and 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint source_infos_returned_reason check (status <> 'returned' or return_reason is not null),
  constraint source_infos_submitted_at check (status = 'unconfirmed' or submitted_at is not null)
);
create index if not exists source_infos_scope_idx on public.source_infos (school_id, college);
create index if not exists source_infos_decided_by_idx on public.source_infos (decided_by);

-- ================================================================ source_info_corrections (信息纠错)
create table if not exists public.source_info_corrections (
  id uuid primary key default gen_random_uuid(),
  source_info_id uuid not null references public.source_infos (id) on delete cascade,
  student_id uuid not null references public.app_users (id) on delete cascade,
  school_id uuid not null references public.schools (id),
  college text not null,
  -- {"field": {"old": value, "new": value}}, the values as the record stores them
  changes jsonb not null check (jsonb_typeof(changes) = 'object' and changes <> '{}'::jsonb),
  reason text not null check (length(btrim(reason)) between 2 and 500),
  proof_keys text[] not null default '{}' check (cardinality(proof_keys) <= 5),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
  decided_at timestamptz,
  decided_by uuid references public.app_users (id) on delete set null,
  reject_reason text check (length(reject_reason) between 1 and 500),
  created_at timestamptz not null default now(),
  constraint corrections_rejected_reason check (status <> 'rejected' or reject_reason is not null)
);
create index if not exists corrections_student_idx on public.source_info_corrections (student_id, created_at desc);
create index if not exists corrections_source_info_idx on public.source_info_corrections (source_info_id, status);
create index if not exists corrections_scope_idx on public.source_info_corrections (school_id, college);
create index if not exists corrections_decided_by_idx on public.source_info_corrections (decided_by);

-- ================================================================ recommendation_forms (就业推荐表)
create table if not exists public.recommendation_forms (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null unique references public.app_users (id) on delete cascade,
  school_id uuid not null references public.schools (id),
  college text not null,
  status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'returned')),
  health text check (length(health) between 1 and 20),
  -- [{"from": "2019-09", "to": "2022-06", "school": "…", "role": "…"}], newest last
  education jsonb not null default '[]'::jsonb check (
    jsonb_typeof(education) = 'array' and jsonb_array_length(education) <= 10
    and not jsonb_path_exists(education, '$[*] ? (@.school.type() != "string" || @.from.type() != "string" || @.to.type() != "string")')
    and length(education::text) <= 4000),
  positions text check (length(positions) <= 300),
  awards text check (length(awards) <= 500),
  self_evaluation text check (length(self_evaluation) <= 800),
  school_comment text check (length(school_comment) between 1 and 300),
  recommendation text check (length(recommendation) between 1 and 300),
  submitted_at timestamptz,
  decided_at timestamptz,
  decided_by uuid references public.app_users (id) on delete set null,
  return_reason text check (length(return_reason) between 1 and 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint recommendation_returned_reason check (status <> 'returned' or return_reason is not null),
  constraint recommendation_approved_opinion check (
    status <> 'approved' or (school_comment is not null and recommendation is not null))
);
create index if not exists recommendation_scope_idx on public.recommendation_forms (school_id, college);
create index if not exists recommendation_decided_by_idx on public.recommendation_forms (decided_by);

-- ================================================================ review_log (核签明细 / 变更明细)
create table if not exists public.review_log (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('source_info', 'correction', 'recommendation')),
  item_id uuid not null,
  student_id uuid not null references public.app_users (id) on delete cascade,
  school_id uuid not null references public.schools (id),
  college text not null,
  actor_id uuid references public.app_users (id) on delete set null,
  actor_role text not null check (actor_role in ('student', 'school_staff', 'system')),
  action text not null check (action in ('submit', 'resubmit', 'withdraw', 'approve', 'return', 'file')),
  from_status text,
  to_status text not null,
  reason text check (length(reason) <= 500),
  -- {"field": {"old": …, "new": …}} of what the step changed or proposed
  changes jsonb,
  created_at timestamptz not null default now()
);
create index if not exists review_log_student_idx on public.review_log (student_id, created_at desc);
create index if not exists review_log_item_idx on public.review_log (item_id, id);
create index if not exists review_log_scope_idx on public.review_log (school_id, college);
create index if not exists review_log_actor_idx on public.review_log (actor_id);

-- ================================================================ review_items (the workbench's queue)
create table if not exists public.review_items (
  kind text not null,
  item_id uuid not null,
  student_id uuid not null references public.app_users (id) on delete cascade,
  school_id uuid not null references public.schools (id),
  college text not null,
  major text not null,
  graduation_year int not null,
  student_name text not null,
  student_number text not null,
  status text not null,
  awaiting boolean generated always as (status in ('submitted', 'pending')) stored,
  submitted_at timestamptz not null,
  updated_at timestamptz not null default now(),
  primary key (kind, item_id)
);
create index if not exists review_items_queue_idx
  on public.review_items (school_id, awaiting, submitted_at, item_id);
create index if not exists review_items_college_idx on public.review_items (school_id, college, awaiting);
create index if not exists review_items_student_idx on public.review_items (student_id);

-- ================================================================ the kind registry
create table if not exists app.review_kinds (
  kind text primary key,
  -- the table whose rows are the items (for the queue trigger and the docs)
  item_table regclass not null,
  -- app.<fn>(p_item uuid, p_decision text, p_reason text, p_extra jsonb) returns jsonb
  decide_fn regprocedure not null,
  batch_approve boolean not null
);
alter table app.review_kinds enable row level security;
revoke all on app.review_kinds from public, anon, authenticated;
grant select on app.review_kinds to service_role;
drop policy if exists review_kinds_none on app.review_kinds;
create policy review_kinds_none on app.review_kinds for select to authenticated using (false);

-- ================================================================ RLS and grants
alter table public.source_infos enable row level security;
alter table public.source_info_corrections enable row level security;
alter table public.recommendation_forms enable row level security;
alter table public.review_log enable row level security;
alter table public.review_items enable row level security;
revoke all on public.source_infos, public.source_info_corrections, public.recommendation_forms,
  public.review_log, public.review_items from anon, authenticated;
grant select on public.source_infos, public.source_info_corrections, public.recommendation_forms,
  public.review_items to authenticated;
grant select (id, kind, item_id, student_id, school_id, college, actor_role, action, from_status,
  to_status, reason, changes, created_at) on public.review_log to authenticated;
grant select, insert, update, delete on public.source_infos, public.source_info_corrections,
  public.recommendation_forms, public.review_log, public.review_items to service_role;

-- one rule for every table of this flow: the student's own rows, the staff's scope, admins all
drop policy if exists source_infos_read on public.source_infos;
create policy source_infos_read on public.source_infos for select to authenticated using (
  student_id = (select auth.uid())
  or ((select app.my_role()) = 'school_staff' and school_id = (select app.my_school())
      and ((select app.my_college()) is null or college = (select app.my_college())))
  or (select app.my_role()) = 'platform_admin');

drop policy if exists corrections_read on public.source_info_corrections;
create policy corrections_read on public.source_info_corrections for select to authenticated using (
  student_id = (select auth.uid())
  or ((select app.my_role()) = 'school_staff' and school_id = (select app.my_school())
      and ((select app.my_college()) is null or college = (select app.my_college())))
  or (select app.my_role()) = 'platform_admin');

drop policy if exists recommendation_read on public.recommendation_forms;
create policy recommendation_read on public.recommendation_forms for select to authenticated using (
  student_id = (select auth.uid())
  or ((select app.my_role()) = 'school_staff' and school_id = (select app.my_school())
      and ((select app.my_college()) is null or college = (select app.my_college())))
  or (select app.my_role()) = 'platform_admin');

drop policy if exists review_log_read on public.review_log;
create policy review_log_read on public.review_log for select to authenticated using (
  student_id = (select auth.uid())
  or ((select app.my_role()) = 'school_staff' and school_id = (select app.my_school())
      and ((select app.my_college()) is null or college = (select app.my_college())))
  or (select app.my_role()) = 'platform_admin');

-- staff and admins only: the queue names students, a student has no use for it
drop policy if exists review_items_read on public.review_items;
create policy review_items_read on public.review_items for select to authenticated using (
  ((select app.my_role()) = 'school_staff' and school_id = (select app.my_school())
      and ((select app.my_college()) is null or college = (select app.my_college())))
  or (select app.my_role()) = 'platform_admin');

-- ================================================================ keeping records and queue in step
-- A bound roster entry has a source-info record: created at binding, taken over by a new binder.
create or replace function app.source_info_follow_binding() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
begin
  -- a record imported or seeded already bound counts as bound now (OLD is null on insert)
  if new.bound_user_id is not null
     and (tg_op = 'INSERT' or new.bound_user_id is distinct from old.bound_user_id) then
    insert into public.source_infos (roster_entry_id, student_id, school_id, college, origin, phone)
      values (new.id, new.bound_user_id, new.school_id, new.college, nullif(btrim(new.origin), ''), new.phone)
      on conflict (roster_entry_id) do update set student_id = excluded.student_id, updated_at = now();
  end if;
  -- the school's record moved (a correction, a re-import): every item follows its college
  if tg_op = 'UPDATE' and new.bound_user_id is not null
     and (new.college, new.major, new.graduation_year, new.name, new.student_number)
       is distinct from (old.college, old.major, old.graduation_year, old.name, old.student_number) then
    update public.source_infos set college = new.college where student_id = new.bound_user_id and college <> new.college;
    update public.source_info_corrections set college = new.college
      where student_id = new.bound_user_id and college <> new.college;
    update public.recommendation_forms set college = new.college
      where student_id = new.bound_user_id and college <> new.college;
    update public.review_log set college = new.college where student_id = new.bound_user_id and college <> new.college;
    update public.review_items
      set college = new.college, major = new.major, graduation_year = new.graduation_year,
          student_name = new.name, student_number = new.student_number
      where student_id = new.bound_user_id;
  end if;
  return null;
end
$$;
revoke all on function app.source_info_follow_binding() from public, anon, authenticated;
drop trigger if exists source_info_follow_binding on public.roster_entries;
create trigger source_info_follow_binding after insert or update on public.roster_entries
  for each row execute function app.source_info_follow_binding();

-- records of students bound before this migration
insert into public.source_infos (roster_entry_id, student_id, school_id, college, origin, phone)
  select r.id, r.bound_user_id, r.school_id, r.college, nullif(btrim(r.origin), ''), r.phone
  from public.roster_entries r
  where r.bound_user_id is not null
  on conflict (roster_entry_id) do nothing;

-- One queue row per item of every kind once it has been submitted: the kind's table says its
-- status, the roster says who and where. TG_ARGV[0] is the kind.
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
      set status = excluded.status, submitted_at = excluded.submitted_at, updated_at = now(),
          college = excluded.college, major = excluded.major, graduation_year = excluded.graduation_year,
          student_name = excluded.student_name, student_number = excluded.student_number;
  return null;
end
$$;
revoke all on function app.review_item_sync() from public, anon, authenticated;
drop trigger if exists review_item_sync on public.source_infos;
create trigger review_item_sync after insert or update on public.source_infos
  for each row execute function app.review_item_sync('source_info');
drop trigger if exists review_item_sync on public.source_info_corrections;
create trigger review_item_sync after insert or update on public.source_info_corrections
  for each row execute function app.review_item_sync('correction');
drop trigger if exists review_item_sync on public.recommendation_forms;
create trigger review_item_sync after insert or update on public.recommendation_forms
  for each row execute function app.review_item_sync('recommendation');

-- ================================================================ shared pieces of the transitions
-- The caller as an actor: (id, 'student' | 'school_staff'); anything else may not act.
create or replace function app.review_actor_role() returns text
  language sql stable security definer set search_path = ''
  as $$ select case app.my_role() when 'student' then 'student' when 'school_staff' then 'school_staff' end $$;
revoke all on function app.review_actor_role() from public, anon, authenticated;

create or replace function app.write_review_log(p_kind text, p_item uuid, p_student uuid, p_school uuid,
  p_college text, p_action text, p_from text, p_to text, p_reason text, p_changes jsonb) returns void
  language sql volatile security definer set search_path = ''
  as $$
    insert into public.review_log (kind, item_id, student_id, school_id, college, actor_id, actor_role,
        action, from_status, to_status, reason, changes)
      values (p_kind, p_item, p_student, p_school, p_college, auth.uid(),
        coalesce(app.review_actor_role(), 'system'), p_action, p_from, p_to, nullif(btrim(p_reason), ''), p_changes)
  $$;
revoke all on function app.write_review_log(text, uuid, uuid, uuid, text, text, text, text, text, jsonb)
  from public, anon, authenticated;

-- {"field": {"old", "new"}} for the keys of p_new whose value differs from p_old's
create or replace function app.field_changes(p_old jsonb, p_new jsonb) returns jsonb
  language sql immutable set search_path = ''
  as $$
    select coalesce(jsonb_object_agg(k, jsonb_build_object('old', p_old -> k, 'new', p_new -> k)), '{}'::jsonb)
    from jsonb_object_keys(p_new) k
    where (p_old -> k) is distinct from (p_new -> k)
      and not (coalesce(p_old -> k, 'null'::jsonb) = 'null'::jsonb and coalesce(p_new -> k, 'null'::jsonb) = 'null'::jsonb)
  $$;
revoke all on function app.field_changes(jsonb, jsonb) from public, anon, authenticated;

-- empty strings are "not filled": stored as NULL
create or replace function app.blank_to_null(p jsonb) returns jsonb
  language sql immutable set search_path = ''
  as $$
    select coalesce(jsonb_object_agg(k, case when jsonb_typeof(v) = 'string' and btrim(v #>> '{}') = ''
        then 'null'::jsonb when jsonb_typeof(v) = 'string' then to_jsonb(btrim(v #>> '{}')) else v end), '{}'::jsonb)
    from jsonb_each(p) as e(k, v)
  $$;
revoke all on function app.blank_to_null(jsonb) from public, anon, authenticated;

-- ================================================================ the gate
create or replace function app.can_do_procedures(p_student uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select p_student is not null and exists (
      select 1 from public.source_infos s
      join public.roster_entries r on r.id = s.roster_entry_id and r.bound_user_id = s.student_id
      join public.app_users u on u.id = s.student_id and u.disabled_at is null and u.role = 'student'
      where s.student_id = p_student and s.status = 'approved')
  $$;
revoke all on function app.can_do_procedures(uuid) from public, anon, authenticated;
grant execute on function app.can_do_procedures(uuid) to service_role;

-- ================================================================ source info: the student
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
  v_changes := app.field_changes(to_jsonb(v_row), v_fields);
  v_to := case when p_submit then 'submitted' else v_row.status end;
  update public.source_infos set
      origin = v_next.origin, political_status = v_next.political_status, ethnicity = v_next.ethnicity,
      phone = v_next.phone, email = v_next.email, qq = v_next.qq, home_address = v_next.home_address,
      postcode = v_next.postcode, home_phone = v_next.home_phone, family_contact = v_next.family_contact,
      family_contact_phone = v_next.family_contact_phone, difficulty = v_next.difficulty,
      status = v_to,
      submitted_at = case when p_submit then now() else submitted_at end,
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

create or replace function app.withdraw_source_info() returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_row public.source_infos%rowtype;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  select * into v_row from public.source_infos where student_id = v_user for update;
  if not found then
    return jsonb_build_object('outcome', 'not_bound');
  end if;
  if v_row.status is distinct from 'submitted' then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status);
  end if;
  update public.source_infos set status = 'unconfirmed', submitted_at = null, updated_at = now() where id = v_row.id;
  update public.review_items set status = 'withdrawn', updated_at = now()
    where kind = 'source_info' and item_id = v_row.id;
  perform app.write_review_log('source_info', v_row.id, v_user, v_row.school_id, v_row.college,
    'withdraw', 'submitted', 'unconfirmed', null, null);
  return jsonb_build_object('outcome', 'withdrawn', 'status', 'unconfirmed');
end
$$;

-- ================================================================ corrections: the student
-- The record as one jsonb of every field (roster's locked ones, the source info's editable ones).
create or replace function app.source_info_values(p_source_info uuid) returns jsonb
  language sql stable security definer set search_path = ''
  as $$
    select jsonb_build_object('gender', r.gender, 'college', r.college, 'major', r.major,
        'degree_level', r.degree_level, 'graduation_year', r.graduation_year,
        'schooling_years', r.schooling_years, 'enrolled_on', r.enrolled_on)
      || (to_jsonb(s) - array['id', 'roster_entry_id', 'student_id', 'school_id', 'college', 'status',
          'submitted_at', 'decided_at', 'decided_by', 'return_reason', 'created_at', 'updated_at'])
    from public.source_infos s join public.roster_entries r on r.id = s.roster_entry_id
    where s.id = p_source_info
  $$;
revoke all on function app.source_info_values(uuid) from public, anon, authenticated;

-- Writes p_new (field → value, as the record stores them) into the record: locked fields into the
-- roster entry, editable ones into the source info. Constraint and type errors propagate.
create or replace function app.apply_source_info_values(p_source_info uuid, p_new jsonb) returns void
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_locked jsonb;
  v_open jsonb;
begin
  select coalesce(jsonb_object_agg(e.key, e.value) filter (where f.locked), '{}'::jsonb),
         coalesce(jsonb_object_agg(e.key, e.value) filter (where not f.locked), '{}'::jsonb)
    into v_locked, v_open
    from jsonb_each(p_new) e join app.source_info_fields f on f.field = e.key;
  if v_locked <> '{}'::jsonb then
    update public.roster_entries r set (gender, college, major, degree_level, graduation_year,
        schooling_years, enrolled_on, updated_at) = (
        select p.gender, p.college, p.major, p.degree_level, p.graduation_year, p.schooling_years,
          p.enrolled_on, now()
        from jsonb_populate_record(r, v_locked) p)
      from public.source_infos s
      where s.id = p_source_info and r.id = s.roster_entry_id;
  end if;
  if v_open <> '{}'::jsonb then
    update public.source_infos s set (origin, political_status, ethnicity, phone, email, qq, home_address,
        postcode, home_phone, family_contact, family_contact_phone, difficulty, updated_at) = (
        select p.origin, p.political_status, p.ethnicity, p.phone, p.email, p.qq, p.home_address, p.postcode,
          p.home_phone, p.family_contact, p.family_contact_phone, p.difficulty, now()
        from jsonb_populate_record(s, v_open) p)
      where s.id = p_source_info;
  end if;
end
$$;
revoke all on function app.apply_source_info_values(uuid, jsonb) from public, anon, authenticated;

create or replace function app.file_correction(p_changes jsonb, p_reason text, p_proof_keys text[])
  returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_row public.source_infos%rowtype;
  v_new jsonb;
  v_old jsonb;
  v_changes jsonb;
  v_bad text;
  v_busy text;
  v_need_proof text[];
  v_id uuid;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_changes is null or jsonb_typeof(p_changes) is distinct from 'object' or p_changes = '{}'::jsonb
     or nullif(btrim(p_reason), '') is null or p_proof_keys is null or array_position(p_proof_keys, null) is not null then
    raise exception 'file_correction: changes (a non-empty object), a reason and proof keys (maybe none) are required'
      using errcode = '22023';
  end if;
  select k into v_bad from jsonb_object_keys(p_changes) k
    where not exists (select 1 from app.source_info_fields f where f.field = k) limit 1;
  if v_bad is not null then
    raise exception 'file_correction: % is not a source-info field', v_bad using errcode = '22023';
  end if;
  if exists (select 1 from unnest(p_proof_keys) k
             where k not like 'correction-proofs/' || v_user::text || '/%' or k like '%..%') then
    raise exception 'file_correction: a proof key is not one of the caller''s uploads' using errcode = '22023';
  end if;
  select s.* into v_row from public.source_infos s
    join public.roster_entries r on r.id = s.roster_entry_id and r.bound_user_id = s.student_id
    where s.student_id = v_user for update of s;
  if not found then
    return jsonb_build_object('outcome', 'not_bound');
  end if;
  if v_row.status is distinct from 'approved' then
    return jsonb_build_object('outcome', 'not_approved', 'status', v_row.status);
  end if;
  v_new := app.blank_to_null(p_changes);
  v_old := app.source_info_values(v_row.id);
  -- the values as the record would store them (types, constraints), tried and rolled back
  begin
    perform app.apply_source_info_values(v_row.id, v_new);
    v_new := (select jsonb_object_agg(k, app.source_info_values(v_row.id) -> k) from jsonb_object_keys(v_new) k);
    raise exception using errcode = 'P0001', message = 'jiuye:trial';
  exception when raise_exception then
    if sqlerrm is distinct from 'jiuye:trial' then raise; end if;
  end;
  v_changes := app.field_changes(v_old, v_new);
  if v_changes = '{}'::jsonb then
    return jsonb_build_object('outcome', 'no_change');
  end if;
  select k into v_busy from jsonb_object_keys(v_changes) k
    where exists (select 1 from public.source_info_corrections c
                  where c.source_info_id = v_row.id and c.status = 'pending' and c.changes ? k) limit 1;
  if v_busy is not null then
    return jsonb_build_object('outcome', 'field_pending', 'field', v_busy);
  end if;
  select array_agg(f.field order by f.field) into v_need_proof from app.source_info_fields f
    where f.proof_required and v_changes ? f.field;
  if v_need_proof is not null and cardinality(p_proof_keys) = 0 then
    return jsonb_build_object('outcome', 'proof_required', 'fields', to_jsonb(v_need_proof));
  end if;
  insert into public.source_info_corrections (source_info_id, student_id, school_id, college, changes, reason, proof_keys)
    values (v_row.id, v_user, v_row.school_id, v_row.college, v_changes, btrim(p_reason), p_proof_keys)
    returning id into v_id;
  perform app.write_review_log('correction', v_id, v_user, v_row.school_id, v_row.college,
    'file', null, 'pending', p_reason, v_changes);
  return jsonb_build_object('outcome', 'filed', 'id', v_id);
end
$$;

create or replace function app.withdraw_correction(p_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_row public.source_info_corrections%rowtype;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null then
    raise exception 'withdraw_correction: the correction is required' using errcode = '22023';
  end if;
  select * into v_row from public.source_info_corrections where id = p_id and student_id = v_user for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_row.status is distinct from 'pending' then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status);
  end if;
  update public.source_info_corrections set status = 'withdrawn' where id = p_id;
  perform app.write_review_log('correction', p_id, v_user, v_row.school_id, v_row.college,
    'withdraw', 'pending', 'withdrawn', null, null);
  return jsonb_build_object('outcome', 'withdrawn', 'status', 'withdrawn');
end
$$;

-- ================================================================ recommendation form: the student
create or replace function app.save_recommendation(p_fields jsonb, p_submit boolean) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_entry public.roster_entries%rowtype;
  v_row public.recommendation_forms%rowtype;
  v_fields jsonb;
  v_bad text;
  v_next public.recommendation_forms%rowtype;
  v_missing text[];
  v_to text;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_fields is null or jsonb_typeof(p_fields) is distinct from 'object' or p_submit is null then
    raise exception 'save_recommendation: fields (an object) and submit are required' using errcode = '22023';
  end if;
  select k into v_bad from jsonb_object_keys(p_fields) k
    where k not in ('health', 'education', 'positions', 'awards', 'self_evaluation') limit 1;
  if v_bad is not null then
    raise exception 'save_recommendation: % is not a field of the form', v_bad using errcode = '22023';
  end if;
  select * into v_entry from public.roster_entries where bound_user_id = v_user;
  if not found or app.my_role() is distinct from 'student' then
    return jsonb_build_object('outcome', 'not_bound');
  end if;
  insert into public.recommendation_forms (student_id, school_id, college)
    values (v_user, v_entry.school_id, v_entry.college)
    on conflict (student_id) do nothing;
  select * into v_row from public.recommendation_forms where student_id = v_user for update;
  if v_row.status = 'approved' then
    return jsonb_build_object('outcome', 'locked', 'status', v_row.status);
  end if;
  if v_row.status = 'submitted' and not p_submit then
    return jsonb_build_object('outcome', 'not_editable', 'status', v_row.status);
  end if;
  v_fields := app.blank_to_null(p_fields);
  if v_fields ? 'education' and v_fields -> 'education' = 'null'::jsonb then
    v_fields := jsonb_set(v_fields, '{education}', '[]'::jsonb);
  end if;
  v_next := jsonb_populate_record(v_row, v_fields);
  if p_submit then
    v_missing := array_remove(array[
      case when v_next.health is null then 'health' end,
      case when jsonb_array_length(v_next.education) = 0 then 'education' end,
      case when v_next.self_evaluation is null or length(v_next.self_evaluation) < 20 then 'self_evaluation' end], null);
    if cardinality(v_missing) > 0 then
      return jsonb_build_object('outcome', 'incomplete', 'missing', to_jsonb(v_missing));
    end if;
  end if;
  v_to := case when p_submit then 'submitted' else v_row.status end;
  update public.recommendation_forms set
      health = v_next.health, education = v_next.education, positions = v_next.positions,
      awards = v_next.awards, self_evaluation = v_next.self_evaluation, status = v_to,
      submitted_at = case when p_submit then now() else submitted_at end,
      return_reason = case when p_submit then null else return_reason end,
      updated_at = now()
    where id = v_row.id;
  if p_submit then
    perform app.write_review_log('recommendation', v_row.id, v_user, v_row.school_id, v_row.college,
      case when v_row.status = 'submitted' then 'resubmit' else 'submit' end, v_row.status, v_to, null, null);
    return jsonb_build_object('outcome', 'submitted', 'status', v_to);
  end if;
  return jsonb_build_object('outcome', 'saved', 'status', v_to);
end
$$;

create or replace function app.withdraw_recommendation() returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_row public.recommendation_forms%rowtype;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  select * into v_row from public.recommendation_forms where student_id = v_user for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_row.status is distinct from 'submitted' then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status);
  end if;
  update public.recommendation_forms set status = 'draft', submitted_at = null, updated_at = now() where id = v_row.id;
  update public.review_items set status = 'withdrawn', updated_at = now()
    where kind = 'recommendation' and item_id = v_row.id;
  perform app.write_review_log('recommendation', v_row.id, v_user, v_row.school_id, v_row.college,
    'withdraw', 'submitted', 'draft', null, null);
  return jsonb_build_object('outcome', 'withdrawn', 'status', 'draft');
end
$$;

-- ================================================================ the kinds' decide functions (internal)
-- Each: (item, 'approve' | 'return', reason, extra) → {outcome: decided | not_found | not_pending
-- | stale, status}. Called only through app.decide_review, which has checked the arguments.
create or replace function app.decide_source_info(p_item uuid, p_decision text, p_reason text, p_extra jsonb)
  returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.source_infos%rowtype;
  v_to text := case p_decision when 'approve' then 'approved' else 'returned' end;
begin
  select * into v_row from public.source_infos where id = p_item for update;
  if not found or not app.staff_covers(v_row.school_id, v_row.college) then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_row.status is distinct from 'submitted' then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status, 'decided_at', v_row.decided_at);
  end if;
  update public.source_infos
    set status = v_to, decided_at = now(), decided_by = auth.uid(),
        return_reason = case when v_to = 'returned' then btrim(p_reason) end, updated_at = now()
    where id = p_item;
  perform app.write_review_log('source_info', p_item, v_row.student_id, v_row.school_id, v_row.college,
    p_decision, 'submitted', v_to, p_reason, null);
  return jsonb_build_object('outcome', 'decided', 'status', v_to, 'student_id', v_row.student_id);
end
$$;

create or replace function app.decide_correction(p_item uuid, p_decision text, p_reason text, p_extra jsonb)
  returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.source_info_corrections%rowtype;
  v_to text := case p_decision when 'approve' then 'approved' else 'rejected' end;
  v_now jsonb;
  v_stale text;
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
    where id = p_item;
  perform app.write_review_log('correction', p_item, v_row.student_id, v_row.school_id, v_row.college,
    p_decision, 'pending', v_to, p_reason, v_row.changes);
  return jsonb_build_object('outcome', 'decided', 'status', v_to, 'student_id', v_row.student_id);
end
$$;

create or replace function app.decide_recommendation(p_item uuid, p_decision text, p_reason text, p_extra jsonb)
  returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_row public.recommendation_forms%rowtype;
  v_to text := case p_decision when 'approve' then 'approved' else 'returned' end;
  v_comment text := nullif(btrim(p_extra ->> 'comment'), '');
  v_recommendation text := nullif(btrim(p_extra ->> 'recommendation'), '');
begin
  if v_to = 'approved' and (v_comment is null or v_recommendation is null) then
    raise exception 'decide_recommendation: an approval needs extra.comment and extra.recommendation'
      using errcode = '22023';
  end if;
  select * into v_row from public.recommendation_forms where id = p_item for update;
  if not found or not app.staff_covers(v_row.school_id, v_row.college) then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_row.status is distinct from 'submitted' then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_row.status, 'decided_at', v_row.decided_at);
  end if;
  update public.recommendation_forms
    set status = v_to, decided_at = now(), decided_by = auth.uid(),
        return_reason = case when v_to = 'returned' then btrim(p_reason) end,
        school_comment = case when v_to = 'approved' then v_comment else school_comment end,
        recommendation = case when v_to = 'approved' then v_recommendation else recommendation end,
        updated_at = now()
    where id = p_item;
  perform app.write_review_log('recommendation', p_item, v_row.student_id, v_row.school_id, v_row.college,
    p_decision, 'submitted', v_to, p_reason,
    case when v_to = 'approved' then jsonb_build_object(
      'school_comment', jsonb_build_object('old', null, 'new', v_comment),
      'recommendation', jsonb_build_object('old', null, 'new', v_recommendation)) end);
  return jsonb_build_object('outcome', 'decided', 'status', v_to, 'student_id', v_row.student_id);
end
$$;

revoke all on function app.decide_source_info(uuid, text, text, jsonb), app.decide_correction(uuid, text, text, jsonb),
  app.decide_recommendation(uuid, text, text, jsonb) from public, anon, authenticated;

insert into app.review_kinds (kind, item_table, decide_fn, batch_approve) values
  ('source_info', 'public.source_infos', 'app.decide_source_info(uuid, text, text, jsonb)', true),
  ('correction', 'public.source_info_corrections', 'app.decide_correction(uuid, text, text, jsonb)', false),
  ('recommendation', 'public.recommendation_forms', 'app.decide_recommendation(uuid, text, text, jsonb)', true)
on conflict (kind) do update
  set item_table = excluded.item_table, decide_fn = excluded.decide_fn, batch_approve = excluded.batch_approve;

-- ================================================================ the workbench's entry points
create or replace function app.decide_review(p_kind text, p_item uuid, p_decision text, p_reason text, p_extra jsonb)
  returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_fn regprocedure;
  v_result jsonb;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if nullif(btrim(p_kind), '') is null or p_item is null or p_decision is null
     or p_decision not in ('approve', 'return')
     or (p_decision = 'return' and nullif(btrim(p_reason), '') is null)
     or (p_extra is not null and jsonb_typeof(p_extra) is distinct from 'object') then
    raise exception 'decide_review: kind, item, decision (approve|return) and a return''s reason are required'
      using errcode = '22023';
  end if;
  if app.my_role() is distinct from 'school_staff' then
    return jsonb_build_object('outcome', 'forbidden');
  end if;
  select decide_fn into v_fn from app.review_kinds where kind = p_kind;
  if not found then
    raise exception 'decide_review: % is not a review kind', p_kind using errcode = '22023';
  end if;
  execute format('select %s($1, $2, $3, $4)', v_fn::oid::regproc)
    into v_result using p_item, p_decision, nullif(btrim(p_reason), ''), coalesce(p_extra, '{}'::jsonb);
  return v_result;
end
$$;

create or replace function app.decide_reviews(p_kind text, p_items uuid[], p_reason text, p_extra jsonb)
  returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_item uuid;
  v_out jsonb := '[]'::jsonb;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if nullif(btrim(p_kind), '') is null or p_items is null or cardinality(p_items) = 0 or cardinality(p_items) > 200
     or array_position(p_items, null) is not null then
    raise exception 'decide_reviews: a kind and 1 to 200 items are required' using errcode = '22023';
  end if;
  if not exists (select 1 from app.review_kinds where kind = p_kind and batch_approve) then
    raise exception 'decide_reviews: % is not approved in batches', p_kind using errcode = '22023';
  end if;
  foreach v_item in array (select array_agg(distinct i order by i) from unnest(p_items) i) loop
    v_out := v_out || jsonb_build_array(jsonb_build_object('id', v_item)
      || app.decide_review(p_kind, v_item, 'approve', p_reason, p_extra));
  end loop;
  return v_out;
end
$$;

create or replace function app.review_trail(p_kind text, p_item uuid)
  returns table (id bigint, action text, from_status text, to_status text, reason text, changes jsonb,
    actor_role text, actor_name text, created_at timestamptz)
  language sql stable security definer set search_path = ''
  as $$
    select l.id, l.action, l.from_status, l.to_status, l.reason, l.changes, l.actor_role,
      u.display_name, l.created_at
    from public.review_log l left join public.app_users u on u.id = l.actor_id
    where l.kind = p_kind and l.item_id = p_item
      and (app.my_role() = 'platform_admin' or app.staff_covers(l.school_id, l.college))
    order by l.id
  $$;

revoke all on function app.save_source_info(jsonb, boolean), app.withdraw_source_info(),
  app.file_correction(jsonb, text, text[]), app.withdraw_correction(uuid),
  app.save_recommendation(jsonb, boolean), app.withdraw_recommendation(),
  app.decide_review(text, uuid, text, text, jsonb), app.decide_reviews(text, uuid[], text, jsonb),
  app.review_trail(text, uuid) from public, anon;
grant execute on function app.save_source_info(jsonb, boolean), app.withdraw_source_info(),
  app.file_correction(jsonb, text, text[]), app.withdraw_correction(uuid),
  app.save_recommendation(jsonb, boolean), app.withdraw_recommendation(),
  app.decide_review(text, uuid, text, text, jsonb), app.decide_reviews(text, uuid[], text, jsonb),
  app.review_trail(text, uuid) to authenticated, service_role;
