-- WeChat subscribe-message credits (issue 13 item 3). Flow: docs/flows/messages.md.
-- Idempotent: `create … if not exists`, `create or replace`, `drop policy if exists` + `create policy`.
--
-- A one-time subscribe message may be sent once per `accept` the user gave for that template in
-- wx.requestSubscribeMessage (also when 总是保持以上选择 answers for them without a popup). We keep
-- the count per user per template, spend one per send, and without one do not call WeChat at all
-- (the message stays in the inbox; the app asks again at the next natural tap).
--
-- Who may do what, directly (RLS + grants):
--   subscribe_credits  read: each user their own rows. No user role may insert, update or delete:
--                      the user reports through app.record_subscribe_results; the sender spends
--                      through app.use_subscribe_credit (service_role only).
--
-- app.record_subscribe_results(p_results jsonb) returns jsonb
--   Who: any signed-in user, for themselves only (auth.uid()). p_results: 1–20 of
--   {templateId, result}, result ∈ accept | reject | ban | filter | switch_off (the client sends
--   switch_off for each template it asked when wx answered errCode 20004: the main switch is off).
--   Each accept adds one credit (at most 100 kept per template: more is no use, and the count is a
--   user's own to inflate, which only makes our sender try and meet 43101); the last result and
--   its time are kept. Answers {credits: [{templateId, credits, lastResult}]} for the reported
--   templates. 22023 on a NULL, empty, oversized or ill-formed report; 42501 without a subject.
--   A retried report would add credits again: the route takes an Idempotency-Key.
-- app.use_subscribe_credit(p_user uuid, p_template text, p_op text) returns int
--   Who: service_role only (the sender). 'spend': one guarded update, credits − 1 where > 0;
--   answers the credits left, or −1 when there was none (do not call WeChat). 'refund': + 1 (the
--   send failed before WeChat could use it: a timeout or 5xx to retry). 'clear': 0 (WeChat said
--   43101: it holds none, whatever we counted). 22023 on NULL or an unknown op.

create table if not exists public.subscribe_credits (
  user_id uuid not null references public.app_users (id) on delete cascade,
  template_id text not null check (template_id ~ '^[A-Za-z0-9_-]{1,64}$'),
  credits int not null default 0 check (credits between 0 and 100),
  last_result text check (last_result in ('accept', 'reject', 'ban', 'filter', 'switch_off')),
  last_result_at timestamptz,
  updated_at timestamptz not null default now(),
  -- the primary key's leading user_id serves the policy's filter
  primary key (user_id, template_id)
);
alter table public.subscribe_credits enable row level security;
revoke all on public.subscribe_credits from anon, authenticated;
grant select on public.subscribe_credits to authenticated;
grant select, insert, update, delete on public.subscribe_credits to service_role;

drop policy if exists subscribe_credits_own on public.subscribe_credits;
create policy subscribe_credits_own on public.subscribe_credits for select to authenticated
  using (user_id = (select auth.uid()));

create or replace function app.record_subscribe_results(p_results jsonb) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_me uuid := auth.uid();
  v_bad boolean;
  v_out jsonb;
begin
  if v_me is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_results is null or jsonb_typeof(p_results) <> 'array'
     or jsonb_array_length(p_results) not between 1 and 20 then
    raise exception 'record_subscribe_results: 1–20 results are required' using errcode = '22023';
  end if;
  select exists (
    select 1 from jsonb_array_elements(p_results) as e (item)
    where jsonb_typeof(e.item) <> 'object'
       or coalesce(e.item->>'templateId', '') !~ '^[A-Za-z0-9_-]{1,64}$'
       or coalesce(e.item->>'result', '') not in ('accept', 'reject', 'ban', 'filter', 'switch_off')
  ) into v_bad;
  if v_bad then
    raise exception 'record_subscribe_results: each result needs a template id and a known result'
      using errcode = '22023';
  end if;

  -- one row per template: its accepts counted, its last result (in report order) kept
  with reported as (
    select e.item->>'templateId' as template_id, e.item->>'result' as result, e.ord
    from jsonb_array_elements(p_results) with ordinality as e (item, ord)
  ),
  per_template as (
    select r.template_id,
           count(*) filter (where r.result = 'accept')::int as accepts,
           (array_agg(r.result order by r.ord desc))[1] as last_result
    from reported r group by r.template_id
  ),
  saved as (
    insert into public.subscribe_credits as c (user_id, template_id, credits, last_result, last_result_at)
    select v_me, p.template_id, least(p.accepts, 100), p.last_result, now() from per_template p
    order by p.template_id
    on conflict (user_id, template_id) do update
      set credits = least(c.credits + excluded.credits, 100),
          last_result = excluded.last_result,
          last_result_at = excluded.last_result_at,
          updated_at = now()
    returning c.template_id, c.credits, c.last_result
  )
  select jsonb_build_object('credits', coalesce(jsonb_agg(jsonb_build_object(
           'templateId', s.template_id, 'credits', s.credits, 'lastResult', s.last_result)
           order by s.template_id), '[]'))
  into v_out from saved s;
  return v_out;
end
$$;
revoke all on function app.record_subscribe_results(jsonb) from public, anon;
grant execute on function app.record_subscribe_results(jsonb) to authenticated;

create or replace function app.use_subscribe_credit(p_user uuid, p_template text, p_op text) returns int
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_left int;
begin
  if p_user is null or p_template is null or p_op is null or p_op not in ('spend', 'refund', 'clear') then
    raise exception 'use_subscribe_credit: user, template and spend|refund|clear are required'
      using errcode = '22023';
  end if;
  if p_op = 'spend' then
    update public.subscribe_credits set credits = credits - 1, updated_at = now()
      where user_id = p_user and template_id = p_template and credits > 0
      returning credits into v_left;
    return coalesce(v_left, -1);
  elsif p_op = 'refund' then
    update public.subscribe_credits set credits = least(credits + 1, 100), updated_at = now()
      where user_id = p_user and template_id = p_template
      returning credits into v_left;
    return coalesce(v_left, 0);
  end if;
  update public.subscribe_credits set credits = 0, updated_at = now()
    where user_id = p_user and template_id = p_template;
  return 0;
end
$$;
revoke all on function app.use_subscribe_credit(uuid, text, text) from public, anon, authenticated;
grant execute on function app.use_subscribe_credit(uuid, text, text) to service_role;
