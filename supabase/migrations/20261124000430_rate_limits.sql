-- Fixed-window counters for throttling by key (e.g. password logins per client IP), shared by all
-- function instances. Only the system touches them.
create table if not exists public.rate_limit_hits (
  bucket text not null,
  window_start timestamptz not null,
  hits int not null default 0,
  primary key (bucket, window_start)
);
alter table public.rate_limit_hits enable row level security;
revoke all on public.rate_limit_hits from public, anon, authenticated;
grant select, insert, update, delete on public.rate_limit_hits to service_role;
