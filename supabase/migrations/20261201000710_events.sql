-- Events, part 2 (issue 12 items 1, 2, 6, 7): the rules of events, fair applications and tickets —
-- policies, column grants and the transition functions. The tables are in 000700;
-- check-ins and their counts are 000720's. Idempotent (`create or replace`, `drop … if exists` +
-- `create`, `if not exists`); runs as Supabase's non-superuser `postgres`; touches neither `auth`
-- nor `storage`. Flow: docs/flows/events.md.
--
-- States. An event: draft → published → (cancelled); "ended" is ends_at < now(), not stored. A
-- fair application: pending → approved | rejected; pending | approved → withdrawn; rejected |
-- withdrawn → pending again (the employer applies anew). A ticket: active → cancelled (by its owner
-- before the start, or with its event); registering again after cancelling issues a NEW ticket.
--
-- Who may do what, directly (RLS + column grants):
--   events          read: anon published; signed-in users published and cancelled (a ticket's
--                   page shows its cancelled event), school staff also their school's drafts.
--                   insert: school staff, a draft of their own school, as themselves. update:
--                   school staff, their school's DRAFTS, content columns only (never status,
--                   published_at, registered_count, school_id, created_by).
--   event_companies read: the employer's own company's rows; school staff all rows of their
--                   school's events; everyone (anon too) approved rows of published events.
--                   No user writes: apply / withdraw / decide are functions.
--   tickets         read: the student's own; school staff the tickets of their school's events
--                   (read-only). Fair staff read none (000720's door list serves them). No user
--                   writes: register and cancel are functions.
--
-- Columns and constraints added here (000700 left them out):
--   events_registration_closes (check) registration_closes_at ≤ ends_at.
--   events.updated_at is stamped by the trigger app.events_touch() on every update.
--
-- Functions (`security definer set search_path = ''`, executable by `authenticated` only).
-- "raises 42501" = no caller (claims without `sub`); "raises 22023" = a NULL/empty/ill-formed
-- argument; either way nothing changes. Otherwise they return jsonb outcomes ({outcome, …}),
-- parsed by the API with the zod vocabularies of src/contracts/events.ts:
--
-- app.publish_event(p_event uuid) returns jsonb
--   Who: school staff of the event's school. Outcomes: published · already_published ·
--   not_found (no such event, or another school's) · forbidden (the caller is not school staff) ·
--   cancelled · incomplete {missing: venue|capacity|onlineUrl|companyId} (on site: venue and
--   capacity; online: the link; an info session: a verified company) · starts_in_past.
-- app.cancel_event(p_event uuid) returns jsonb
--   Who: school staff of the event's school. Outcomes: cancelled {tickets_cancelled} (every
--   active ticket ends with it, the counter returns to 0) · already_cancelled · not_found ·
--   forbidden · ended.
-- app.apply_to_fair(p_event uuid, p_job_ids uuid[], p_note text) returns jsonb
--   Who: employer members of a VERIFIED company. p_job_ids: 1–50 ids (else 22023), each a published
--   job of the caller's company; p_note ≤ 500 chars or NULL. Outcomes: applied (new, or again
--   after a rejection / withdrawal) · updated (a pending application's jobs and note) ·
--   already_approved · not_found (no such event, or a draft) · not_fair (an info
--   session) · not_open (cancelled or ended) · forbidden (not an employer) · company_unverified ·
--   bad_jobs.
-- app.withdraw_fair_application(p_event uuid, p_company uuid) returns jsonb
--   Who: employer members of p_company. Outcomes: withdrawn (from pending or approved; the booth
--   is freed) · not_pending (rejected or withdrawn already) · not_found · forbidden (another
--   company's, or not an employer).
-- app.decide_fair_application(p_event uuid, p_company uuid, p_decision text, p_booth text,
--                             p_reason text) returns jsonb
--   Who: school staff of the event's school. p_decision 'approve' (p_booth 1–20 chars, unique per
--   fair) | 'reject' (p_reason 1–200 chars); else 22023. Approving an approved application moves
--   its booth. Outcomes: approved · rejected · booth_taken · not_pending · not_found · forbidden.
-- app.register_event(p_event_id uuid, p_ticket_id uuid, p_public_key bytea) returns jsonb
--   Who: students. p_public_key: 32 bytes (else 22023). The ticket id and its Ed25519 public key
--   come from the API (docs/flows/tickets.md). Outcomes: registered {ticket_id} ·
--   already_registered {ticket_id} (the active ticket held) · full · closed (at or past
--   registration_closes_at, default starts_at) · not_open (an online event: no registration; or a
--   cancelled one) · not_found (no such event, or a draft) · not_student.
--   Capacity is exact under concurrency: ONE guarded statement on the event row —
--     update events set registered_count = registered_count + 1
--       where id = … and status = 'published' and now() < deadline
--         and (capacity is null or registered_count < capacity) returning …
--   — in the same function and transaction as the ticket insert. Concurrent registrations queue
--   on the row lock, and each re-checks the guard against the row as the previous one left it.
-- app.cancel_ticket(p_ticket_id uuid) returns jsonb
--   Who: the ticket's owner (another's ticket: not_found). Outcomes: cancelled (the place is
--   freed: registered_count − 1) · already_cancelled · not_found · started (the event started, or
--   the ticket is checked in).
-- app.ticket_checked_in_at(p_ticket uuid) returns timestamptz
--   Who: anyone signed in. When the ticket was checked in (its `ok` scan), for the ticket's owner
--   and school staff of its event's school; NULL for everyone else and for tickets not checked in
--   (students have no grant on check-ins; their ticket page needs only this).
-- app.my_staffed_events() returns uuid[]
--   Who: anyone signed in. The events the caller is assigned to as fair staff (event lists' "mine").
--
-- Internal (no user may execute it): the trigger function app.events_touch().

-- ================================================================ events: columns and trigger
do $$ begin
  alter table public.events add constraint events_registration_closes
    check (registration_closes_at is null or registration_closes_at <= ends_at);
exception when duplicate_object then null; end $$;

create or replace function app.events_touch() returns trigger
  language plpgsql set search_path = ''
  as $$
begin
  new.updated_at := now();
  return new;
end
$$;
drop trigger if exists events_10_touch on public.events;
create trigger events_10_touch before update on public.events
  for each row execute function app.events_touch();
revoke all on function app.events_touch() from public, anon, authenticated;

-- a school's own list (staff "mine"), newest first
create index if not exists events_school_starts_idx on public.events (school_id, starts_at desc, id desc);
-- upcoming/past lists: published rows by start (000700's events_listing_idx) serve both directions

create or replace function app.my_staffed_events() returns uuid[]
  language sql stable security definer set search_path = ''
  as $$
    select coalesce(array_agg(s.event_id), '{}') from public.event_staff s where s.user_id = auth.uid()
  $$;
revoke all on function app.my_staffed_events() from public, anon;
grant execute on function app.my_staffed_events() to authenticated;

-- ================================================================ events: who reads and writes
-- Replaces events_read (000500): signed-in users also read cancelled events (a ticket's page and
-- the student's "mine" list show the event it was for). events_read_anon (000500) is unchanged.
drop policy if exists events_read on public.events;
create policy events_read on public.events for select to authenticated
  using (
    status in ('published', 'cancelled')
    or (school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff')
  );

-- Insert: school staff create drafts of their own school, as themselves. status, published_at
-- and registered_count are not granted (a new row is a draft with no registrations).
drop policy if exists events_insert_staff on public.events;
create policy events_insert_staff on public.events for insert to authenticated
  with check (
    school_id = (select app.my_school())
    and (select app.my_role()) = 'school_staff'
    and created_by = (select auth.uid())
    and status = 'draft'
  );

-- Update: school staff edit their school's drafts (a published event changes through functions).
drop policy if exists events_update_draft on public.events;
create policy events_update_draft on public.events for update to authenticated
  using (status = 'draft' and school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff')
  with check (status = 'draft' and school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff');

revoke insert, update, delete on public.events from anon, authenticated;
grant insert (school_id, kind, mode, title, description, venue, city, online_url, starts_at, ends_at,
  capacity, registration_closes_at, checkin_opens_at, checkin_closes_at, company_id, created_by)
  on public.events to authenticated;
grant update (kind, mode, title, description, venue, city, online_url, starts_at, ends_at, capacity,
  registration_closes_at, checkin_opens_at, checkin_closes_at, company_id)
  on public.events to authenticated;

-- ================================================================ event_companies: who reads
-- event_companies_event_idx: the fair's participants and applications by status
create index if not exists event_companies_event_status_idx on public.event_companies (event_id, status);

drop policy if exists event_companies_read_anon on public.event_companies;
create policy event_companies_read_anon on public.event_companies for select to anon
  using (
    status = 'approved'
    and exists (select 1 from public.events e where e.id = event_companies.event_id and e.status = 'published')
  );
drop policy if exists event_companies_read on public.event_companies;
create policy event_companies_read on public.event_companies for select to authenticated
  using (
    company_id = (select app.my_company())
    or exists (
      select 1 from public.events e
      where e.id = event_companies.event_id
        and ((event_companies.status = 'approved' and e.status = 'published')
             or (e.school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff')))
  );
revoke all on public.event_companies from anon, authenticated;
-- anon sees who takes part and where, not who applied or decided, nor the notes between them
grant select (event_id, company_id, status, booth, job_ids) on public.event_companies to anon;
grant select on public.event_companies to authenticated;

-- ================================================================ tickets: who reads
drop policy if exists tickets_read on public.tickets;
create policy tickets_read on public.tickets for select to authenticated
  using (
    user_id = (select auth.uid())
    or ((select app.my_role()) = 'school_staff'
        and exists (select 1 from public.events e
                    where e.id = tickets.event_id and e.school_id = (select app.my_school())))
  );
revoke all on public.tickets from anon, authenticated;
grant select on public.tickets to authenticated;
-- the reminder job picks tickets not yet reminded, per event
create index if not exists tickets_unreminded_idx on public.tickets (event_id) where status = 'active' and reminded_at is null;

-- ================================================================ publish / cancel an event
create or replace function app.publish_event(p_event uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_event public.events%rowtype;
  v_missing text[] := '{}';
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_event is null then
    raise exception 'publish_event: the event is required' using errcode = '22023';
  end if;
  if app.my_role() is distinct from 'school_staff' then
    return jsonb_build_object('outcome', 'forbidden');
  end if;
  select * into v_event from public.events where id = p_event for update;
  if not found or v_event.school_id is distinct from app.my_school() then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_event.status = 'published' then
    return jsonb_build_object('outcome', 'already_published');
  end if;
  if v_event.status = 'cancelled' then
    return jsonb_build_object('outcome', 'cancelled');
  end if;
  if v_event.mode = 'onsite' then
    if nullif(btrim(v_event.venue), '') is null then v_missing := array_append(v_missing, 'venue'); end if;
    if v_event.capacity is null then v_missing := array_append(v_missing, 'capacity'); end if;
  else
    if v_event.online_url is null then v_missing := array_append(v_missing, 'onlineUrl'); end if;
  end if;
  if v_event.kind = 'info_session' and not exists (
       select 1 from public.companies c where c.id = v_event.company_id and c.verified_at is not null) then
    v_missing := array_append(v_missing, 'companyId');
  end if;
  if cardinality(v_missing) > 0 then
    return jsonb_build_object('outcome', 'incomplete', 'missing', to_jsonb(v_missing));
  end if;
  if v_event.starts_at <= now() then
    return jsonb_build_object('outcome', 'starts_in_past');
  end if;
  update public.events set status = 'published', published_at = now() where id = p_event;
  return jsonb_build_object('outcome', 'published');
end
$$;

create or replace function app.cancel_event(p_event uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_event public.events%rowtype;
  v_tickets int;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_event is null then
    raise exception 'cancel_event: the event is required' using errcode = '22023';
  end if;
  if app.my_role() is distinct from 'school_staff' then
    return jsonb_build_object('outcome', 'forbidden');
  end if;
  -- the event row first: registrations queue on it, so none slips in after the tickets end
  select * into v_event from public.events where id = p_event for update;
  if not found or v_event.school_id is distinct from app.my_school() then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_event.status = 'cancelled' then
    return jsonb_build_object('outcome', 'already_cancelled');
  end if;
  if v_event.ends_at <= now() then
    return jsonb_build_object('outcome', 'ended');
  end if;
  update public.tickets set status = 'cancelled', cancelled_at = now()
    where event_id = p_event and status = 'active';
  get diagnostics v_tickets = row_count;
  update public.events set status = 'cancelled', registered_count = 0 where id = p_event;
  return jsonb_build_object('outcome', 'cancelled', 'tickets_cancelled', v_tickets);
end
$$;

-- ================================================================ fair applications
create or replace function app.apply_to_fair(p_event uuid, p_job_ids uuid[], p_note text) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_company uuid;
  v_event public.events%rowtype;
  v_row public.event_companies%rowtype;
  v_inserted boolean;
  v_jobs uuid[];
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_event is null or p_job_ids is null or cardinality(p_job_ids) = 0 or cardinality(p_job_ids) > 50
     or array_position(p_job_ids, null) is not null
     or (p_note is not null and length(p_note) > 500) then
    raise exception 'apply_to_fair: the event and 1-50 job ids are required; the note is at most 500 characters'
      using errcode = '22023';
  end if;
  if app.my_role() is distinct from 'employer' or app.my_company() is null then
    return jsonb_build_object('outcome', 'forbidden');
  end if;
  -- the employer's order, each job once
  v_jobs := array(select u.j from unnest(p_job_ids) with ordinality u (j, n) group by u.j order by min(u.n));
  v_company := app.my_verified_company();
  if v_company is null then
    return jsonb_build_object('outcome', 'company_unverified');
  end if;
  select * into v_event from public.events where id = p_event;
  if not found or v_event.status = 'draft' then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_event.kind <> 'fair' then
    return jsonb_build_object('outcome', 'not_fair');
  end if;
  if v_event.status = 'cancelled' or v_event.ends_at <= now() then
    return jsonb_build_object('outcome', 'not_open');
  end if;
  if (select count(*) from public.jobs j
      where j.id = any (p_job_ids) and j.company_id = v_company and j.status = 'published'
        and j.deadline >= (now() at time zone 'Asia/Shanghai')::date)
     <> cardinality(v_jobs) then
    return jsonb_build_object('outcome', 'bad_jobs');
  end if;

  insert into public.event_companies (event_id, company_id, job_ids, note, applied_by)
    values (p_event, v_company, v_jobs, nullif(btrim(p_note), ''), v_user)
    on conflict (event_id, company_id) do nothing
    returning true into v_inserted;
  if v_inserted then
    return jsonb_build_object('outcome', 'applied');
  end if;
  select * into v_row from public.event_companies where event_id = p_event and company_id = v_company for update;
  if v_row.status = 'approved' then
    return jsonb_build_object('outcome', 'already_approved');
  end if;
  update public.event_companies
    set job_ids = v_jobs, note = nullif(btrim(p_note), ''),
        status = 'pending', booth = null, reject_reason = null,
        applied_by = case when v_row.status = 'pending' then applied_by else v_user end,
        applied_at = case when v_row.status = 'pending' then applied_at else now() end,
        decided_by = case when v_row.status = 'pending' then decided_by end,
        decided_at = case when v_row.status = 'pending' then decided_at end
    where event_id = p_event and company_id = v_company;
  return jsonb_build_object('outcome', case when v_row.status = 'pending' then 'updated' else 'applied' end);
end
$$;

create or replace function app.withdraw_fair_application(p_event uuid, p_company uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_row public.event_companies%rowtype;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_event is null or p_company is null then
    raise exception 'withdraw_fair_application: the event and the company are required' using errcode = '22023';
  end if;
  if app.my_role() is distinct from 'employer' or app.my_company() is distinct from p_company then
    return jsonb_build_object('outcome', 'forbidden');
  end if;
  select * into v_row from public.event_companies where event_id = p_event and company_id = p_company for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_row.status not in ('pending', 'approved') then
    return jsonb_build_object('outcome', 'not_pending');
  end if;
  update public.event_companies set status = 'withdrawn', booth = null
    where event_id = p_event and company_id = p_company;
  return jsonb_build_object('outcome', 'withdrawn');
end
$$;

create or replace function app.decide_fair_application(
  p_event uuid, p_company uuid, p_decision text, p_booth text, p_reason text
) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_booth text := nullif(btrim(p_booth), '');
  v_reason text := nullif(btrim(p_reason), '');
  v_row public.event_companies%rowtype;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_event is null or p_company is null or p_decision is null or p_decision not in ('approve', 'reject')
     or (p_decision = 'approve' and (v_booth is null or length(v_booth) > 20))
     or (p_decision = 'reject' and (v_reason is null or length(v_reason) > 200)) then
    raise exception 'decide_fair_application: approve needs a booth (1-20 chars), reject a reason (1-200 chars)'
      using errcode = '22023';
  end if;
  if app.my_role() is distinct from 'school_staff' then
    return jsonb_build_object('outcome', 'forbidden');
  end if;
  if not exists (select 1 from public.events e where e.id = p_event and e.school_id = app.my_school()) then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  select * into v_row from public.event_companies where event_id = p_event and company_id = p_company for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if p_decision = 'reject' then
    if v_row.status <> 'pending' then
      return jsonb_build_object('outcome', 'not_pending');
    end if;
    update public.event_companies
      set status = 'rejected', reject_reason = v_reason, booth = null, decided_by = v_user, decided_at = now()
      where event_id = p_event and company_id = p_company;
    return jsonb_build_object('outcome', 'rejected');
  end if;
  if v_row.status not in ('pending', 'approved') then
    return jsonb_build_object('outcome', 'not_pending');
  end if;
  begin
    update public.event_companies
      set status = 'approved', booth = v_booth, reject_reason = null, decided_by = v_user, decided_at = now()
      where event_id = p_event and company_id = p_company;
  exception when unique_violation then
    -- event_companies_booth_key: another approved employer has this booth
    return jsonb_build_object('outcome', 'booth_taken');
  end;
  return jsonb_build_object('outcome', 'approved');
end
$$;

-- ================================================================ registration and tickets
create or replace function app.register_event(p_event_id uuid, p_ticket_id uuid, p_public_key bytea) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_name text;
  v_school text;
  v_event public.events%rowtype;
  v_held uuid;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_event_id is null or p_ticket_id is null or p_public_key is null or octet_length(p_public_key) <> 32 then
    raise exception 'register_event: the event, the ticket id and a 32-byte public key are required'
      using errcode = '22023';
  end if;
  -- one user's registrations take turns (a double tap), without blocking other users; FOR NO KEY
  -- UPDATE does not conflict with the key share the ticket's foreign key takes
  select left(u.display_name, 50), left(s.name, 100) into v_name, v_school
    from public.app_users u left join public.schools s on s.id = u.school_id
    where u.id = v_user and u.role = 'student' and u.disabled_at is null
    for no key update of u;
  if not found then
    return jsonb_build_object('outcome', 'not_student');
  end if;
  select * into v_event from public.events where id = p_event_id;
  if not found or v_event.status = 'draft' then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  select t.id into v_held from public.tickets t
    where t.event_id = p_event_id and t.user_id = v_user and t.status = 'active';
  if found then
    return jsonb_build_object('outcome', 'already_registered', 'ticket_id', v_held);
  end if;
  if v_event.status = 'cancelled' or v_event.mode = 'online' then
    return jsonb_build_object('outcome', 'not_open');
  end if;

  -- THE capacity statement: one guarded update of the event row
  update public.events set registered_count = registered_count + 1
    where id = p_event_id and status = 'published'
      and now() < coalesce(registration_closes_at, starts_at)
      and (capacity is null or registered_count < capacity)
    returning * into v_event;
  if not found then
    -- why not: read the row as the statement left it (it waited for the lock if it had to)
    select * into v_event from public.events where id = p_event_id;
    return jsonb_build_object('outcome', case
      when v_event.status = 'cancelled' then 'not_open'
      when now() >= coalesce(v_event.registration_closes_at, v_event.starts_at) then 'closed'
      else 'full' end);
  end if;
  insert into public.tickets (id, event_id, user_id, public_key, holder_name, holder_school)
    values (p_ticket_id, p_event_id, v_user, p_public_key, v_name, v_school);
  return jsonb_build_object('outcome', 'registered', 'ticket_id', p_ticket_id);
end
$$;

create or replace function app.cancel_ticket(p_ticket_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_ticket public.tickets%rowtype;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_ticket_id is null then
    raise exception 'cancel_ticket: the ticket is required' using errcode = '22023';
  end if;
  select * into v_ticket from public.tickets where id = p_ticket_id and user_id = v_user;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  -- lock order as app.cancel_event's: the event row, then the ticket
  perform 1 from public.events where id = v_ticket.event_id for no key update;
  select * into v_ticket from public.tickets where id = p_ticket_id for update;
  if v_ticket.status = 'cancelled' then
    return jsonb_build_object('outcome', 'already_cancelled');
  end if;
  if exists (select 1 from public.events e where e.id = v_ticket.event_id and e.starts_at <= now())
     or exists (select 1 from public.checkins c where c.ticket_id = p_ticket_id and c.outcome = 'ok') then
    return jsonb_build_object('outcome', 'started');
  end if;
  update public.tickets set status = 'cancelled', cancelled_at = now() where id = p_ticket_id;
  update public.events set registered_count = registered_count - 1 where id = v_ticket.event_id;
  return jsonb_build_object('outcome', 'cancelled');
end
$$;

create or replace function app.ticket_checked_in_at(p_ticket uuid) returns timestamptz
  language plpgsql stable security definer set search_path = ''
  as $$
declare
  v_at timestamptz;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_ticket is null then
    raise exception 'ticket_checked_in_at: the ticket is required' using errcode = '22023';
  end if;
  select c.scanned_at into v_at
    from public.tickets t join public.events e on e.id = t.event_id
    join public.checkins c on c.ticket_id = t.id and c.outcome = 'ok'
    where t.id = p_ticket
      and (t.user_id = auth.uid()
           or (e.school_id = app.my_school() and app.my_role() = 'school_staff'));
  return v_at;
end
$$;

revoke all on function app.publish_event(uuid), app.cancel_event(uuid),
  app.apply_to_fair(uuid, uuid[], text), app.withdraw_fair_application(uuid, uuid),
  app.decide_fair_application(uuid, uuid, text, text, text),
  app.register_event(uuid, uuid, bytea), app.cancel_ticket(uuid), app.ticket_checked_in_at(uuid)
  from public, anon;
grant execute on function app.publish_event(uuid), app.cancel_event(uuid),
  app.apply_to_fair(uuid, uuid[], text), app.withdraw_fair_application(uuid, uuid),
  app.decide_fair_application(uuid, uuid, text, text, text),
  app.register_event(uuid, uuid, bytea), app.cancel_ticket(uuid), app.ticket_checked_in_at(uuid)
  to authenticated;
