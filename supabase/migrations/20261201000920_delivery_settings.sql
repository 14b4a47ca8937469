-- Delivery, second step (docs/flows/messages.md):
--   message_deliveries.long_term: the template is one this deployment holds as long-term
--     (长期订阅, WECHAT_TPL_LONG_TERM): sending it spends no credit.
--   app.begin_delivery (replaced; same contract as in 000900) also skips a delivery whose
--     message kind the student keeps out of WeChat (push_settings.wechat_kinds, 000910), and
--     spends no credit for a long-term template.
--   finish_deliveries refunds only what was spent: deliveries of long-term templates hold no credit.

alter table public.message_deliveries add column if not exists long_term boolean not null default false;

create or replace function app.begin_delivery(p_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  d public.message_deliveries%rowtype;
  v_openid text;
  v_attempt int;
begin
  if p_id is null then
    raise exception 'begin_delivery: a delivery id is required' using errcode = '22023';
  end if;
  select * into d from public.message_deliveries where id = p_id for update;
  if not found then
    return jsonb_build_object('action', 'gone');
  end if;
  if d.status = 'sending' then
    -- the worker that marked it died before recording what WeChat answered
    update public.message_delivery_attempts
       set finished_at = clock_timestamp(), outcome = 'unknown', error = 'worker stopped during the send'
     where delivery_id = d.id and attempt = d.attempts and finished_at is null;
    update public.message_deliveries
       set status = 'unknown', last_error = 'worker stopped during the send; not repeated', updated_at = now()
     where id = d.id;
    return jsonb_build_object('action', 'unknown');
  end if;
  if d.status <> 'queued' then
    return jsonb_build_object('action', 'done', 'status', d.status);
  end if;
  -- 推送设置: the student keeps this kind of message out of WeChat (the inbox still has it)
  if exists (select 1 from public.push_settings ps join public.messages m on m.id = d.message_id
              where ps.user_id = d.user_id and not (m.kind = any (ps.wechat_kinds))) then
    update public.message_deliveries
       set status = 'skipped', last_error = 'turned off in push settings', updated_at = now()
     where id = d.id;
    return jsonb_build_object('action', 'skipped');
  end if;
  select w.openid into v_openid from public.wechat_identities w where w.user_id = d.user_id;
  if v_openid is null then
    update public.message_deliveries
       set status = 'skipped', last_error = 'no WeChat identity', updated_at = now()
     where id = d.id;
    return jsonb_build_object('action', 'skipped');
  end if;
  if d.channel = 'subscribe' and not d.long_term then
    update public.subscribe_credits set credits = credits - 1, updated_at = now()
     where user_id = d.user_id and template_id = d.template_id and credits > 0;
    if not found then
      update public.message_deliveries set status = 'no_credit', updated_at = now() where id = d.id;
      return jsonb_build_object('action', 'no_credit');
    end if;
  end if;
  v_attempt := d.attempts + 1;
  update public.message_deliveries set status = 'sending', attempts = v_attempt, updated_at = now()
   where id = d.id;
  insert into public.message_delivery_attempts (delivery_id, attempt) values (d.id, v_attempt);
  return jsonb_build_object('action', 'send', 'openid', v_openid, 'templateId', d.template_id,
    'data', d.payload->'data', 'page', d.payload->'page', 'attempt', v_attempt, 'kind', d.kind);
end
$$;

create or replace function app.finish_deliveries(p_results jsonb) returns int
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_count int;
begin
  if p_results is null or jsonb_typeof(p_results) <> 'array' then
    raise exception 'finish_deliveries: an array of results is required' using errcode = '22023';
  end if;
  if exists (select 1 from jsonb_array_elements(p_results) e (r)
              where coalesce(e.r->>'outcome', '') not in ('sent', 'retry', 'no_credit', 'failed', 'dead')
                 or coalesce(e.r->>'id', '') !~ '^[0-9a-f-]{36}$') then
    raise exception 'finish_deliveries: each result needs an id and a known outcome' using errcode = '22023';
  end if;
  with r as (
    select (e.r->>'id')::uuid as id, e.r->>'outcome' as outcome, (e.r->>'errcode')::int as errcode,
           left(e.r->>'error', 500) as error, e.r->>'msgid' as msgid, (e.r->>'ms')::int as ms
      from jsonb_array_elements(p_results) e (r)
  ), done as (
    update public.message_deliveries d
       set status = case r.outcome when 'retry' then 'queued' else r.outcome end,
           last_errcode = r.errcode,
           last_error = r.error,
           msgid = coalesce(r.msgid, d.msgid),
           sent_at = case when r.outcome = 'sent' then now() end,
           updated_at = now()
      from r
     where d.id = r.id and d.status = 'sending'
    returning d.id, d.user_id, d.template_id, d.channel, d.long_term, d.attempts, r.outcome, r.errcode, r.error, r.ms
  ), attempts as (
    update public.message_delivery_attempts a
       set finished_at = clock_timestamp(), outcome = done.outcome, errcode = done.errcode,
           error = done.error, ms = done.ms
      from done
     where a.delivery_id = done.id and a.attempt = done.attempts
    returning 1
  ), credits as (
    -- a send WeChat did not take gives its credit back; 43101 says there is none left at all
    update public.subscribe_credits c
       set credits = case when done.outcome = 'no_credit' then 0 else least(c.credits + 1, 100) end,
           updated_at = now()
      from done
     where done.channel = 'subscribe' and not done.long_term and done.outcome in ('retry', 'dead', 'no_credit')
       and c.user_id = done.user_id and c.template_id = done.template_id
    returning 1
  )
  select count(*) into v_count from done;
  -- the data-modifying CTEs run whether or not the outer query reads them
  return v_count;
end
$$;

revoke all on function app.begin_delivery(uuid), app.finish_deliveries(jsonb) from public, anon, authenticated;
grant execute on function app.begin_delivery(uuid), app.finish_deliveries(jsonb) to service_role;
