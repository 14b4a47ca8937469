-- Events, part 1: the tables of fairs, info sessions, registrations with their tickets, and gate
-- check-ins. Only shapes and invariants live here: columns, checks, unique (partial) indexes,
-- foreign-key indexes, RLS switched on, no grants. Policies, grants and the transition functions
-- are in 000710 (events, fair applications, registration, tickets) and 000720 (check-in, counts).
-- Idempotent: `if not exists` everywhere; re-running changes nothing.
--
-- Vocabularies (the same values as the zod enums in src/contracts/events.ts, tickets.ts, checkin.ts):
--   event kind        fair · info_session
--   event mode        onsite · online
--   event status      draft · published · cancelled        (past = ends_at < now(), computed)
--   fair application  pending · approved · rejected · withdrawn
--   ticket status     active · cancelled                   (checked in = a check-in row with outcome ok)
--   check-in outcome  ok · already_checked_in · invalid · cancelled · wrong_event · not_open · stale_code

-- ================================================================ events (extends the core table)
alter table public.events add column if not exists description text check (length(description) <= 5000);
-- an info session's employer (宣讲会: one company and its jobs); fairs list theirs in event_companies
alter table public.events add column if not exists company_id uuid references public.companies (id) on delete set null;
alter table public.events add column if not exists city text check (length(city) between 1 and 30);
alter table public.events add column if not exists online_url text
  check (online_url is null or (length(online_url) <= 300 and online_url ~ '^https?://'));
alter table public.events add column if not exists registration_closes_at timestamptz;
alter table public.events add column if not exists checkin_opens_at timestamptz;
alter table public.events add column if not exists checkin_closes_at timestamptz;
-- the locked counter of active tickets: capacity is enforced by one guarded update of this row
alter table public.events add column if not exists registered_count int not null default 0
  check (registered_count >= 0);
alter table public.events add column if not exists created_by uuid references public.app_users (id) on delete set null;
alter table public.events add column if not exists published_at timestamptz;
alter table public.events add column if not exists updated_at timestamptz not null default now();
do $$ begin
  alter table public.events add constraint events_capacity_held
    check (capacity is null or registered_count <= capacity);
exception when duplicate_object then null; end $$;
-- an info session's company and an online event's link are required to publish (app.publish_event),
-- not of drafts
do $$ begin
  alter table public.events add constraint events_checkin_window
    check (checkin_opens_at is null or checkin_closes_at is null or checkin_closes_at > checkin_opens_at);
exception when duplicate_object then null; end $$;
create index if not exists events_company_idx on public.events (company_id);
create index if not exists events_created_by_idx on public.events (created_by);
create index if not exists events_listing_idx on public.events (starts_at, id) where status = 'published';

