-- Password logins are throttled per (account, client address) instead of locked per account
-- (issue 9 item 6): five wrong passwords used to lock an account for everyone, so anyone could
-- keep `admin` locked out, and only real accounts ever got the lock answer. The rules live in
-- api/_lib/auth/login-throttle.ts; docs/flows/session.md describes the states.

-- Failures of one login name from one client address. Keyed by the name as typed (lower-cased),
-- not by user, so an unknown account has the same rows, delays and answers as a real one.
create table if not exists public.login_failures (
  login_key text not null,
  client text not null,
  failures int not null default 0 check (failures >= 0),
  -- attempts from this client on this name are refused until then (growing delay)
  blocked_until timestamptz,
  -- the failures are forgotten after this (idle period); the row is pruned
  expires_at timestamptz not null,
  primary key (login_key, client)
);
create index if not exists login_failures_expires_at_idx on public.login_failures (expires_at);
alter table public.login_failures enable row level security;
-- only the system reads or writes it: no policy, no grant for users
revoke all on public.login_failures from public, anon, authenticated;
grant select, insert, update, delete on public.login_failures to service_role;

-- Each rate-limit row records when its window ends, so ended windows of every bucket can be
-- pruned (issue 9 item 7: a client rotating an address left a row per value, never cleaned up).
alter table public.rate_limit_hits add column if not exists window_end timestamptz;
-- rows written before this column: no window was longer than a day
update public.rate_limit_hits set window_end = window_start + interval '1 day' where window_end is null;
alter table public.rate_limit_hits alter column window_end set not null;
create index if not exists rate_limit_hits_window_end_idx on public.rate_limit_hits (window_end);

-- The per-account lock is gone; nothing reads these columns any more.
alter table public.password_credentials drop column if exists failed_attempts;
alter table public.password_credentials drop column if exists locked_until;
