-- Events, part 3 (issue 12 items 4, 5, 7): gate check-in — recording scans, the staff phone's door
-- list, the organisers' live counts, and who reads check-ins. The tables are the lead's (000700).
-- Idempotent: `create or replace`, `drop policy if exists` + `create policy`. Flow: docs/flows/checkin.md.
--
-- Who may do what, directly (RLS + grants):
--   checkins        read: school staff the scans of their school's events; fair staff the scans
--                   they recorded themselves; nobody else (students nothing). No user role may
--                   insert, update or delete: every row is written by app.record_scans.
--   checkin_counts  no user grant at all: read through app.checkin_stats.
--
-- Functions (`security definer set search_path = ''`, 22023 on a NULL/empty/ill-formed argument):
--
-- app.record_scans(p_staff_id uuid, p_event_id uuid, p_scans jsonb) returns jsonb
--   Who: service_role ONLY (no user role may execute it). The code's Ed25519 signature cannot be
--   checked in SQL, so the API verifies it (node:crypto, api/_lib/checkin/scan.ts) after
--   authenticating the staff member, and passes p_staff_id = the verified token's subject. Each
--   scan: {nonce, ticket_id|null, gate, scanned_at, code, device_outcome, sig_ok, step_ok,
--   public_key (hex of the key the signature was checked with)}; 1–500 scans.
--   The function decides everything else: the caller is fair staff assigned to the event
--   (event_staff) or school staff of its school; then per scan, in the spec's order: invalid (no
--   such ticket, bad signature, or a key other than the ticket's) · stale_code · wrong_event ·
--   not_open (outside the check-in window, or the event not published) · cancelled ·
--   already_checked_in · ok. Every scan is a row (failed ones too); a nonce already stored for
--   this staff member replays the stored answer and writes nothing. Exactly one ok per ticket
--   (unique partial index checkins_one_ok_key): a concurrent second ok becomes
--   already_checked_in. Earliest wins between offline phones: a scan the phone itself passed
--   offline (device_outcome ok) that is EARLIER than the stored ok becomes the ok, the stored one
--   becomes already_checked_in (its device_outcome set to ok: that gate was told ok), and both
--   read conflict = true. An online scan (no device_outcome) never displaces: the gate is waiting
--   and the ticket was used. late = received_at − scanned_at > 2 minutes. checkin_counts (event,
--   gate, 5-minute bucket of scanned_at) is updated in the same transaction.
--   Outcomes: recorded {results: [ScanResult…] in input order} · not_found (no such event) ·
--   forbidden (the staff member is not assigned, is disabled, or is not staff).
-- app.door_list(p_event_id uuid) returns table (ticket_id, public_key, status, holder_name,
--   holder_school, registered_at, checked_in_at, checked_in_gate)
--   Who: fair staff assigned to the event, school staff of its school (anyone else, or no such
--   event: raises 42501). Every ticket of the event, with only the fields verifying and showing it
--   needs, and its first ok check-in.
-- app.checkin_stats(p_event_id uuid) returns jsonb
--   Who: as door_list (else 42501). The CheckinStats shape (src/contracts/checkin.ts): registered
--   (events.registered_count), checked in, failed, per gate per 5-minute bucket — from
--   checkin_counts only (never a scan of checkins).
--
-- Internal (no user may execute it): app.is_event_staff(uuid, uuid).

-- ================================================================ helpers
-- fair staff assigned to the event, or school staff (either level) of its school; active accounts
-- only. plpgsql, not sql: a non-inlined SQL function (any with a SET clause) is planned on every
-- call, a plpgsql one once per session.
create or replace function app.is_event_staff(p_user uuid, p_event uuid) returns boolean
  language plpgsql stable set search_path = ''
  as $$
begin
  return exists (
    select 1 from public.app_users u join public.events e on e.id = p_event
    where u.id = p_user and u.disabled_at is null
      and ((u.role = 'fair_staff'
            and exists (select 1 from public.event_staff s where s.event_id = e.id and s.user_id = u.id))
           or (u.role = 'school_staff' and u.school_id = e.school_id))
  );
