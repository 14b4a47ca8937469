-- Hardening (issue 9): the database is the one boundary. A user's own access token is valid on
-- Supabase's Data API too, so every rule that protects data or moves a state is SQL here: the
-- functions a user may call live in `app` (not exposed by the Data API), refuse NULL and empty
-- arguments, compare with `is distinct from`, and check the caller inside; no user role keeps an
-- UPDATE grant on any status or reviewer column. Idempotent; runs as Supabase's non-superuser
-- `postgres`; touches neither `auth` nor `storage`.
--
-- Functions (all `security definer set search_path = ''`, executable by `authenticated` only,
-- never by `anon`/PUBLIC). "raises 42501" = no caller (claims without `sub`); "raises 22023" =
-- a NULL/empty/ill-formed argument; either way nothing changes. Otherwise they return outcomes:
--
-- app.bind_roster(p_school uuid, p_student_number text, p_name text, p_id_card_hash text,
--                 p_degree_level text, p_graduation_year int, p_client text) returns jsonb
--   Who: any student (the match decides). Required: school, number, name, hash, client (1–100
--   chars); degree/year NULL = not given, a degree outside the vocabulary raises 22023.
--   Outcomes ({outcome, …}): bound {roster_entry_id} · not_matched {remaining} (school + number +
--   name do not all match: names no field) · mismatch {field: id_card|degree_level|
--   graduation_year, remaining} · rate_limited {scope: user|record, retry_after_seconds} ·
--   already_bound · self_already_bound · not_student · identity_in_use {conflict: roster_bound|
--   review_approved} (another account is verified with this ID number).
-- app.unbind_roster(p_entry uuid) returns boolean
--   Who: the bound student, or staff covering the record (another caller: raises 42501).
--   true = unbound; false = no such record or not bound.
-- app.submit_binding_review(p_school uuid, p_graduated_from text, p_name text, p_degree_level text,
--                 p_graduation_year int, p_major text, p_id_card_hash text, p_id_card_masked text,
--                 p_id_card_cipher text, p_note text) returns jsonb
--   Who: a student with no school and not verified. school and note may be NULL.
--   Outcomes: submitted {review_id} · not_student · already_verified · pending_exists ·
--   identity_in_use {conflict: roster_bound|review_approved}.
-- app.withdraw_binding_review(p_review uuid) returns jsonb
--   Who: the applicant. Outcomes: withdrawn · not_found (not the caller's) · not_pending.
-- app.decide_binding_review(p_review uuid, p_decision text, p_reason text) returns jsonb
--   Who: platform admins (any review), school-level staff of the review's school; never the
--   applicant. p_decision 'approve' | 'reject'; a rejection needs a reason (else 22023).
--   Outcomes: decided {status} · not_found (no such review, or not the caller's to see) ·
--   forbidden (the applicant themself) · not_pending · identity_in_use {conflict} (approval only).
-- app.verify_company(p_company uuid, p_verified boolean) returns jsonb
--   Who: platform admins. Outcomes: updated {verified} · not_found · forbidden.
-- app.set_avatar(p_key text) returns text
--   Who: students. p_key must be '<caller id>/<uuid>.png|jpg' (else 22023; non-students 42501).
--   Returns the previous key (NULL if none).
-- app.reveal_my_id_card() returns text
--   Who: anyone signed in. The cipher of the caller's own bound roster record, else NULL.
-- app.delete_my_account() returns jsonb
--   Who: students. Outcomes: deleted {avatar_path} · not_student · not_found (no active account).
--
-- Internal (no user may execute them): app.identity_conflict(text, uuid), app.lock_identity(text),
-- and the trigger functions app.roster_keep_bound_identity(), app.apply_binding_review(),
-- app.unbind_before_user_delete().

-- ================================================================ binding attempts
-- The client address counts record-lock failures per (record, address), so a stranger cannot lock
-- a student out from their own address. The outcome vocabulary is the API's (src/contracts/
-- binding.ts): an unknown number and a wrong name are both `not_matched`; failed_field keeps which,
-- for the school, and users no longer read attempts at all (their own rows would tell them).
alter table public.binding_attempts add column if not exists client_addr text;
alter table public.binding_attempts drop constraint if exists binding_attempts_client_addr_check;
alter table public.binding_attempts add constraint binding_attempts_client_addr_check
  check (length(client_addr) between 1 and 100);
alter table public.binding_attempts drop constraint if exists binding_attempts_outcome_check;
update public.binding_attempts set outcome = 'not_matched' where outcome = 'not_found';
update public.binding_attempts set outcome = 'not_matched' where outcome = 'mismatch' and failed_field = 'name';
alter table public.binding_attempts add constraint binding_attempts_outcome_check check (
  outcome in ('bound', 'not_matched', 'mismatch', 'already_bound', 'identity_in_use', 'rate_limited'));
alter table public.binding_attempts drop constraint if exists binding_attempts_failed_field_check;
alter table public.binding_attempts add constraint binding_attempts_failed_field_check check (
  failed_field in ('student_number', 'name', 'id_card', 'degree_level', 'graduation_year'));
-- A deleted account's failures keep counting against the record and the address (deleting the
-- account and logging in again with the same WeChat would otherwise reset every limit).
alter table public.binding_attempts alter column user_id drop not null;
alter table public.binding_attempts drop constraint if exists binding_attempts_user_id_fkey;
alter table public.binding_attempts add constraint binding_attempts_user_id_fkey
  foreign key (user_id) references public.app_users (id) on delete set null;
