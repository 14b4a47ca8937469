-- The rest of the signing centre (issue 15), shared part: the tables and the one transition table of
-- offline agreements (线下签约/录入协议) and blank agreements, other destinations (其他去向登记) and
-- their correction/removal requests, and terminations (解约); the review log and the workbench queue
-- take the new kinds; the eligibility rule learns about destinations. The functions that move each
-- of them live in the migrations that follow (0810 offline agreements, 0820 destinations,
-- 0830 terminations, 0840 the public verification of an agreement), each reading this table.
-- Flow: docs/flows/signing.md. Idempotent: `if not exists`, `create or replace`, `drop … if exists`
-- + `create …`, `on conflict do update`.
--
-- Who may do what, directly: every role reads what RLS shows it (below); no user role has INSERT,
-- UPDATE or DELETE on any of these tables. The definitions of destination categories are readable by
-- any signed-in user (the form is built from them).

-- ================================================================ agreements: the offline kind
-- An offline agreement is entered by the student field by field and may be incomplete while a draft,
-- so the terms become nullable and a check insists on them from `generated` on. Online agreements
-- keep all their terms (agreements_online_terms).
alter table public.agreements alter column employer_name drop not null;
alter table public.agreements alter column position drop not null;
alter table public.agreements alter column contract_years drop not null;
alter table public.agreements alter column salary_monthly drop not null;
alter table public.agreements alter column work_place drop not null;
alter table public.agreements alter column archive_to drop not null;
alter table public.agreements alter column hukou_to drop not null;
alter table public.agreements alter column takes_archive set default false;
alter table public.agreements alter column takes_hukou set default false;
-- 统一社会信用代码 (GB 32100-2015: 18 characters of 0-9 and A-Z without I, O, S, V, Z)
alter table public.agreements add column if not exists credit_code text
  check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$');
-- 单位性质, 单位行业, 单位所在地: codes of src/contracts/agreement-offline.ts's vocabularies
alter table public.agreements add column if not exists employer_type text check (length(employer_type) between 1 and 40);
alter table public.agreements add column if not exists industry text check (length(industry) between 1 and 40);
alter table public.agreements add column if not exists employer_location text
  check (length(btrim(employer_location)) between 2 and 100);
alter table public.agreements add column if not exists contact_name text check (length(btrim(contact_name)) between 1 and 30);
alter table public.agreements add column if not exists contact_phone text check (contact_phone ~ '^[0-9+\- ]{6,20}$');
-- the stamped scans (盖章扫描件): storage keys under signing-proofs/<student id>/
alter table public.agreements add column if not exists scan_keys text[] not null default '{}'
  check (cardinality(scan_keys) <= 6);
