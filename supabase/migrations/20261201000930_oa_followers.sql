-- Official-account template messages (docs/flows/messages.md, "Channels"):
--   public.oa_followers: who follows the official account now, with the unionid that ties them to
--     a mini-program user (wechat_identities.unionid); refreshed by the follower sync
--     (api/_lib/notify/oa-followers.ts, daily cron). Service-only.
--   app.begin_delivery (replaced; same contract as in 000920): an `oa_template` delivery goes to
--     the student's follower openid (no credit: template messages need the follow, not a
--     subscription); without one it is skipped. The answer names the channel.

create table if not exists public.oa_followers (
  oa_openid text primary key check (length(oa_openid) between 1 and 64),
  unionid text check (unionid is null or length(unionid) between 1 and 64),
  following boolean not null,
  synced_at timestamptz not null default now()
);
create index if not exists oa_followers_unionid_idx on public.oa_followers (unionid)
  where following and unionid is not null;
alter table public.oa_followers enable row level security;
revoke all on public.oa_followers from anon, authenticated;
grant select, insert, update, delete on public.oa_followers to service_role;

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
  if d.channel = 'oa_template' then
    -- the student's follower openid under the official account, by the unionid both share
    select f.oa_openid into v_openid
      from public.wechat_identities w
      join public.oa_followers f on f.unionid = w.unionid and f.following
     where w.user_id = d.user_id
     order by f.synced_at desc limit 1;
  else
    select w.openid into v_openid from public.wechat_identities w where w.user_id = d.user_id;
  end if;
  if v_openid is null then
    update public.message_deliveries
       set status = 'skipped',
           last_error = case when d.channel = 'oa_template' then 'not following the official account'
                             else 'no WeChat identity' end,
           updated_at = now()
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
  return jsonb_build_object('action', 'send', 'channel', d.channel, 'openid', v_openid, 'templateId', d.template_id,
    'data', d.payload->'data', 'page', d.payload->'page', 'attempt', v_attempt, 'kind', d.kind);
end
$$;

revoke all on function app.begin_delivery(uuid) from public, anon, authenticated;
grant execute on function app.begin_delivery(uuid) to service_role;