create index if not exists binding_attempts_entry_client_idx
  on public.binding_attempts (roster_entry_id, client_addr, created_at desc);

-- Replaces binding_attempts_read (20261125000200): the `user_id = auth.uid()` branch is gone.
drop policy if exists binding_attempts_read on public.binding_attempts;
create policy binding_attempts_read on public.binding_attempts for select to authenticated
  using (
    (select app.my_role()) = 'platform_admin'
    or (school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff'
        and ((select app.my_college()) is null
             or app.staff_covers(school_id, (
               select r.college from public.roster_entries r where r.id = binding_attempts.roster_entry_id))))
  );
-- the address is personal data kept for the limits only
revoke select on public.binding_attempts from authenticated;
grant select (id, user_id, school_id, roster_entry_id, outcome, failed_field, created_at)
  on public.binding_attempts to authenticated;

-- ================================================================ one person, one verified account
-- Which other account already holds this ID number: a bound roster record, or an approved review.
create or replace function app.identity_conflict(p_hash text, p_user uuid) returns text
  language sql stable set search_path = ''
  as $$
    select case
      when exists (select 1 from public.roster_entries r
                   where r.id_card_hash = p_hash and r.bound_user_id is not null
                     and r.bound_user_id is distinct from p_user) then 'roster_bound'
      when exists (select 1 from public.binding_reviews b
                   where b.id_card_hash = p_hash and b.status = 'approved'
                     and b.user_id is distinct from p_user) then 'review_approved'
    end
  $$;
-- Binding, submitting and approving one ID number take turns, so the check above and the write
-- that follows it cannot interleave with another account's. Lock order everywhere: the user row,
-- the roster row, then this lock. The user row is locked FOR NO KEY UPDATE: it serialises one
-- user's requests without conflicting with the FOR KEY SHARE that inserting a row referencing the
-- user takes (an idempotency key, an attempt), which FOR UPDATE would turn into deadlocks.
create or replace function app.lock_identity(p_hash text) returns void
  language sql volatile set search_path = ''
  as $$ select pg_advisory_xact_lock(hashtextextended('jiuye.identity:' || p_hash, 0)) $$;
revoke all on function app.identity_conflict(text, uuid), app.lock_identity(text)
  from public, anon, authenticated;
create index if not exists binding_reviews_approved_hash_idx
  on public.binding_reviews (id_card_hash) where status = 'approved';

-- ================================================================ binding (moved from public)
drop function if exists public.bind_roster(uuid, text, text, text, text, int);
drop function if exists public.unbind_roster(uuid);

