-- Core: schools, companies, users and their sessions, events, the in-app inbox.
-- Idempotent (re-running changes nothing); RLS on every table; each role granted exactly what it needs.

-- ================================================================ tables
create table if not exists public.schools (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[0-9A-Za-z]{2,20}$'),
  name text not null check (length(name) between 2 and 100),
  contact_phone text,
  contact_email text,
  created_at timestamptz not null default now()
);

create table if not exists public.companies (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 2 and 100),
  credit_code text unique check (credit_code ~ '^[0-9A-Z]{18}$'),
  verified boolean not null default false,
  created_at timestamptz not null default now()
);

create table if not exists public.app_users (
  id uuid primary key default gen_random_uuid(),
  role text not null check (role in ('student', 'employer', 'school_staff', 'fair_staff', 'platform_admin')),
  display_name text not null check (length(display_name) between 1 and 50),
  school_id uuid references public.schools (id),
  company_id uuid references public.companies (id),
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  -- scope follows role: staff and students belong to a school, employer members to a company
  constraint app_users_scope check (
    (role in ('student', 'school_staff') and school_id is not null and company_id is null)
    or (role = 'employer' and company_id is not null and school_id is null)
    or (role in ('fair_staff', 'platform_admin') and company_id is null)
  )
);

-- Login by account + password (staff, demo users in H5). Never readable by users.
create table if not exists public.password_credentials (
  user_id uuid primary key references public.app_users (id) on delete cascade,
  login text not null,
  password_hash text not null,
  failed_attempts int not null default 0 check (failed_attempts >= 0),
  locked_until timestamptz,
  updated_at timestamptz not null default now()
);
create unique index if not exists password_credentials_login_key on public.password_credentials (lower(login));

-- Rotating refresh tokens, stored as SHA-256 hashes. A family is one login; reuse of a rotated
-- token revokes the whole family (it means the token was stolen).
create table if not exists public.refresh_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.app_users (id) on delete cascade,
  family_id uuid not null,
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index if not exists refresh_tokens_family_idx on public.refresh_tokens (family_id);
create index if not exists refresh_tokens_user_idx on public.refresh_tokens (user_id);

create table if not exists public.events (
  id uuid primary key default gen_random_uuid(),
  school_id uuid not null references public.schools (id),
  kind text not null check (kind in ('fair', 'info_session')),
  mode text not null check (mode in ('onsite', 'online')),
  title text not null check (length(title) between 2 and 100),
  venue text,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  capacity int check (capacity is null or capacity > 0),
  status text not null default 'draft' check (status in ('draft', 'published', 'cancelled')),
  created_at timestamptz not null default now(),
  constraint events_time_order check (ends_at > starts_at),
  constraint events_onsite_venue check (mode = 'online' or venue is not null)
);
create index if not exists events_published_starts_idx on public.events (starts_at) where status = 'published';
create index if not exists events_school_idx on public.events (school_id);

create table if not exists public.messages (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.app_users (id) on delete cascade,
  kind text not null check (kind in (
    'system', 'signing_invitation', 'interview_invitation', 'review_result',
    'termination_request', 'event_reminder', 'job_push'
  )),
  title text not null check (length(title) between 1 and 100),
  body text not null check (length(body) <= 2000),
  link text,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
-- the inbox reads newest first per user; the policy filters by user_id
create index if not exists messages_user_created_idx on public.messages (user_id, created_at desc, id desc);
create index if not exists messages_user_unread_idx on public.messages (user_id) where read_at is null;

-- ================================================================ RLS
alter table public.schools enable row level security;
alter table public.companies enable row level security;
alter table public.app_users enable row level security;
alter table public.password_credentials enable row level security;
alter table public.refresh_tokens enable row level security;
alter table public.events enable row level security;
alter table public.messages enable row level security;

-- The school directory is public: students pick their school before logging in.
drop policy if exists schools_read_all on public.schools;
create policy schools_read_all on public.schools for select to anon, authenticated using (true);

-- Verified companies are public to signed-in users; a member also sees their own unverified company.
drop policy if exists companies_read on public.companies;
create policy companies_read on public.companies for select to authenticated
  using (verified or id = ((select auth.jwt()) ->> 'company_id')::uuid);

drop policy if exists app_users_read_own on public.app_users;
create policy app_users_read_own on public.app_users for select to authenticated
  using (id = (select auth.uid()));

-- password_credentials, refresh_tokens: no policy for anon/authenticated, so RLS denies every row.

drop policy if exists events_read_published on public.events;
create policy events_read_published on public.events for select to anon, authenticated
  using (status = 'published');

drop policy if exists messages_read_own on public.messages;
create policy messages_read_own on public.messages for select to authenticated
  using (user_id = (select auth.uid()));

drop policy if exists messages_mark_read_own on public.messages;
create policy messages_mark_read_own on public.messages for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

-- ================================================================ grants
-- Explicit, per role: hosted projects give new tables no default grants.
revoke all on public.schools, public.companies, public.app_users, public.password_credentials,
  public.refresh_tokens, public.events, public.messages from anon, authenticated;

grant select on public.schools to anon, authenticated;
grant select on public.companies to authenticated;
grant select on public.app_users to authenticated;
grant select on public.events to anon, authenticated;
grant select on public.messages to authenticated;
-- a user may only mark a message read; nothing else in it is theirs to change
grant update (read_at) on public.messages to authenticated;

grant select, insert, update, delete on public.schools, public.companies, public.app_users,
  public.password_credentials, public.refresh_tokens, public.events, public.messages to service_role;