end
$$;
revoke all on function app.is_event_staff(uuid, uuid) from public, anon, authenticated;

-- ================================================================ recording scans
-- Every access below is by key (a nonce, a ticket id, the one ok of a ticket, a counts row), and
-- plpgsql keeps its plans for the session: enable_seqscan = off keeps those plans on the indexes
-- even when they were made while checkins was small or not yet analyzed (the first minutes of a
-- fair), instead of a cached sequential scan that grows with every scan recorded; and a generic
-- plan (nothing here gains from planning with the values) is not re-planned for every batch.
create or replace function app.record_scans(p_staff_id uuid, p_event_id uuid, p_scans jsonb) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  set enable_seqscan = off set plan_cache_mode = force_generic_plan
  as $$
declare
  v_bad boolean;
  v_found boolean;
  v_published boolean;
  v_opens timestamptz;
  v_closes timestamptz;
  v_allowed boolean;
  v_counted bigint;
  v_slow jsonb;
  v_more jsonb := '[]';
  s record;
  v_ok record;
  v_outcome text;
  v_displaced boolean;
  v_id bigint;
  v_results jsonb;
begin
  if p_staff_id is null or p_event_id is null or p_scans is null or jsonb_typeof(p_scans) <> 'array'
     or jsonb_array_length(p_scans) not between 1 and 500 then
    raise exception 'record_scans: staff, event and 1–500 scans are required' using errcode = '22023';
  end if;

  -- one statement: the input's shape, the event's window and whether the caller staffs it
  select
    exists (
      select 1 from jsonb_to_recordset(p_scans)
        as x (nonce uuid, gate text, scanned_at timestamptz, code text, device_outcome text)
      where x.nonce is null or x.scanned_at is null or nullif(btrim(x.gate), '') is null
        or length(x.gate) > 30 or length(x.code) > 300
        or (x.device_outcome is not null and x.device_outcome not in (
          'ok', 'already_checked_in', 'invalid', 'cancelled', 'wrong_event', 'not_open', 'stale_code'))),
    e.id is not null,
    e.status = 'published',
    coalesce(e.checkin_opens_at, e.starts_at - interval '1 hour'),
    coalesce(e.checkin_closes_at, e.ends_at),
    -- app.is_event_staff, inlined (one statement less per scan)
    exists (
      select 1 from public.app_users u
      where u.id = p_staff_id and u.disabled_at is null
        and ((u.role = 'fair_staff'
              and exists (select 1 from public.event_staff es where es.event_id = e.id and es.user_id = u.id))
             or (u.role = 'school_staff' and u.school_id = e.school_id)))
  into v_bad, v_found, v_published, v_opens, v_closes, v_allowed
  from (select 1) as one left join public.events e on e.id = p_event_id;
  if v_bad then
    raise exception 'record_scans: every scan needs a nonce, a gate (1–30 characters) and a scan time'
      using errcode = '22023';
  end if;
  if not v_found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if not v_allowed then
    return jsonb_build_object('outcome', 'forbidden');
  end if;

  -- The fast path, one statement: judge every new scan, insert all that need no second look.
  -- Left to the loop below: a scan displacing a later stored ok, and inserts that met a
  -- concurrent one (the ticket's ok, or the same nonce) — `on conflict do nothing` skipped them.
  with input as (
    select x.nonce, x.ticket_id, x.gate, x.scanned_at, left(x.code, 300) as code, x.device_outcome,
           coalesce(x.sig_ok, false) as sig_ok, coalesce(x.step_ok, false) as step_ok, x.public_key, x.ord
    from rows from (jsonb_to_recordset(p_scans) as (nonce uuid, ticket_id uuid, gate text,
           scanned_at timestamptz, code text, device_outcome text, sig_ok boolean, step_ok boolean,
           public_key text)) with ordinality
      as x (nonce, ticket_id, gate, scanned_at, code, device_outcome, sig_ok, step_ok, public_key, ord)
  ),
  -- a nonce already stored is a retry (replayed below); the same nonce twice in one batch is one scan
  -- (lateral + limit: one index probe per scan, whatever the statistics say about checkins)
  fresh as (
    select distinct on (i.nonce) i.* from input i
    left join lateral (
      select true as hit from public.checkins c where c.staff_id = p_staff_id and c.nonce = i.nonce limit 1
    ) seen on true
    where seen.hit is null
    order by i.nonce, i.ord
  ),
  judged as (
    select f.nonce, t.id as tid, f.gate, f.scanned_at, f.code, f.device_outcome, f.ord,
      case
        when t.id is null or not f.sig_ok
             or t.public_key is distinct from decode(f.public_key, 'hex') then 'invalid'
        when not f.step_ok then 'stale_code'
        when t.event_id <> p_event_id then 'wrong_event'
        when not v_published or f.scanned_at < v_opens or f.scanned_at > v_closes then 'not_open'
        when t.status = 'cancelled' then 'cancelled'
      end as verdict -- null: the code and the ticket pass; whether it is the first is next
    from fresh f
    left join lateral (
      select t.id, t.public_key, t.event_id, t.status from public.tickets t where t.id = f.ticket_id limit 1
    ) t on true
  ),
  -- one ok candidate per ticket in the batch: its earliest scan
  ranked as (
    select j.*, row_number() over (partition by j.tid order by j.scanned_at, j.ord) as rn
    from judged j where j.verdict is null
  ),
  decided as (
    select j.nonce, j.tid, j.gate, j.scanned_at, j.code, j.device_outcome, j.verdict as outcome
    from judged j where j.verdict is not null
    union all
    select r.nonce, r.tid, r.gate, r.scanned_at, r.code, r.device_outcome,
      case
        when r.rn > 1 then 'already_checked_in'
        when o.id is null then 'ok'
        when r.device_outcome is distinct from 'ok' or o.scanned_at <= r.scanned_at then 'already_checked_in'
        else 'displace'
      end
    from ranked r
    left join lateral (
      select o.id, o.scanned_at from public.checkins o where o.ticket_id = r.tid and o.outcome = 'ok' limit 1
    ) o on true
  ),
  ins as (
    insert into public.checkins
      (event_id, ticket_id, gate, staff_id, nonce, outcome, device_outcome, scanned_at, late, code)
    select p_event_id, d.tid, d.gate, p_staff_id, d.nonce, d.outcome, d.device_outcome, d.scanned_at,
           now() - d.scanned_at > interval '2 minutes', d.code
    from decided d where d.outcome <> 'displace'
    order by d.tid, d.scanned_at -- one lock order for every batch
    on conflict do nothing
    returning nonce, gate, scanned_at, outcome
  ),
  -- the live counts of what was inserted, in the same statement: one lock order (gate, bucket), and
  -- the hot rows (a gate's current bucket) are locked only from here to the commit
  counted as (
    insert into public.checkin_counts as cc (event_id, gate, bucket, ok_count, failed_count)
    select p_event_id, i.gate, date_bin('5 minutes', i.scanned_at, timestamptz '2000-01-01 00:00:00+00'),
           count(*) filter (where i.outcome = 'ok'), count(*) filter (where i.outcome <> 'ok')
    from ins i
    group by 2, 3
    order by 2, 3
    on conflict (event_id, gate, bucket) do update
      set ok_count = cc.ok_count + excluded.ok_count, failed_count = cc.failed_count + excluded.failed_count
    returning 1
  )
  select
    (select count(*) from counted),
    (select coalesce(jsonb_agg(to_jsonb(d)), '[]') from decided d
      where not exists (select 1 from ins i where i.nonce = d.nonce))
  into v_counted, v_slow;

  -- The rare rest, one scan at a time in ticket order (re-read each time: a new snapshot per statement).
  if jsonb_array_length(v_slow) > 0 then
    for s in
      select * from jsonb_to_recordset(v_slow) as x (nonce uuid, tid uuid, gate text, scanned_at timestamptz,
        code text, device_outcome text, outcome text)
      order by x.tid, x.scanned_at
    loop
      <<retry>>
      loop
        -- stored meanwhile by a concurrent upload of the same scan: replayed below
        perform 1 from public.checkins c where c.staff_id = p_staff_id and c.nonce = s.nonce;
        exit retry when found;
        v_displaced := false;
        v_outcome := s.outcome;
        if s.outcome in ('ok', 'already_checked_in', 'displace') then
          select c.id, c.scanned_at, c.gate, c.event_id into v_ok
            from public.checkins c where c.ticket_id = s.tid and c.outcome = 'ok';
          if not found then
            v_outcome := 'ok';
          elsif s.device_outcome is distinct from 'ok' or v_ok.scanned_at <= s.scanned_at then
            v_outcome := 'already_checked_in';
          else
            -- earliest wins: the stored ok steps down (that gate was told ok: conflict for both)
            update public.checkins set outcome = 'already_checked_in', device_outcome = coalesce(device_outcome, 'ok')
              where id = v_ok.id and outcome = 'ok';
            continue retry when not found; -- changed meanwhile: judge again
            update public.checkin_counts
              set ok_count = ok_count - 1, failed_count = failed_count + 1
              where event_id = v_ok.event_id and gate = v_ok.gate
                and bucket = date_bin('5 minutes', v_ok.scanned_at, timestamptz '2000-01-01 00:00:00+00');
            v_outcome := 'ok';
            v_displaced := true;
          end if;
        end if;
        v_id := null;
        insert into public.checkins
          (event_id, ticket_id, gate, staff_id, nonce, outcome, device_outcome, scanned_at, late, code)
        values (p_event_id, s.tid, s.gate, p_staff_id, s.nonce, v_outcome, s.device_outcome, s.scanned_at,
                now() - s.scanned_at > interval '2 minutes', s.code)
        on conflict do nothing
        returning id into v_id;
        if v_id is not null then
          v_more := v_more || jsonb_build_object('gate', s.gate, 'at', s.scanned_at,
            'ok', (v_outcome = 'ok')::int, 'failed', (v_outcome <> 'ok')::int);
          exit retry;
        end if;
        if v_displaced then
          -- only the same nonce can collide here (we hold the ticket's ok); start the upload again
          raise exception 'record_scans: a concurrent upload of the same scan' using errcode = '40001';
        end if;
      end loop;
    end loop;
    -- the counts of the rest (the fast path's are counted above)
    insert into public.checkin_counts as cc (event_id, gate, bucket, ok_count, failed_count)
    select p_event_id, d.gate, date_bin('5 minutes', d.at, timestamptz '2000-01-01 00:00:00+00'),
           sum(d.ok), sum(d.failed)
    from jsonb_to_recordset(v_more) as d (gate text, at timestamptz, ok int, failed int)
    group by 2, 3
    order by 2, 3
    on conflict (event_id, gate, bucket) do update
      set ok_count = cc.ok_count + excluded.ok_count, failed_count = cc.failed_count + excluded.failed_count;
  end if;

  -- the answers, in input order, from the stored rows (new ones and replays alike)
  select jsonb_agg(jsonb_build_object(
      'nonce', c.nonce,
      'outcome', c.outcome,
      'ticketId', c.ticket_id,
      'holder', case when t.id is not null and c.outcome not in ('invalid', 'wrong_event') then
        jsonb_build_object('name', t.holder_name, 'school', t.holder_school,
                           'registeredAt', to_char(t.registered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) end,
      'firstCheckin', case when f.id is not null then
        jsonb_build_object('at', to_char(f.scanned_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'gate', f.gate) end,
      'late', c.late,
      'conflict', (c.device_outcome is not null and c.device_outcome <> c.outcome)
        or (c.outcome = 'ok' and exists (
          select 1 from public.checkins d
          where d.ticket_id = c.ticket_id and d.outcome <> 'ok' and d.device_outcome = 'ok'))
    ) order by i.ord)
  into v_results
  from rows from (jsonb_to_recordset(p_scans) as (nonce uuid)) with ordinality as i (nonce, ord)
  join lateral (
    select c.* from public.checkins c where c.staff_id = p_staff_id and c.nonce = i.nonce limit 1
  ) c on true
  left join lateral (
    select t.id, t.holder_name, t.holder_school, t.registered_at from public.tickets t where t.id = c.ticket_id limit 1
  ) t on true
  left join lateral (
    select f.id, f.scanned_at, f.gate from public.checkins f
    where c.outcome = 'already_checked_in' and f.ticket_id = c.ticket_id and f.outcome = 'ok' limit 1
  ) f on true;

  return jsonb_build_object('outcome', 'recorded', 'results', coalesce(v_results, '[]'));
end
$$;
revoke all on function app.record_scans(uuid, uuid, jsonb) from public, anon, authenticated;
grant execute on function app.record_scans(uuid, uuid, jsonb) to service_role;

-- ================================================================ the staff phone's door list
create or replace function app.door_list(p_event_id uuid)
  returns table (ticket_id uuid, public_key bytea, status text, holder_name text, holder_school text,
                 registered_at timestamptz, checked_in_at timestamptz, checked_in_gate text)
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_event_id is null then
    raise exception 'door_list: the event is required' using errcode = '22023';
  end if;
  if not app.is_event_staff(auth.uid(), p_event_id) then
    raise exception 'door_list: not staff of this event' using errcode = '42501';
  end if;
  return query
    select t.id, t.public_key, t.status, t.holder_name, t.holder_school, t.registered_at, c.scanned_at, c.gate
    from public.tickets t
    left join public.checkins c on c.ticket_id = t.id and c.outcome = 'ok'
    where t.event_id = p_event_id
    order by t.registered_at, t.id;
end
$$;

-- ================================================================ live counts
create or replace function app.checkin_stats(p_event_id uuid) returns jsonb
  language plpgsql stable security definer set search_path = ''
  as $$
declare
  v_result jsonb;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_event_id is null then
    raise exception 'checkin_stats: the event is required' using errcode = '22023';
  end if;
  if not app.is_event_staff(auth.uid(), p_event_id) then
    raise exception 'checkin_stats: not staff of this event' using errcode = '42501';
  end if;
  with g as (
    select n.gate, sum(n.ok_count)::int as ok, sum(n.failed_count)::int as failed,
           jsonb_agg(jsonb_build_object('at', to_char(n.bucket at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'ok', n.ok_count, 'failed', n.failed_count)
                     order by n.bucket) as buckets
    from public.checkin_counts n where n.event_id = p_event_id
    group by n.gate
  )
  select jsonb_build_object(
    'eventId', e.id,
    'registered', e.registered_count,
    'checkedIn', coalesce((select sum(g.ok) from g), 0),
    'failed', coalesce((select sum(g.failed) from g), 0),
    'gates', coalesce((select jsonb_agg(jsonb_build_object('gate', g.gate, 'checkedIn', g.ok,
                         'failed', g.failed, 'buckets', g.buckets) order by g.gate) from g), '[]'),
    'asOf', to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  into v_result
  from public.events e where e.id = p_event_id;
  return v_result;
end
$$;

revoke all on function app.door_list(uuid), app.checkin_stats(uuid) from public, anon;
grant execute on function app.door_list(uuid), app.checkin_stats(uuid) to authenticated;

-- ================================================================ checkins: who reads
-- School staff read the scans of their school's events; fair staff the scans they recorded.
-- One permissive policy for the role and action (advisor lint 0006); helpers as initplans.
drop policy if exists checkins_read on public.checkins;
create policy checkins_read on public.checkins for select to authenticated
  using (
    staff_id = (select auth.uid())
    or ((select app.my_role()) = 'school_staff'
        and exists (select 1 from public.events e
                    where e.id = checkins.event_id and e.school_id = (select app.my_school())))
  );
revoke all on public.checkins, public.checkin_counts from anon, authenticated;
grant select on public.checkins to authenticated;
-- checkin_counts: no user grant (read through app.checkin_stats); service_role's is 000700's