-- One transaction: limits, the match, the bind and the record of the attempt. Limits: 5 failures
-- per student per 15 minutes; per record, 10 ID-stage failures per client address per hour and 50
-- from all addresses (a ceiling on distributed guessing; reaching it needs several accounts and
-- addresses that already know the name and number). A wrong name never counts against the record.
create or replace function app.bind_roster(
  p_school uuid, p_student_number text, p_name text, p_id_card_hash text,
  p_degree_level text, p_graduation_year int, p_client text
) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_entry public.roster_entries%rowtype;
  v_found boolean;
  v_failures int;
  v_retry int;
  v_client_failures int;
  v_client_retry int;
  v_all_failures int;
  v_all_retry int;
  v_field text;
  v_conflict text;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_school is null or nullif(btrim(p_student_number), '') is null or nullif(btrim(p_name), '') is null
     or nullif(btrim(p_id_card_hash), '') is null or nullif(btrim(p_client), '') is null
     or length(p_client) > 100
     or (p_degree_level is not null
         and p_degree_level not in ('junior_college', 'bachelor', 'master', 'doctor')) then
    raise exception 'bind_roster: school, student number, name, ID hash and client address are required'
      using errcode = '22023';
  end if;
  perform 1 from public.app_users where id = v_user and role = 'student' and disabled_at is null for no key update;
  if not found then
    return jsonb_build_object('outcome', 'not_student');
  end if;
  if exists (select 1 from public.roster_entries where bound_user_id = v_user) then
    return jsonb_build_object('outcome', 'self_already_bound');
  end if;

  select count(*), ceil(extract(epoch from (min(created_at) + interval '15 minutes' - now())))
    into v_failures, v_retry
    from public.binding_attempts
    where user_id = v_user and outcome in ('not_matched', 'mismatch')
      and created_at > now() - interval '15 minutes';
  if v_failures >= 5 then
    insert into public.binding_attempts (user_id, school_id, outcome, client_addr)
      values (v_user, p_school, 'rate_limited', p_client);
    return jsonb_build_object('outcome', 'rate_limited', 'scope', 'user',
                              'retry_after_seconds', greatest(v_retry, 1));
  end if;

  select * into v_entry from public.roster_entries
    where school_id = p_school and student_number = p_student_number
    for update;
  v_found := found;
  if not v_found or v_entry.name is distinct from p_name then
    insert into public.binding_attempts (user_id, school_id, roster_entry_id, outcome, failed_field, client_addr)
      values (v_user, p_school, v_entry.id, 'not_matched',
              case when v_found then 'name' else 'student_number' end, p_client);
    return jsonb_build_object('outcome', 'not_matched', 'remaining', greatest(4 - v_failures, 0));
  end if;

  select count(*) filter (where client_addr = p_client),
         ceil(extract(epoch from (min(created_at) filter (where client_addr = p_client)
                                  + interval '1 hour' - now()))),
         count(*),
         ceil(extract(epoch from (min(created_at) + interval '1 hour' - now())))
    into v_client_failures, v_client_retry, v_all_failures, v_all_retry
    from public.binding_attempts
    where roster_entry_id = v_entry.id and outcome = 'mismatch' and created_at > now() - interval '1 hour';
  if v_all_failures >= 50 or v_client_failures >= 10 then
    insert into public.binding_attempts (user_id, school_id, roster_entry_id, outcome, client_addr)
      values (v_user, p_school, v_entry.id, 'rate_limited', p_client);
    return jsonb_build_object('outcome', 'rate_limited', 'scope', 'record', 'retry_after_seconds',
      greatest(case when v_all_failures >= 50 then v_all_retry else v_client_retry end, 1));
  end if;

  v_field := case
    when v_entry.id_card_hash is distinct from p_id_card_hash then 'id_card'
    when p_degree_level is not null and v_entry.degree_level is distinct from p_degree_level then 'degree_level'
    when p_graduation_year is not null and v_entry.graduation_year is distinct from p_graduation_year
      then 'graduation_year'
  end;
  if v_field is not null then
    insert into public.binding_attempts (user_id, school_id, roster_entry_id, outcome, failed_field, client_addr)
      values (v_user, p_school, v_entry.id, 'mismatch', v_field, p_client);
    return jsonb_build_object('outcome', 'mismatch', 'field', v_field, 'remaining', greatest(4 - v_failures, 0));
  end if;

  if v_entry.bound_user_id is not null then
    insert into public.binding_attempts (user_id, school_id, roster_entry_id, outcome, client_addr)
      values (v_user, p_school, v_entry.id, 'already_bound', p_client);
    return jsonb_build_object('outcome', 'already_bound');
  end if;

  perform app.lock_identity(v_entry.id_card_hash);
  v_conflict := app.identity_conflict(v_entry.id_card_hash, v_user);
  if v_conflict is not null then
    insert into public.binding_attempts (user_id, school_id, roster_entry_id, outcome, client_addr)
      values (v_user, p_school, v_entry.id, 'identity_in_use', p_client);
    return jsonb_build_object('outcome', 'identity_in_use', 'conflict', v_conflict);
  end if;

  update public.roster_entries set bound_user_id = v_user, bound_at = now() where id = v_entry.id;
  update public.app_users set school_id = v_entry.school_id, display_name = v_entry.name, verified_at = now()
    where id = v_user;
  insert into public.binding_attempts (user_id, school_id, roster_entry_id, outcome, client_addr)
    values (v_user, p_school, v_entry.id, 'bound', p_client);
  return jsonb_build_object('outcome', 'bound', 'roster_entry_id', v_entry.id);
