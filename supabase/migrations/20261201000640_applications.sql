-- Jobs, part 5: applications (投递) with their resume snapshots, interviews (面试邀请) and job
-- invitations (职位邀请) — issue 11 items 5–7 and 10. The tables are the lead's (000600); here are
-- their rules. No user role may insert, update or delete any of these rows: every step is one of
-- the functions below, so the Data API cannot skip a rule. Idempotent (`create or replace`,
-- `drop … if exists` + `create`, `if not exists`); runs as Supabase's non-superuser `postgres`.
-- Needs 000630 (resumes.completeness, app.resume_missing) at run time of app.apply.
--
-- States (docs/flows/applications.md):
--   application  submitted → viewed → interview → hired | unsuitable; submitted|viewed|interview →
--                unsuitable | hired; submitted → withdrawn (the student). Each step stamps its time;
--                unsuitable/hired also stamp viewed_at if it was never set.
--   interview    invited → accepted | declined (student, before starts_at) ; invited|accepted →
--                cancelled (employer) ; accepted → done with a result once starts_at has come;
--                done with 待定 (pending) may be recorded again as passed | failed, which are final.
--   job invite   pending → applied (app.apply to that job) | declined (student).
--
-- Columns and checks added here:
--   job_invites.student_name  the invited student's name when invited (employers may not read
--                             app_users, and the sent list shows whom they invited)
--   messages_kind_check       + job_invitation, application_update (MessageKind in src/contracts/messages.ts)
--
-- Functions (all `security definer set search_path = ''`, executable by `authenticated` only).
-- "raises 42501" = no caller (claims without `sub`); "raises 22023" = a NULL, empty or ill-formed
-- argument; either way nothing changes. Otherwise they return outcomes ({outcome, …}), the zod
-- unions in src/contracts/{applications,interviews,job-invites}.ts:
--
-- app.apply(p_job uuid, p_resume uuid, p_attachment uuid) returns jsonb
--   Who: students (active). p_attachment may be NULL. Race-safe: the partial unique index
--   applications_one_live decides between simultaneous calls (insert … on conflict do nothing).
--   Outcomes: applied {application_id} · already_applied {application_id} (a live application to
--   this job exists; nothing changes) · job_not_open {reason: not_found|draft|closed|expired|
--   unverified} · resume_not_found (not the caller's online resume) · attachment_not_found (not
--   the caller's, or deleted) · incomplete {completeness, missing[]} (< 60 %; missing = the
--   MissingItem keys of app.resume_missing) · not_student.
--   Effects: the application, its snapshot (the resume's content; without personal.phone unless
--   the student's privacy_settings.phone_visible is on; the attachment's path and name), and a
--   pending job invitation to this job becomes applied.
-- app.withdraw_application(p_app uuid) returns jsonb
--   Who: the applicant. Outcomes: withdrawn · not_found · not_submitted {status}.
-- app.mark_application(p_app uuid, p_status text) returns jsonb
--   Who: members of the job's company. p_status viewed | unsuitable | hired (else 22023).
--   viewed: from submitted (opening the snapshot). unsuitable, hired: from submitted | viewed |
--   interview; unsuitable also cancels the application's open interview.
--   Outcomes: marked {status} · unchanged {status} (already there, or viewed asked of a later
--   step) · not_found (no such application, another company's, or withdrawn) · not_allowed {status}.
-- app.invite_interview(p_app uuid, p_mode text, p_address text, p_video_url text,
--                      p_starts_at timestamptz, p_contact text, p_note text) returns jsonb
--   Who: members of the job's company. Required: app, mode (onsite|video), starts_at, contact;
--   onsite needs an address, video an http(s) link (else 22023). The other place field is dropped.
--   Outcomes: invited {interview_id} (the application becomes interview) · not_found ·
--   not_allowed {status} (withdrawn, unsuitable or hired) · already_open {interview_id} ·
--   starts_in_past.
-- app.answer_interview(p_interview uuid, p_accept boolean) returns jsonb
--   Who: the invited student. Outcomes: answered {status: accepted|declined} · not_found ·
--   not_invited {status} (already answered, cancelled or done) · too_late (starts_at has come).
-- app.record_interview_result(p_interview uuid, p_result text) returns jsonb
--   Who: members of the company. p_result passed | failed | pending (else 22023). Allowed for an
--   accepted interview (or a done one whose result is pending) once starts_at has come: a result
--   is what happened at the interview, so it cannot precede it.
--   Outcomes: recorded {result} · not_found · not_accepted {status} · too_early ·
--   final {result} (passed or failed cannot change).
-- app.cancel_interview(p_interview uuid) returns jsonb
--   Who: members of the company. Outcomes: cancelled · not_found · not_open {status}.
-- app.invite_to_job(p_job uuid, p_student uuid, p_note text) returns jsonb
--   Who: employer members. The job must be their company's, published, not past its deadline, of
--   a verified company; the student must let employers find their resume
--   (privacy_settings.resume_searchable) or have applied to the company before.
--   Outcomes: invited {invite_id} · already_invited {invite_id} (whatever its status now; nothing
--   changes) · job_not_found · job_not_open {reason: draft|closed|expired|unverified} ·
--   student_not_found · already_applied (a live application to this job) · not_employer.
-- app.decline_job_invite(p_invite uuid) returns jsonb
--   Who: the invited student. Outcomes: declined · not_found · not_pending {status}.
-- app.talent_phone_visible(p_student uuid) returns boolean
--   Who: employer members. true when the student lets employers see the phone and the caller's
--   company may see the student (a searchable resume and a verified company, or an application
--   to the company); false otherwise. Raises 22023 on NULL.
--
-- Messages: every invitation and answer writes an inbox row through api/_lib/notify (in the
-- caller's transaction, as the service role). A caller that skips the API (Data API) moves the
-- state but sends no message; the push issue moves sending into an outbox these functions write.

-- ================================================================ columns and checks
alter table public.messages drop constraint if exists messages_kind_check;
alter table public.messages add constraint messages_kind_check check (kind in (
  'system', 'signing_invitation', 'interview_invitation', 'review_result', 'termination_request',
  'event_reminder', 'job_push', 'job_invitation', 'application_update'));

alter table public.job_invites add column if not exists student_name text not null default ''
  check (length(student_name) <= 50);

-- the employer's lists filter by status within the company
create index if not exists applications_company_status_idx
  on public.applications (company_id, status, submitted_at desc, id desc);
create index if not exists interviews_company_created_idx on public.interviews (company_id, created_at desc, id desc);

-- ================================================================ policies and grants
-- applications, select: the applicant; members of the job's company (not withdrawn ones: they
-- were taken back before anyone opened them); school staff the students they cover, read-only
-- (the same scope as app.staff_covers: school-level staff of the student's school, college-level
-- staff by the college of the student's bound roster record). Initplans, indexed columns.
drop policy if exists applications_read on public.applications;
create policy applications_read on public.applications for select to authenticated
  using (
    student_id = (select auth.uid())
    or (company_id = (select app.my_company()) and status <> 'withdrawn')
    or ((select app.my_role()) = 'school_staff' and exists (
      select 1 from public.app_users u
      where u.id = applications.student_id and u.role = 'student'
        and u.school_id = (select app.my_school())
        and ((select app.my_college()) is null or exists (
          select 1 from public.roster_entries r
          where r.bound_user_id = u.id and r.college = (select app.my_college())))))
  );

-- resume_snapshots, select: the student their own; members of the company the application went
-- to, while it is not withdrawn. Nobody else: a snapshot is the resume as sent to one company.
drop policy if exists resume_snapshots_read on public.resume_snapshots;
create policy resume_snapshots_read on public.resume_snapshots for select to authenticated
  using (
    student_id = (select auth.uid())
    or (company_id = (select app.my_company()) and exists (
      select 1 from public.applications a
      where a.id = resume_snapshots.application_id and a.status <> 'withdrawn'))
  );

-- interviews, select: the student; members of the company.
drop policy if exists interviews_read on public.interviews;
create policy interviews_read on public.interviews for select to authenticated
  using (student_id = (select auth.uid()) or company_id = (select app.my_company()));

-- job_invites, select: the student; members of the company.
drop policy if exists job_invites_read on public.job_invites;
create policy job_invites_read on public.job_invites for select to authenticated
  using (student_id = (select auth.uid()) or company_id = (select app.my_company()));

revoke all on public.applications, public.resume_snapshots, public.interviews, public.job_invites
  from anon, authenticated;
grant select on public.applications, public.resume_snapshots, public.interviews, public.job_invites
  to authenticated;
grant select, insert, update, delete on public.applications, public.resume_snapshots, public.interviews,
  public.job_invites to service_role;

-- ================================================================ helpers
-- Why a job takes no applications now, or NULL when it does (the rule of api/_lib/jobs/row.ts and
-- app.publish_job: expired = published with a deadline before today in Asia/Shanghai).
create or replace function app.job_closed_reason(p_job public.jobs) returns text
  language sql stable set search_path = ''
  as $$
    select case
      when p_job.status = 'draft' then 'draft'
      when p_job.status = 'closed' then 'closed'
      when p_job.deadline < (now() at time zone 'Asia/Shanghai')::date then 'expired'
      when not p_job.company_verified then 'unverified'
    end
  $$;
revoke all on function app.job_closed_reason(public.jobs) from public, anon, authenticated;

-- ================================================================ apply
create or replace function app.apply(p_job uuid, p_resume uuid, p_attachment uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_job public.jobs%rowtype;
  v_reason text;
  v_resume record;
  v_attachment public.resume_attachments%rowtype;
  v_content jsonb;
  v_id uuid;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_job is null or p_resume is null then
    raise exception 'apply: the job and the resume are required' using errcode = '22023';
  end if;
  if not exists (select 1 from public.app_users where id = v_user and role = 'student' and disabled_at is null) then
    return jsonb_build_object('outcome', 'not_student');
  end if;
  select id into v_id from public.applications
    where job_id = p_job and student_id = v_user and status <> 'withdrawn';
  if found then
    return jsonb_build_object('outcome', 'already_applied', 'application_id', v_id);
  end if;

  select * into v_job from public.jobs where id = p_job;
  if not found then
    return jsonb_build_object('outcome', 'job_not_open', 'reason', 'not_found');
  end if;
  v_reason := app.job_closed_reason(v_job);
  if v_reason is not null then
    return jsonb_build_object('outcome', 'job_not_open', 'reason', v_reason);
  end if;

  select r.id, r.lang, r.content, r.completeness into v_resume
    from public.resumes r where r.id = p_resume and r.user_id = v_user;
  if not found then
    return jsonb_build_object('outcome', 'resume_not_found');
  end if;
  if p_attachment is not null then
    -- key share: app.delete_resume_attachment (for update) waits for this apply, then sees the
    -- application and keeps the file the new snapshot points to
    select * into v_attachment from public.resume_attachments
      where id = p_attachment and user_id = v_user and deleted_at is null
      for key share;
    if not found then
      return jsonb_build_object('outcome', 'attachment_not_found');
    end if;
  end if;
  if v_resume.completeness < 60 then
    return jsonb_build_object('outcome', 'incomplete', 'completeness', v_resume.completeness,
      'missing', to_jsonb(coalesce(app.resume_missing(v_resume.content), '{}'::text[])));
  end if;

  insert into public.applications (job_id, company_id, student_id, resume_id, attachment_id)
    values (p_job, v_job.company_id, v_user, p_resume, p_attachment)
    on conflict (job_id, student_id) where status <> 'withdrawn' do nothing
    returning id into v_id;
  if v_id is null then
    -- a simultaneous call won (it has committed: the conflict waited for it)
    select id into v_id from public.applications
      where job_id = p_job and student_id = v_user and status <> 'withdrawn';
    return jsonb_build_object('outcome', 'already_applied', 'application_id', v_id);
  end if;

  -- privacy_settings.phone_visible's promise: employers do not see the number unless it is on
  v_content := v_resume.content;
  if not coalesce((select p.phone_visible from public.privacy_settings p where p.user_id = v_user), false) then
    v_content := v_content #- '{personal,phone}';
  end if;
  insert into public.resume_snapshots (application_id, company_id, student_id, lang, content, completeness,
      attachment_path, attachment_name)
    values (v_id, v_job.company_id, v_user, v_resume.lang, v_content, v_resume.completeness,
      v_attachment.storage_path, v_attachment.file_name);

  update public.job_invites set status = 'applied', answered_at = now()
    where job_id = p_job and student_id = v_user and status = 'pending';
  return jsonb_build_object('outcome', 'applied', 'application_id', v_id);
end
$$;

create or replace function app.withdraw_application(p_app uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_status text;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_app is null then
    raise exception 'withdraw_application: the application is required' using errcode = '22023';
  end if;
  select status into v_status from public.applications where id = p_app and student_id = v_user for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_status is distinct from 'submitted' then
    return jsonb_build_object('outcome', 'not_submitted', 'status', v_status);
  end if;
  update public.applications set status = 'withdrawn', withdrawn_at = now(), updated_at = now()
    where id = p_app;
  return jsonb_build_object('outcome', 'withdrawn');
end
$$;

-- ================================================================ the employer's decisions
create or replace function app.mark_application(p_app uuid, p_status text) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_company uuid := app.my_company();
  v_app public.applications%rowtype;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_app is null or p_status is null or p_status not in ('viewed', 'unsuitable', 'hired') then
    raise exception 'mark_application: the application and a status (viewed|unsuitable|hired) are required'
      using errcode = '22023';
  end if;
  select * into v_app from public.applications
    where id = p_app and company_id = v_company and status <> 'withdrawn' for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if p_status = 'viewed' then
    if v_app.status <> 'submitted' then
      return jsonb_build_object('outcome', 'unchanged', 'status', v_app.status);
    end if;
    update public.applications set status = 'viewed', viewed_at = now(), updated_at = now() where id = p_app;
    return jsonb_build_object('outcome', 'marked', 'status', 'viewed');
  end if;
  if v_app.status = p_status then
    return jsonb_build_object('outcome', 'unchanged', 'status', v_app.status);
  end if;
  if v_app.status not in ('submitted', 'viewed', 'interview') then
    return jsonb_build_object('outcome', 'not_allowed', 'status', v_app.status);
  end if;
  update public.applications
    set status = p_status,
        viewed_at = coalesce(viewed_at, now()),
        unsuitable_at = case when p_status = 'unsuitable' then now() else unsuitable_at end,
        hired_at = case when p_status = 'hired' then now() else hired_at end,
        updated_at = now()
    where id = p_app;
  if p_status = 'unsuitable' then
    update public.interviews set status = 'cancelled'
      where application_id = p_app and status in ('invited', 'accepted');
  end if;
  return jsonb_build_object('outcome', 'marked', 'status', p_status);
end
$$;

-- ================================================================ interviews
create or replace function app.invite_interview(
  p_app uuid, p_mode text, p_address text, p_video_url text, p_starts_at timestamptz, p_contact text,
  p_note text
) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_company uuid := app.my_company();
  v_app public.applications%rowtype;
  v_open uuid;
  v_id uuid;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_app is null or p_mode is null or p_mode not in ('onsite', 'video') or p_starts_at is null
     or nullif(btrim(p_contact), '') is null
     or (p_mode = 'onsite' and nullif(btrim(p_address), '') is null)
     or (p_mode = 'video' and (nullif(btrim(p_video_url), '') is null or btrim(p_video_url) !~ '^https?://\S+$')) then
    raise exception 'invite_interview: application, mode, time, contact and the place (onsite: address, video: http(s) link) are required'
      using errcode = '22023';
  end if;
  select * into v_app from public.applications
    where id = p_app and company_id = v_company and status <> 'withdrawn' for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_app.status not in ('submitted', 'viewed', 'interview') then
    return jsonb_build_object('outcome', 'not_allowed', 'status', v_app.status);
  end if;
  if p_starts_at <= now() then
    return jsonb_build_object('outcome', 'starts_in_past');
  end if;
  select id into v_open from public.interviews
    where application_id = p_app and status in ('invited', 'accepted');
  if found then
    return jsonb_build_object('outcome', 'already_open', 'interview_id', v_open);
  end if;
  insert into public.interviews (application_id, company_id, student_id, job_id, created_by, mode, address,
      video_url, starts_at, contact, note)
    values (p_app, v_app.company_id, v_app.student_id, v_app.job_id, v_user, p_mode,
      case when p_mode = 'onsite' then btrim(p_address) end,
      case when p_mode = 'video' then btrim(p_video_url) end,
      p_starts_at, btrim(p_contact), nullif(btrim(p_note), ''))
    returning id into v_id;
  update public.applications
    set status = 'interview', interview_at = now(), viewed_at = coalesce(viewed_at, now()), updated_at = now()
    where id = p_app;
  return jsonb_build_object('outcome', 'invited', 'interview_id', v_id);
end
$$;

create or replace function app.answer_interview(p_interview uuid, p_accept boolean) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_iv public.interviews%rowtype;
  v_status text;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_interview is null or p_accept is null then
    raise exception 'answer_interview: the interview and the answer are required' using errcode = '22023';
  end if;
  select * into v_iv from public.interviews where id = p_interview and student_id = v_user for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_iv.status <> 'invited' then
    return jsonb_build_object('outcome', 'not_invited', 'status', v_iv.status);
  end if;
  if now() >= v_iv.starts_at then
    return jsonb_build_object('outcome', 'too_late');
  end if;
  v_status := case when p_accept then 'accepted' else 'declined' end;
  update public.interviews set status = v_status, answered_at = now() where id = p_interview;
  return jsonb_build_object('outcome', 'answered', 'status', v_status);
end
$$;

create or replace function app.record_interview_result(p_interview uuid, p_result text) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_iv public.interviews%rowtype;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_interview is null or p_result is null or p_result not in ('passed', 'failed', 'pending') then
    raise exception 'record_interview_result: the interview and a result (passed|failed|pending) are required'
      using errcode = '22023';
  end if;
  select * into v_iv from public.interviews
    where id = p_interview and company_id = app.my_company() for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_iv.status = 'done' and v_iv.result is distinct from 'pending' then
    return jsonb_build_object('outcome', 'final', 'result', v_iv.result);
  end if;
  if v_iv.status not in ('accepted', 'done') then
    return jsonb_build_object('outcome', 'not_accepted', 'status', v_iv.status);
  end if;
  if now() < v_iv.starts_at then
    return jsonb_build_object('outcome', 'too_early');
  end if;
  update public.interviews set status = 'done', result = p_result, result_at = now() where id = p_interview;
  return jsonb_build_object('outcome', 'recorded', 'result', p_result);
end
$$;

create or replace function app.cancel_interview(p_interview uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_status text;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_interview is null then
    raise exception 'cancel_interview: the interview is required' using errcode = '22023';
  end if;
  select status into v_status from public.interviews
    where id = p_interview and company_id = app.my_company() for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_status not in ('invited', 'accepted') then
    return jsonb_build_object('outcome', 'not_open', 'status', v_status);
  end if;
  update public.interviews set status = 'cancelled' where id = p_interview;
  return jsonb_build_object('outcome', 'cancelled');
end
$$;

-- ================================================================ job invitations
create or replace function app.invite_to_job(p_job uuid, p_student uuid, p_note text) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_company uuid := app.my_company();
  v_job public.jobs%rowtype;
  v_reason text;
  v_name text;
  v_id uuid;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_job is null or p_student is null or length(p_note) > 500 then
    raise exception 'invite_to_job: the job and the student are required (a note of at most 500 characters)'
      using errcode = '22023';
  end if;
  if v_company is null or app.my_role() is distinct from 'employer' then
    return jsonb_build_object('outcome', 'not_employer');
  end if;
  select * into v_job from public.jobs where id = p_job and company_id = v_company;
  if not found then
    return jsonb_build_object('outcome', 'job_not_found');
  end if;
  v_reason := app.job_closed_reason(v_job);
  if v_reason is not null then
    return jsonb_build_object('outcome', 'job_not_open', 'reason', v_reason);
  end if;
  select u.display_name into v_name from public.app_users u
    where u.id = p_student and u.role = 'student' and u.disabled_at is null
      and (exists (select 1 from public.privacy_settings p where p.user_id = u.id and p.resume_searchable)
           or exists (select 1 from public.applications a where a.student_id = u.id and a.company_id = v_company));
  if not found then
    return jsonb_build_object('outcome', 'student_not_found');
  end if;
  select id into v_id from public.job_invites where job_id = p_job and student_id = p_student;
  if found then
    return jsonb_build_object('outcome', 'already_invited', 'invite_id', v_id);
  end if;
  if exists (select 1 from public.applications a
             where a.job_id = p_job and a.student_id = p_student and a.status <> 'withdrawn') then
    return jsonb_build_object('outcome', 'already_applied');
  end if;
  insert into public.job_invites (job_id, company_id, student_id, sent_by, note, student_name)
    values (p_job, v_company, p_student, v_user, nullif(btrim(p_note), ''), left(v_name, 50))
    on conflict (job_id, student_id) do nothing
    returning id into v_id;
  if v_id is null then
    -- a simultaneous invitation won (the conflict waited for its commit)
    select id into v_id from public.job_invites where job_id = p_job and student_id = p_student;
    return jsonb_build_object('outcome', 'already_invited', 'invite_id', v_id);
  end if;
  return jsonb_build_object('outcome', 'invited', 'invite_id', v_id);
end
$$;

create or replace function app.decline_job_invite(p_invite uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_status text;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_invite is null then
    raise exception 'decline_job_invite: the invitation is required' using errcode = '22023';
  end if;
  select status into v_status from public.job_invites where id = p_invite and student_id = v_user for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_status is distinct from 'pending' then
    return jsonb_build_object('outcome', 'not_pending', 'status', v_status);
  end if;
  update public.job_invites set status = 'declined', answered_at = now() where id = p_invite;
  return jsonb_build_object('outcome', 'declined');
end
$$;

-- ================================================================ reads the policies cannot give
-- (The jobs of a student's applications and invitations stay readable to the student after they
-- close through the jobs policy's app.my_job_interests() branch, 000610.)
create or replace function app.talent_phone_visible(p_student uuid) returns boolean
  language plpgsql stable security definer set search_path = ''
  as $$
declare
  v_company uuid := app.my_company();
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_student is null then
    raise exception 'talent_phone_visible: the student is required' using errcode = '22023';
  end if;
  if v_company is null then
    return false;
  end if;
  return exists (
    select 1 from public.privacy_settings p
    where p.user_id = p_student and p.phone_visible
      and ((p.resume_searchable
            and exists (select 1 from public.companies c where c.id = v_company and c.verified_at is not null))
           or exists (select 1 from public.applications a where a.student_id = p_student and a.company_id = v_company)));
end
$$;

-- ================================================================ grants
revoke all on function
  app.apply(uuid, uuid, uuid),
  app.withdraw_application(uuid),
  app.mark_application(uuid, text),
  app.invite_interview(uuid, text, text, text, timestamptz, text, text),
  app.answer_interview(uuid, boolean),
  app.record_interview_result(uuid, text),
  app.cancel_interview(uuid),
  app.invite_to_job(uuid, uuid, text),
  app.decline_job_invite(uuid),
  app.talent_phone_visible(uuid)
  from public, anon;
grant execute on function
  app.apply(uuid, uuid, uuid),
  app.withdraw_application(uuid),
  app.mark_application(uuid, text),
  app.invite_interview(uuid, text, text, text, timestamptz, text, text),
  app.answer_interview(uuid, boolean),
  app.record_interview_result(uuid, text),
  app.cancel_interview(uuid),
  app.invite_to_job(uuid, uuid, text),
  app.decline_job_invite(uuid),
  app.talent_phone_visible(uuid)
  to authenticated;
