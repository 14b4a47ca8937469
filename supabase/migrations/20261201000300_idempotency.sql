-- Idempotency keys for state-changing requests (`Idempotency-Key` header). A phone on a poor
-- connection resends a POST whose answer it never received; the second arrival must get the first
-- answer and change nothing. One row per (user, scope = method and path, key), written in the SAME
-- transaction as the state change it guards, so the two commit or vanish together. A second arrival
-- while the first is still running waits on the row's unique index until the first commits, then
-- reads its answer: exactly one execution. Rows expire after 24 hours and are pruned as keys are
-- claimed.
--
-- Only the two functions below touch the table (no user grant, no policy): a user cannot plant an
-- answer, read a stored one (it may hold their masked ID number) or delete a key to re-run a request.

create table if not exists public.idempotency_keys (
  user_id uuid not null references public.app_users (id) on delete cascade,
  scope text not null check (length(scope) between 1 and 512),
  key text not null check (key ~ '^[A-Za-z0-9_-]{8,128}$'),
  -- keyed HMAC of the request (body + query), so the same key with other content is refused
  -- without keeping the content (a binding request holds an ID number)
  fingerprint text not null check (length(fingerprint) between 1 and 200),
  -- null while the first arrival is still running (its transaction holds the row)
  response_status int check (response_status between 100 and 599),
  response_body jsonb,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '24 hours',
  primary key (user_id, scope, key)
);
-- the primary key's leading column covers the foreign key; pruning reads by expiry
create index if not exists idempotency_keys_expires_idx on public.idempotency_keys (expires_at);

alter table public.idempotency_keys enable row level security;
revoke all on public.idempotency_keys from public, anon, authenticated;
grant select, insert, update, delete on public.idempotency_keys to service_role;

-- Claims p_key for the caller in the caller's transaction. Returns
--   {"state": "new"}                              the caller runs the request and then calls
--                                                 app.idempotency_finish in the same transaction;
--   {"state": "replay", "status": …, "body": …}   the first arrival's answer;
--   {"state": "reused"}                           the key was used for a request with other content.
create or replace function app.idempotency_begin(p_scope text, p_key text, p_fingerprint text)
  returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_uid uuid := auth.uid();
  v_row public.idempotency_keys;
begin
  if v_uid is null then
    raise exception 'idempotency keys need a signed-in user' using errcode = '42501';
  end if;
  if p_scope is null or p_key is null or p_fingerprint is null then
    raise exception 'idempotency_begin: arguments must not be null' using errcode = '22004';
  end if;

  -- a few expired rows per claim keep the table bounded without a cron job; skip locked so
  -- concurrent claims never wait on each other's pruning
  delete from public.idempotency_keys k
  where k.ctid = any (array(
    select x.ctid from public.idempotency_keys x
    where x.expires_at < now() limit 20 for update skip locked
  ));
  -- an expired key of this caller may be used again
  delete from public.idempotency_keys k
  where k.user_id = v_uid and k.scope = p_scope and k.key = p_key and k.expires_at < now();

  -- waits while another transaction holds an uncommitted row for the same key
  insert into public.idempotency_keys (user_id, scope, key, fingerprint)
  values (v_uid, p_scope, p_key, p_fingerprint)
  on conflict (user_id, scope, key) do nothing;
  if found then
    return jsonb_build_object('state', 'new');
  end if;

  select * into v_row from public.idempotency_keys k
  where k.user_id = v_uid and k.scope = p_scope and k.key = p_key;
  if v_row.fingerprint is distinct from p_fingerprint then
    return jsonb_build_object('state', 'reused');
  end if;
  if v_row.response_status is null then
    -- only possible inside the first arrival's own transaction (a second begin for one key)
    raise exception 'idempotency key % is still in progress', p_key using errcode = '55000';
  end if;
  return jsonb_build_object('state', 'replay', 'status', v_row.response_status, 'body', v_row.response_body);
end
$$;

-- Stores the answer of a request claimed by app.idempotency_begin in this transaction.
create or replace function app.idempotency_finish(p_scope text, p_key text, p_status int, p_body jsonb)
  returns void
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_uid uuid := auth.uid();
begin
  if v_uid is null then
    raise exception 'idempotency keys need a signed-in user' using errcode = '42501';
  end if;
  if p_scope is null or p_key is null or p_status is null or p_body is null then
    raise exception 'idempotency_finish: arguments must not be null' using errcode = '22004';
  end if;
  update public.idempotency_keys k
  set response_status = p_status, response_body = p_body
  where k.user_id = v_uid and k.scope = p_scope and k.key = p_key and k.response_status is null;
  if not found then
    raise exception 'idempotency key % was not claimed in this transaction', p_key using errcode = '55000';
  end if;
end
$$;

revoke all on function app.idempotency_begin(text, text, text), app.idempotency_finish(text, text, int, jsonb)
  from public, anon;
grant execute on function app.idempotency_begin(text, text, text), app.idempotency_finish(text, text, int, jsonb)
  to authenticated;