end
$$;

-- The bound student themself, or staff covering the record (the old WeChat account is lost).
create or replace function app.unbind_roster(p_entry uuid) returns boolean
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_entry public.roster_entries%rowtype;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_entry is null then
    raise exception 'unbind_roster: the record is required' using errcode = '22023';
  end if;
  select * into v_entry from public.roster_entries where id = p_entry for update;
  if not found or v_entry.bound_user_id is null then
    return false;
  end if;
  if v_entry.bound_user_id is distinct from v_user
     and not coalesce(app.staff_covers(v_entry.school_id, v_entry.college), false) then
    raise exception 'not allowed to unbind this record' using errcode = '42501';
  end if;
  update public.roster_entries set bound_user_id = null, bound_at = null where id = p_entry;
  update public.app_users set school_id = null, verified_at = null where id = v_entry.bound_user_id;
  return true;
end
$$;

-- ================================================================ roster: a bound student's identity
-- Replaces the 20261125000100 body: also id_card_masked, id_card_cipher and identity_digest.
create or replace function app.roster_keep_bound_identity() returns trigger
  language plpgsql set search_path = ''
  as $$
  begin
    if old.bound_user_id is not null and new.bound_user_id is not distinct from old.bound_user_id
       and (new.name is distinct from old.name
            or new.id_card_hash is distinct from old.id_card_hash
            or new.id_card_masked is distinct from old.id_card_masked
            or new.id_card_cipher is distinct from old.id_card_cipher
            or new.identity_digest is distinct from old.identity_digest) then
      raise exception 'roster entry % is bound: its name and ID number cannot change', old.id
        using errcode = '23514', constraint = 'roster_bound_identity';
    end if;
    return new;
  end
  $$;

-- ================================================================ manual review
-- Submitting, withdrawing and deciding are functions; users keep SELECT only.
drop policy if exists binding_reviews_apply on public.binding_reviews;
drop policy if exists binding_reviews_withdraw on public.binding_reviews;
drop policy if exists binding_reviews_decide on public.binding_reviews;
revoke insert, update on public.binding_reviews from authenticated;

alter table public.binding_reviews drop constraint if exists binding_reviews_reviewed_by_fkey;
alter table public.binding_reviews add constraint binding_reviews_reviewed_by_fkey
  foreign key (reviewed_by) references public.app_users (id) on delete set null;

create or replace function app.submit_binding_review(
  p_school uuid, p_graduated_from text, p_name text, p_degree_level text, p_graduation_year int,
  p_major text, p_id_card_hash text, p_id_card_masked text, p_id_card_cipher text, p_note text
) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_me public.app_users%rowtype;
  v_conflict text;
  v_id uuid;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if nullif(btrim(p_graduated_from), '') is null or nullif(btrim(p_name), '') is null
     or p_degree_level is null or p_graduation_year is null or nullif(btrim(p_major), '') is null
     or nullif(btrim(p_id_card_hash), '') is null or nullif(btrim(p_id_card_masked), '') is null
     or nullif(btrim(p_id_card_cipher), '') is null then
    raise exception 'submit_binding_review: every field but school and note is required' using errcode = '22023';
  end if;
  select * into v_me from public.app_users where id = v_user and disabled_at is null for no key update;
  if not found or v_me.role is distinct from 'student' then
    return jsonb_build_object('outcome', 'not_student');
  end if;
  if v_me.school_id is not null or v_me.verified_at is not null then
    return jsonb_build_object('outcome', 'already_verified');
  end if;
  if exists (select 1 from public.binding_reviews where user_id = v_user and status = 'pending') then
    return jsonb_build_object('outcome', 'pending_exists');
  end if;
  perform app.lock_identity(p_id_card_hash);
  v_conflict := app.identity_conflict(p_id_card_hash, v_user);
  if v_conflict is not null then
    return jsonb_build_object('outcome', 'identity_in_use', 'conflict', v_conflict);
  end if;
  insert into public.binding_reviews (user_id, school_id, graduated_from, name, degree_level, graduation_year,
      major, id_card_hash, id_card_masked, id_card_cipher, note)
    values (v_user, p_school, p_graduated_from, p_name, p_degree_level, p_graduation_year, p_major,
      p_id_card_hash, p_id_card_masked, p_id_card_cipher, nullif(btrim(p_note), ''))
    returning id into v_id;
  return jsonb_build_object('outcome', 'submitted', 'review_id', v_id);
