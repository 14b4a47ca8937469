-- WeChat access tokens, cached centrally so every function instance shares one token per account
-- and only one of them refreshes it (api/_lib/wechat/token.ts: advisory lock per appid).
-- Idempotent (re-running changes nothing). Only the service role may touch this table: the tokens
-- are credentials, so anon and authenticated get no grant and no policy at all.

-- ================================================================ tables
create table if not exists public.wechat_access_tokens (
  appid text primary key,
  access_token text not null,
  expires_at timestamptz not null,
  refreshed_at timestamptz not null default now()
);

comment on table public.wechat_access_tokens is
  'WeChat stable_token access tokens per appid (mini-program and official account); service role only.';

-- ================================================================ RLS
-- Enabled with no policies: every row is invisible to any role that does not bypass RLS.
alter table public.wechat_access_tokens enable row level security;

-- ================================================================ grants
-- Hosted projects may hand new public tables to anon/authenticated by default privileges; take
-- that back explicitly, then grant the service role what the token cache needs.
revoke all on table public.wechat_access_tokens from public, anon, authenticated;
grant select, insert, update, delete on table public.wechat_access_tokens to service_role;