-- a hand-filled blank agreement (空白协议), uploaded stamped with its key fields (the campus platforms' 空白协议)
alter table public.agreements add column if not exists blank boolean not null default false;
alter table public.agreements add column if not exists generated_at timestamptz;
alter table public.agreements add column if not exists ended_at timestamptz;

alter table public.agreements drop constraint if exists agreements_status_check;
alter table public.agreements add constraint agreements_status_check check (status in
  ('draft', 'discarded', 'generated', 'pending_confirm', 'pending_review', 'returned', 'approved', 'terminated'));
alter table public.agreements drop constraint if exists agreements_terms_complete;
alter table public.agreements add constraint agreements_terms_complete check (status in ('draft', 'discarded') or (
  employer_name is not null and position is not null and work_place is not null
  and archive_to is not null and hukou_to is not null));
alter table public.agreements drop constraint if exists agreements_online_terms;
alter table public.agreements add constraint agreements_online_terms check (kind <> 'online' or (
  contract_years is not null and salary_monthly is not null and not blank));
alter table public.agreements drop constraint if exists agreements_offline_employer;
alter table public.agreements add constraint agreements_offline_employer check (kind <> 'offline'
  or status in ('draft', 'discarded') or credit_code is not null);
alter table public.agreements drop constraint if exists agreements_scans_before_review;
alter table public.agreements add constraint agreements_scans_before_review check (kind <> 'offline'
  or status not in ('pending_review', 'approved') or cardinality(scan_keys) > 0);
alter table public.agreements drop constraint if exists agreements_ended;
alter table public.agreements add constraint agreements_ended check ((status = 'terminated') = (ended_at is not null));
-- one draft per student (a second draft is the first one, edited)
create unique index if not exists agreements_one_draft on public.agreements (student_id) where status = 'draft';

-- ================================================================ schools: forced termination
-- the school may terminate an online agreement itself when the employer has not answered a
-- student's proposal for this many days (强制解约)
alter table public.schools add column if not exists termination_force_days int not null default 15
  check (termination_force_days between 1 and 90);

-- ================================================================ destination definitions (data)
-- categories → fields → proofs; the rows are written by 20261202000820_destinations.sql and read by
-- the form (src/contracts/destinations.ts builds its zod schema from them) and by the SQL checks.
create table if not exists app.destination_categories (
  code text primary key check (code ~ '^[a-z_]{2,40}$'),
  -- the first step of the guided choice (as the provincial platforms guide it): employed, further study, abroad, not employed
  grp text not null check (grp in ('employed', 'further_study', 'abroad', 'not_employed')),
  label text not null,
  -- the national 毕业去向 code printed in the employment report
  national_code text not null,
  -- an approved destination of this category counts as signed (签约类): it blocks another signing
  blocks_signing boolean not null default false,
  -- counts as employed in the employment record (就业方案)
  employed boolean not null,
  sort int not null
);
create table if not exists app.destination_fields (
  category text not null references app.destination_categories (code) on delete cascade,
  field text not null check (field ~ '^[a-z_]{2,40}$'),
  label text not null,
  input text not null check (input in ('text', 'date', 'select', 'number', 'credit_code', 'phone')),
  required boolean not null,
  -- for input = 'select': [{"value": …, "label": …}]
  options jsonb check (options is null or jsonb_typeof(options) = 'array'),
  max_length int not null default 100 check (max_length between 1 and 500),
  sort int not null,
  primary key (category, field),
  constraint destination_fields_select_options check ((input = 'select') = (options is not null))
);
create table if not exists app.destination_proofs (
  category text not null references app.destination_categories (code) on delete cascade,
  proof text not null check (proof ~ '^[a-z_]{2,40}$'),
  label text not null,
  required boolean not null,
  sort int not null,
  primary key (category, proof)
);
alter table app.destination_categories enable row level security;
alter table app.destination_fields enable row level security;
alter table app.destination_proofs enable row level security;
revoke all on app.destination_categories, app.destination_fields, app.destination_proofs from public, anon, authenticated;
grant select on app.destination_categories, app.destination_fields, app.destination_proofs to authenticated, service_role;
grant usage on schema app to authenticated;
drop policy if exists destination_categories_read on app.destination_categories;
create policy destination_categories_read on app.destination_categories for select to authenticated using (true);
drop policy if exists destination_fields_read on app.destination_fields;
create policy destination_fields_read on app.destination_fields for select to authenticated using (true);
drop policy if exists destination_proofs_read on app.destination_proofs;
create policy destination_proofs_read on app.destination_proofs for select to authenticated using (true);

-- ================================================================ destinations
create table if not exists public.destinations (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references public.app_users (id) on delete cascade,
  school_id uuid not null references public.schools (id),
  college text not null,
  category text not null references app.destination_categories (code),
  -- {field: value} of the category's app.destination_fields
  fields jsonb not null default '{}' check (jsonb_typeof(fields) = 'object'),
  -- {proof: [storage key, …]} of the category's app.destination_proofs
  proof_keys jsonb not null default '{}' check (jsonb_typeof(proof_keys) = 'object'),
  status text not null check (status in ('draft', 'submitted', 'returned', 'approved', 'removed', 'terminated')),
  submitted_at timestamptz,
  decided_at timestamptz,
  decided_by uuid references public.app_users (id) on delete set null,
  return_reason text check (length(return_reason) between 1 and 500),
  ended_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint destinations_returned_reason check (status <> 'returned' or return_reason is not null),
  constraint destinations_ended check ((status in ('removed', 'terminated')) = (ended_at is not null))
);
-- one destination at a time: a draft, one under review, or the approved one
create unique index if not exists destinations_one_active on public.destinations (student_id)
  where status in ('draft', 'submitted', 'returned', 'approved');
create index if not exists destinations_student_idx on public.destinations (student_id, created_at desc);
create index if not exists destinations_scope_idx on public.destinations (school_id, college);
create index if not exists destinations_decided_by_idx on public.destinations (decided_by);
create index if not exists destinations_category_idx on public.destinations (category);

-- a change to an approved destination: a correction of fields or its removal, reviewed by the school
create table if not exists public.destination_requests (
  id uuid primary key default gen_random_uuid(),
  destination_id uuid not null references public.destinations (id) on delete cascade,
  student_id uuid not null references public.app_users (id) on delete cascade,
  school_id uuid not null references public.schools (id),
  college text not null,
  kind text not null check (kind in ('correction', 'removal')),
  -- correction: {field: {"old": …, "new": …}}; removal: '{}'
  changes jsonb not null default '{}' check (jsonb_typeof(changes) = 'object'),
  reason text not null check (length(btrim(reason)) between 2 and 500),
  proof_keys text[] not null default '{}' check (cardinality(proof_keys) <= 5),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
  submitted_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by uuid references public.app_users (id) on delete set null,
  return_reason text check (length(return_reason) between 1 and 500),
  created_at timestamptz not null default now(),
  constraint destination_requests_correction check (kind <> 'correction' or changes <> '{}'::jsonb),
  constraint destination_requests_rejected_reason check (status <> 'rejected' or return_reason is not null)
);
create unique index if not exists destination_requests_one_pending on public.destination_requests (destination_id)
  where status = 'pending';
create index if not exists destination_requests_destination_idx on public.destination_requests (destination_id, created_at desc);
create index if not exists destination_requests_student_idx on public.destination_requests (student_id, created_at desc);
create index if not exists destination_requests_scope_idx on public.destination_requests (school_id, college);
create index if not exists destination_requests_decided_by_idx on public.destination_requests (decided_by);

-- ================================================================ terminations
create table if not exists public.terminations (
  id uuid primary key default gen_random_uuid(),
  -- what ends: an agreement (online or offline) or an approved destination
  agreement_id uuid references public.agreements (id) on delete cascade,
  destination_id uuid references public.destinations (id) on delete cascade,
  student_id uuid not null references public.app_users (id) on delete cascade,
  school_id uuid not null references public.schools (id),
  college text not null,
  -- the employer of an online agreement: the other party, who agrees or declines
  company_id uuid references public.companies (id) on delete set null,
  proposed_by uuid references public.app_users (id) on delete set null,
  proposer_role text not null check (proposer_role in ('student', 'employer')),
  -- 解约类型: a value of TerminationType in src/contracts/termination.ts
  type text not null check (type in ('mutual', 'student_breach', 'employer_breach', 'further_study',
    'enlistment', 'grassroots', 'abroad', 'other')),
  reason text not null check (length(btrim(reason)) between 2 and 500),
  proof_keys text[] not null default '{}' check (cardinality(proof_keys) <= 5),
  status text not null check (status in ('proposed', 'agreed', 'declined', 'withdrawn', 'approved', 'rejected')),
  answered_at timestamptz,
  answered_by uuid references public.app_users (id) on delete set null,
  answer_note text check (length(answer_note) <= 500),
  -- set when it reaches the school (agreed): the queue orders by it
  submitted_at timestamptz,
  decided_at timestamptz,
  decided_by uuid references public.app_users (id) on delete set null,
  return_reason text check (length(return_reason) between 1 and 500),
  -- the school terminated without the employer's answer (强制解约)
  forced boolean not null default false,
  created_at timestamptz not null default now(),
  constraint terminations_one_subject check ((agreement_id is null) <> (destination_id is null)),
  constraint terminations_rejected_reason check (status <> 'rejected' or return_reason is not null),
  constraint terminations_employer_party check (proposer_role <> 'employer' or company_id is not null)
);
-- one open termination per agreement or destination
create unique index if not exists terminations_one_open_agreement on public.terminations (agreement_id)
  where status in ('proposed', 'agreed');
create unique index if not exists terminations_one_open_destination on public.terminations (destination_id)
  where status in ('proposed', 'agreed');
create index if not exists terminations_student_idx on public.terminations (student_id, created_at desc);
create index if not exists terminations_company_idx on public.terminations (company_id, created_at desc);
create index if not exists terminations_scope_idx on public.terminations (school_id, college);
create index if not exists terminations_proposed_by_idx on public.terminations (proposed_by);
create index if not exists terminations_answered_by_idx on public.terminations (answered_by);
create index if not exists terminations_decided_by_idx on public.terminations (decided_by);
create index if not exists terminations_destination_idx on public.terminations (destination_id);
create index if not exists terminations_agreement_idx on public.terminations (agreement_id, created_at desc);

-- ================================================================ RLS and grants
alter table public.destinations enable row level security;
alter table public.destination_requests enable row level security;
alter table public.terminations enable row level security;
revoke all on public.destinations, public.destination_requests, public.terminations from anon, authenticated;
grant select on public.destinations, public.destination_requests, public.terminations to authenticated;
grant select, insert, update, delete on public.destinations, public.destination_requests, public.terminations
  to service_role;

-- a destination is the student's and their school's business: no employer reads it
drop policy if exists destinations_read on public.destinations;
create policy destinations_read on public.destinations for select to authenticated using (
  student_id = (select auth.uid())
  or ((select app.my_role()) = 'school_staff' and school_id = (select app.my_school())
      and ((select app.my_college()) is null or college = (select app.my_college())))
  or (select app.my_role()) = 'platform_admin');

drop policy if exists destination_requests_read on public.destination_requests;
create policy destination_requests_read on public.destination_requests for select to authenticated using (
  student_id = (select auth.uid())
  or ((select app.my_role()) = 'school_staff' and school_id = (select app.my_school())
      and ((select app.my_college()) is null or college = (select app.my_college())))
  or (select app.my_role()) = 'platform_admin');

-- the employer of an online agreement reads the terminations of it (company_id is set only then)
drop policy if exists terminations_read on public.terminations;
create policy terminations_read on public.terminations for select to authenticated using (
  student_id = (select auth.uid())
  or ((select app.my_role()) = 'employer' and company_id = (select app.my_company()))
  or ((select app.my_role()) = 'school_staff' and school_id = (select app.my_school())
      and ((select app.my_college()) is null or college = (select app.my_college())))
  or (select app.my_role()) = 'platform_admin');

-- ================================================================ the transition table takes every path
-- 'new' is the from-state of a step that creates the row (the review log writes NULL there).
insert into app.signing_transitions (kind, from_status, action, actor, to_status) values
  ('invitation', 'new', 'send', 'employer', 'pending'),
  -- an acceptance creates the online agreement; a filed blank agreement is created under review too
  ('agreement', 'new', 'submit', 'student', 'pending_review'),
  -- offline agreements
  ('agreement', 'new', 'save', 'student', 'draft'),
  ('agreement', 'draft', 'discard', 'student', 'discarded'),
  ('agreement', 'draft', 'generate', 'student', 'generated'),
  ('agreement', 'generated', 'submit', 'student', 'pending_review'),
  ('agreement', 'returned', 'resubmit', 'student', 'pending_review'),
  -- an approved termination ends the agreement (a generated or returned one too: it is immutable)
  ('agreement', 'approved', 'terminate', 'school_staff', 'terminated'),
  ('agreement', 'generated', 'terminate', 'school_staff', 'terminated'),
  ('agreement', 'returned', 'terminate', 'school_staff', 'terminated'),
  -- other destinations
  ('destination', 'new', 'save', 'student', 'draft'),
  ('destination', 'new', 'submit', 'student', 'submitted'),
  ('destination', 'draft', 'submit', 'student', 'submitted'),
  ('destination', 'returned', 'resubmit', 'student', 'submitted'),
  ('destination', 'draft', 'remove', 'student', 'removed'),
  ('destination', 'submitted', 'remove', 'student', 'removed'),
  ('destination', 'returned', 'remove', 'student', 'removed'),
  ('destination', 'submitted', 'approve', 'school_staff', 'approved'),
  ('destination', 'submitted', 'return', 'school_staff', 'returned'),
  -- an approved removal request, an approved termination
  ('destination', 'approved', 'remove', 'school_staff', 'removed'),
  ('destination', 'approved', 'terminate', 'school_staff', 'terminated'),
  -- correction and removal requests of an approved destination
  ('destination_request', 'new', 'request', 'student', 'pending'),
  ('destination_request', 'pending', 'withdraw', 'student', 'withdrawn'),
  ('destination_request', 'pending', 'approve', 'school_staff', 'approved'),
  ('destination_request', 'pending', 'return', 'school_staff', 'rejected'),
  -- terminations: of an online agreement, proposed by one party and answered by the other
  ('termination', 'new', 'propose', 'student', 'proposed'),
  ('termination', 'new', 'propose', 'employer', 'proposed'),
  -- of an offline agreement or a destination: the student asks the school directly
  ('termination', 'new', 'request', 'student', 'agreed'),
  ('termination', 'proposed', 'agree', 'student', 'agreed'),
  ('termination', 'proposed', 'agree', 'employer', 'agreed'),
  ('termination', 'proposed', 'decline', 'student', 'declined'),
  ('termination', 'proposed', 'decline', 'employer', 'declined'),
  ('termination', 'proposed', 'withdraw', 'student', 'withdrawn'),
  ('termination', 'proposed', 'withdraw', 'employer', 'withdrawn'),
  -- a request the student made alone is theirs to withdraw until the school decides
  ('termination', 'agreed', 'withdraw', 'student', 'withdrawn'),
  -- 强制解约: the employer has not answered the student's proposal for the school's N days
  ('termination', 'proposed', 'force', 'school_staff', 'approved'),
  ('termination', 'agreed', 'approve', 'school_staff', 'approved'),
  ('termination', 'agreed', 'return', 'school_staff', 'rejected')
on conflict (kind, from_status, action, actor) do update set to_status = excluded.to_status;

-- ================================================================ the audit log and the queue take the new kinds
alter table public.review_log drop constraint if exists review_log_kind_check;
alter table public.review_log add constraint review_log_kind_check check (kind in
  ('source_info', 'correction', 'recommendation', 'invitation', 'agreement', 'destination',
   'destination_request', 'termination'));
alter table public.review_log drop constraint if exists review_log_action_check;
alter table public.review_log add constraint review_log_action_check check (action in (
  'submit', 'resubmit', 'withdraw', 'approve', 'return', 'file',
  'send', 'accept', 'decline', 'expire', 'amend', 'confirm',
  'save', 'discard', 'generate', 'remove', 'terminate', 'request', 'propose', 'agree', 'force'));

-- a termination awaits the school once both parties agree (or the student asked alone)
do $$
begin
  if not exists (
    select 1 from pg_catalog.pg_attribute a
    where a.attrelid = 'public.review_items'::regclass and a.attname = 'awaiting'
      and pg_catalog.pg_get_expr((select d.adbin from pg_catalog.pg_attrdef d
        where d.adrelid = a.attrelid and d.adnum = a.attnum), a.attrelid) like '%agreed%'
  ) then
    alter table public.review_items drop column if exists awaiting;
    alter table public.review_items add column awaiting boolean
      generated always as (status in ('submitted', 'pending', 'pending_review', 'agreed')) stored;
  end if;
end
$$;
create index if not exists review_items_queue_idx on public.review_items (school_id, awaiting, submitted_at, item_id);
create index if not exists review_items_college_idx on public.review_items (school_id, college, awaiting);

-- the queue holds a termination from its proposal on (not awaiting until agreed), a destination from
-- its first submission (drafts carry no submitted_at), every request
drop trigger if exists review_item_sync on public.destinations;
create trigger review_item_sync after insert or update on public.destinations
  for each row execute function app.review_item_sync('destination');
drop trigger if exists review_item_sync on public.destination_requests;
create trigger review_item_sync after insert or update on public.destination_requests
  for each row execute function app.review_item_sync('destination_request');
drop trigger if exists review_item_sync on public.terminations;
create trigger review_item_sync after insert or update on public.terminations
  for each row execute function app.review_item_sync('termination');

-- ================================================================ eligibility, in one place
-- The rule the provincial platforms state (可签约条件): approved source info; no effective or in-progress agreement; no approved
-- destination of a signing category (签约类去向). A destination of another category (further study,
-- say) does not stop a signing.
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
      when exists (select 1 from public.destinations d
                   join app.destination_categories c on c.code = d.category
                   where d.student_id = p_student and d.status = 'approved' and c.blocks_signing)
        then 'destination_effective'
    end
  $$;
revoke all on function app.signing_block(uuid) from public, anon, authenticated;
grant execute on function app.signing_block(uuid) to service_role;

-- ================================================================ the employment record of a destination
-- 就业方案 holds every graduate's destination: an approved agreement or an approved destination
alter table public.employment_records alter column agreement_id drop not null;
alter table public.employment_records add column if not exists destination_id uuid unique
  references public.destinations (id) on delete cascade;
alter table public.employment_records drop constraint if exists employment_records_one_source;
alter table public.employment_records add constraint employment_records_one_source
  check ((agreement_id is null) <> (destination_id is null));

-- ================================================================ uploads of the signing centre
-- Stamped scans, destination proofs and termination proofs are stored (outside any transaction) under
-- signing-proofs/<uploader's id>/<uuid>.<jpg|png|pdf>; a function that records keys takes only the
-- caller's own (a user cannot attach someone else's file by naming its key).
create or replace function app.own_signing_uploads(p_keys text[]) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select p_keys is not null and auth.uid() is not null and array_position(p_keys, null) is null
      and not exists (
        select 1 from unnest(p_keys) k
        where k !~ ('^signing-proofs/' || auth.uid()::text
                    || '/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|png|pdf)$'))
  $$;
revoke all on function app.own_signing_uploads(text[]) from public, anon, authenticated;