end
$$;

create or replace function app.withdraw_binding_review(p_review uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_status text;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_review is null then
    raise exception 'withdraw_binding_review: the review is required' using errcode = '22023';
  end if;
  select status into v_status from public.binding_reviews where id = p_review and user_id = v_user for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_status is distinct from 'pending' then
    return jsonb_build_object('outcome', 'not_pending');
  end if;
  update public.binding_reviews set status = 'withdrawn' where id = p_review;
  return jsonb_build_object('outcome', 'withdrawn');
end
$$;

create or replace function app.decide_binding_review(p_review uuid, p_decision text, p_reason text)
  returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_review public.binding_reviews%rowtype;
  v_reviewer boolean;
  v_conflict text;
  v_status text;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_review is null or p_decision is null or p_decision not in ('approve', 'reject')
     or (p_decision = 'reject' and nullif(btrim(p_reason), '') is null) then
    raise exception 'decide_binding_review: review, decision (approve|reject) and a rejection''s reason are required'
      using errcode = '22023';
  end if;
  select * into v_review from public.binding_reviews where id = p_review for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  v_reviewer := v_review.user_id is distinct from v_user and (
    app.my_role() is not distinct from 'platform_admin'
    or (app.my_role() is not distinct from 'school_staff' and app.my_college() is null
        and v_review.school_id is not null and v_review.school_id is not distinct from app.my_school()));
  if not v_reviewer then
    return jsonb_build_object('outcome',
      case when v_review.user_id is not distinct from v_user then 'forbidden' else 'not_found' end);
  end if;
  if v_review.status is distinct from 'pending' then
    return jsonb_build_object('outcome', 'not_pending');
  end if;
  v_status := case when p_decision = 'approve' then 'approved' else 'rejected' end;
  if v_status = 'approved' then
    perform 1 from public.app_users where id = v_review.user_id for no key update;
    perform app.lock_identity(v_review.id_card_hash);
    v_conflict := app.identity_conflict(v_review.id_card_hash, v_review.user_id);
    if v_conflict is not null then
      return jsonb_build_object('outcome', 'identity_in_use', 'conflict', v_conflict);
    end if;
  end if;
  update public.binding_reviews
    set status = v_status, reason = nullif(btrim(p_reason), ''), reviewed_by = v_user, reviewed_at = now()
    where id = p_review;
  return jsonb_build_object('outcome', 'decided', 'status', v_status);
end
$$;

-- Replaces the 20261124000410 body: the approval's effect also refuses a second verified account
-- for one ID number, whoever writes the approval (the system path included).
create or replace function app.apply_binding_review() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
begin
  if new.status = 'approved' and old.status is distinct from 'approved' then
    perform app.lock_identity(new.id_card_hash);
    if app.identity_conflict(new.id_card_hash, new.user_id) is not null then
      raise exception 'review %: another account is verified with this ID number', new.id
        using errcode = '23505', constraint = 'binding_reviews_one_identity';
    end if;
    update public.app_users
      set verified_at = now(),
          display_name = new.name,
          school_id = coalesce(school_id, new.school_id)
      where id = new.user_id and role = 'student';
  end if;
  return new;
end
$$;

-- ================================================================ company verification
drop policy if exists companies_admin_verify on public.companies;
revoke update on public.companies from authenticated;
alter table public.companies drop constraint if exists companies_verified_by_fkey;
alter table public.companies add constraint companies_verified_by_fkey
  foreign key (verified_by) references public.app_users (id) on delete set null;

create or replace function app.verify_company(p_company uuid, p_verified boolean) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_company is null or p_verified is null then
    raise exception 'verify_company: company and verified are required' using errcode = '22023';
  end if;
  if app.my_role() is distinct from 'platform_admin' then
    return jsonb_build_object('outcome', 'forbidden');
  end if;
  update public.companies
    set verified = p_verified,
        verified_at = case when p_verified then now() end,
        verified_by = case when p_verified then v_user end
    where id = p_company;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  return jsonb_build_object('outcome', 'updated', 'verified', p_verified);
end
$$;

-- ================================================================ student profile and avatar
-- avatar_path appears in every signed URL and names the file the next upload deletes: only
-- app.set_avatar writes it, and a CHECK keeps it under its own user's prefix whoever writes.
-- A path outside its owner's prefix can only have been planted, so it is cleared.
update public.student_profiles set avatar_path = null
  where avatar_path is not null and not starts_with(avatar_path, user_id::text || '/');
alter table public.student_profiles drop constraint if exists student_profiles_avatar_own_prefix;
alter table public.student_profiles add constraint student_profiles_avatar_own_prefix
  check (avatar_path is null or starts_with(avatar_path, user_id::text || '/'));
revoke insert, update on public.student_profiles from authenticated;
grant insert (user_id, phone, email, hometown, intro, updated_at) on public.student_profiles to authenticated;
grant update (phone, email, hometown, intro, updated_at) on public.student_profiles to authenticated;

create or replace function app.set_avatar(p_key text) returns text
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_previous text;
begin
  if v_user is null or app.my_role() is distinct from 'student' then
    raise exception 'only a signed-in student has an avatar' using errcode = '42501';
  end if;
  if p_key is null or p_key !~ ('^' || v_user::text
       || '/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg)$') then
    raise exception 'set_avatar: the key must be <own id>/<uuid>.png|jpg' using errcode = '22023';
  end if;
  select avatar_path into v_previous from public.student_profiles where user_id = v_user for update;
  insert into public.student_profiles (user_id, avatar_path) values (v_user, p_key)
    on conflict (user_id) do update set avatar_path = excluded.avatar_path, updated_at = now();
  return v_previous;
end
$$;

-- ================================================================ the owner's full ID number
-- One statement in the caller's own transaction (no second, service connection per request).
create or replace function app.reveal_my_id_card() returns text
  language plpgsql stable security definer set search_path = ''
  as $$
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  return (select r.id_card_cipher from public.roster_entries r where r.bound_user_id = auth.uid());
end
$$;

-- ================================================================ account deletion
-- Deleting a bound user used to fail (`on delete set null` clears bound_user_id but not bound_at,
-- and roster_bound_pair refuses that): a delete by anyone, the system included, unbinds first.
-- The roster record stays (it is the school's); the user's reviews, messages, profile, sessions
-- and WeChat identity go with the user (cascade); binding attempts stay, without the user.
create or replace function app.unbind_before_user_delete() returns trigger
  language plpgsql set search_path = ''
  as $$
begin
  update public.roster_entries set bound_user_id = null, bound_at = null where bound_user_id = old.id;
  return old;
end
$$;
drop trigger if exists app_users_unbind_before_delete on public.app_users;
create trigger app_users_unbind_before_delete before delete on public.app_users
  for each row execute function app.unbind_before_user_delete();

-- Students delete their own account; staff, employer and admin accounts are the platform's to end.
create or replace function app.delete_my_account() returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_role text;
  v_avatar text;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  select role into v_role from public.app_users where id = v_user and disabled_at is null for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_role is distinct from 'student' then
    return jsonb_build_object('outcome', 'not_student');
  end if;
  select avatar_path into v_avatar from public.student_profiles where user_id = v_user;
  delete from public.app_users where id = v_user;
  return jsonb_build_object('outcome', 'deleted', 'avatar_path', v_avatar);
end
$$;

-- ================================================================ grants
revoke all on function
  app.bind_roster(uuid, text, text, text, text, int, text),
  app.unbind_roster(uuid),
  app.submit_binding_review(uuid, text, text, text, int, text, text, text, text, text),
  app.withdraw_binding_review(uuid),
  app.decide_binding_review(uuid, text, text),
  app.verify_company(uuid, boolean),
  app.set_avatar(text),
  app.reveal_my_id_card(),
  app.delete_my_account()
  from public, anon;
grant execute on function
  app.bind_roster(uuid, text, text, text, text, int, text),
  app.unbind_roster(uuid),
  app.submit_binding_review(uuid, text, text, text, int, text, text, text, text, text),
  app.withdraw_binding_review(uuid),
  app.decide_binding_review(uuid, text, text),
  app.verify_company(uuid, boolean),
  app.set_avatar(text),
  app.reveal_my_id_card(),
  app.delete_my_account()
  to authenticated;

-- The audit of the earlier functions: they compare with `=` against auth.uid(), which fails
-- closed (NULL matches no row), and live in `app` already. Their grants named only PUBLIC; anon
-- never calls them (its policies use none), so it loses them explicitly, as do trigger functions.
revoke all on function app.my_role(), app.my_school(), app.my_college(), app.my_company(),
  app.staff_covers(uuid, text), app.roster_numbers_outside_scope(uuid, text[]) from anon;
revoke all on function app.apply_binding_review(), app.roster_keep_bound_identity(),
  app.unbind_before_user_delete() from public, anon, authenticated;