-- ================================================================ fair applications (employers joining a fair)
create table if not exists public.event_companies (
  event_id uuid not null references public.events (id) on delete cascade,
  company_id uuid not null references public.companies (id) on delete cascade,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
  booth text check (length(booth) between 1 and 20),
  note text check (length(note) <= 500),
  -- the jobs the employer brings to this fair (shown on the fair's page); each is the company's own
  job_ids uuid[] not null default '{}' check (cardinality(job_ids) <= 50),
  applied_by uuid references public.app_users (id) on delete set null,
  applied_at timestamptz not null default now(),
  decided_by uuid references public.app_users (id) on delete set null,
  decided_at timestamptz,
  reject_reason text check (length(reject_reason) <= 200),
  primary key (event_id, company_id),
  constraint event_companies_booth_when_approved check (status <> 'approved' or booth is not null)
);
create index if not exists event_companies_company_idx on public.event_companies (company_id);
create index if not exists event_companies_applied_by_idx on public.event_companies (applied_by);
create index if not exists event_companies_decided_by_idx on public.event_companies (decided_by);
-- one booth per fair
create unique index if not exists event_companies_booth_key on public.event_companies (event_id, booth)
  where status = 'approved';

-- ================================================================ tickets (one per registration)
-- Registering issues a ticket; cancelling ends it (the place is freed); registering again issues a
-- new ticket with a new key, so a code of the cancelled one still reads `cancelled`.
create table if not exists public.tickets (
  id uuid primary key,
  event_id uuid not null references public.events (id) on delete cascade,
  user_id uuid not null references public.app_users (id) on delete cascade,
  status text not null default 'active' check (status in ('active', 'cancelled')),
  -- Ed25519 public key of the ticket (32 bytes); its private half is derived by the API from a
  -- server secret and handed only to the ticket's owner (docs/flows/tickets.md)
  public_key bytea not null check (octet_length(public_key) = 32),
  -- shown at the gate: what the staff list carries for display (copied at registration)
  holder_name text not null check (length(holder_name) between 1 and 50),
  holder_school text check (length(holder_school) <= 100),
  registered_at timestamptz not null default now(),
  cancelled_at timestamptz,
  reminded_at timestamptz,
  constraint tickets_cancelled_at check ((status = 'cancelled') = (cancelled_at is not null))
);
create unique index if not exists tickets_one_active_key on public.tickets (event_id, user_id)
  where status = 'active';
create index if not exists tickets_user_idx on public.tickets (user_id, registered_at desc, id desc);
create index if not exists tickets_event_idx on public.tickets (event_id, status);

-- ================================================================ check-ins (every scan, pretix-style)
-- Every scan is a row, failed ones too (with their outcome), so organisers see forgery attempts.
-- Exactly one `ok` per ticket across gates and retries: a unique partial index.
create table if not exists public.checkins (
  id bigint generated always as identity primary key,
  event_id uuid not null references public.events (id) on delete cascade,
  -- null when the code named no ticket of ours
  ticket_id uuid references public.tickets (id) on delete cascade,
  gate text not null check (length(gate) between 1 and 30),
  staff_id uuid references public.app_users (id) on delete set null,
  -- the client's nonce: a retried upload of the same scan is the same row
  nonce uuid not null,
  outcome text not null check (outcome in ('ok', 'already_checked_in', 'invalid', 'cancelled',
    'wrong_event', 'not_open', 'stale_code')),
  -- what the staff phone saw offline, when it differs from the server's answer (reported at sync)
  device_outcome text check (device_outcome in ('ok', 'already_checked_in', 'invalid', 'cancelled',
    'wrong_event', 'not_open', 'stale_code')),
  scanned_at timestamptz not null,
  received_at timestamptz not null default now(),
  -- uploaded from an offline queue well after the scan: accepted and flagged, never dropped
  late boolean not null default false,
  -- the code as scanned (bounded), kept for forgery review
  code text check (length(code) <= 300),
  constraint checkins_nonce_key unique (staff_id, nonce)
);
create unique index if not exists checkins_one_ok_key on public.checkins (ticket_id) where outcome = 'ok';
create index if not exists checkins_event_idx on public.checkins (event_id, scanned_at desc);
create index if not exists checkins_ticket_idx on public.checkins (ticket_id);
create index if not exists checkins_staff_idx on public.checkins (staff_id);

-- ================================================================ live counts (no scan of checkins per refresh)
-- Maintained in the same statement as each `ok` check-in: per event, gate and 5-minute bucket.
create table if not exists public.checkin_counts (
  event_id uuid not null references public.events (id) on delete cascade,
  gate text not null check (length(gate) between 1 and 30),
  bucket timestamptz not null,
  ok_count int not null default 0 check (ok_count >= 0),
  failed_count int not null default 0 check (failed_count >= 0),
  primary key (event_id, gate, bucket)
);

alter table public.event_companies enable row level security;
alter table public.tickets enable row level security;
alter table public.checkins enable row level security;
alter table public.checkin_counts enable row level security;
revoke all on public.event_companies, public.tickets, public.checkins, public.checkin_counts
  from anon, authenticated;
grant select, insert, update, delete on public.event_companies, public.tickets, public.checkins,
  public.checkin_counts to service_role;
grant usage on sequence public.checkins_id_seq to service_role;
