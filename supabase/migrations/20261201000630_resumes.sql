-- Jobs, part 4: resumes (简历) — issue 11 item 4. The tables are the lead's (000600): one online
-- resume per student and language (`resumes`, content = the sections as JSON, shape
-- `ResumeContent` in src/contracts/resumes.ts) and any number of PDF attachments
-- (`resume_attachments`, soft-deleted). Here are their rules. Idempotent (`create or replace`,
-- `drop … if exists` + `create`, `if not exists`); runs as Supabase's non-superuser `postgres`.
-- Flow: docs/flows/resumes.md.
--
-- Completeness is SQL as well as TypeScript: a student may write `content` straight through the
-- Data API, and app.apply (000640) refuses a resume under 60 %. `resumes.completeness` is a stored
-- generated column, so nobody can write it. The rule (weights, what counts as filled) is the twin
-- of src/contracts/resume-completeness.ts; tests/resumes/completeness-twin.test.ts compares the two
-- on random contents. A string counts as filled when something is left after deleting spaces,
-- tabs, CR, LF, U+00A0 and U+3000 (exactly these, in both languages: no locale decides it).
--
-- Columns added here:
--   resumes.completeness  int, generated always as app.resume_completeness(content) stored
--
-- Functions. "raises 42501" = no caller (claims without `sub`); "raises 22023" = a NULL, empty or
-- ill-formed argument; either way nothing changes. Outcomes are jsonb ({outcome, …}), the zod
-- unions in src/contracts/resumes.ts.
--
-- app.resume_missing(p_content jsonb) returns text[]
--   Pure (immutable, not definer). The MissingItem keys of the content, in the order of the weight
--   table (what to fill next first). Raises 22023 on NULL. Executable by authenticated (the
--   generated column runs it as the writer).
-- app.resume_completeness(p_content jsonb) returns int
--   Pure. 100 minus the weights of app.resume_missing(p_content), 0..100. Raises 22023 on NULL.
-- app.set_default_resume(p_resume uuid) returns jsonb
--   Who: the resume's owner (definer). The one default resume of the user (the partial unique
--   index resumes_one_default). Outcomes: set · already_default · not_found (no such resume of
--   the caller).
-- app.add_resume_attachment(p_path text, p_file_name text, p_size int) returns jsonb
--   Who: active students (definer). p_path must be 'resumes/<caller id>/<uuid>.pdf', p_file_name
--   1–100 characters (not blank), p_size 1..5242880 (else 22023). At most 20 live attachments.
--   Outcomes: added {attachment_id} · limit_reached {limit} · not_student.
-- app.delete_resume_attachment(p_id uuid) returns jsonb
--   Who: the attachment's owner (definer). Soft delete (deleted_at): an application that sent it
--   keeps its copy. Outcomes: deleted {remove_path} (the storage path to remove after the commit,
--   NULL when an application refers to the file) · not_found (not the caller's, or deleted).
-- app.my_verified_company() returns uuid
--   Who: anyone signed in (definer; a policy helper, used as an initplan). The caller's company
--   when the caller is an active member of a company with verified_at set; else NULL.
-- app.talent_visible(p_owner uuid) returns boolean
--   Who: anyone signed in (definer; a policy helper, called per row). true when the caller is a
--   member of a verified company and p_owner is an active student whose
--   privacy_settings.resume_searchable is on; false otherwise, and for NULL.
--
-- Internal (no user may execute them): trigger functions app.resumes_before_insert(),
-- app.resumes_before_update(), app.resumes_after_delete().
--
-- Who may do what (RLS):
--   resumes             select: the owner; members of verified companies when the owner's resume is
--                       searchable (talent search: the rule reads here, in one place); school staff
--                       covering the student (read-only). insert: students, their own rows (user_id,
--                       lang, title, content); update: the owner, title and content only; delete: the
--                       owner. is_default only through app.set_default_resume (the first resume
--                       becomes the default by trigger; deleting the default promotes the other one).
--   resume_attachments  select: the owner, live rows. No user writes rows: adding and deleting go
--                       through the two functions above (the upload route calls the first after the
--                       file is stored).

-- ================================================================ completeness (the SQL twin)
create or replace function app.resume_missing(p_content jsonb) returns text[]
  language plpgsql immutable parallel safe set search_path = ''
  as $$
declare
  -- what counts as blank: exactly these characters (src/contracts/resume-completeness.ts BLANK)
  c_blank constant text := E' \t\n\r' || chr(160) || chr(12288);
  -- section → the fields an entry needs before it counts, in the weight table's order
  c_sections constant jsonb := '[
    ["education", ["school", "major", "degree", "start", "end"]],
    ["internships", ["company", "role"]],
    ["projects", ["name"]],
    ["skills", ["name"]],
    ["awards", ["name"]],
    ["certificates", ["name"]],
    ["campusRoles", ["organization", "role"]]
  ]';
  v_missing text[] := '{}';
  v_obj jsonb;
  v_key text;
  v_section jsonb;
  v_fields text[];
  v_entries int;
  v_complete boolean;
begin
  if p_content is null then
    raise exception 'resume_missing: the content is required' using errcode = '22023';
  end if;

  v_obj := case when jsonb_typeof(p_content -> 'personal') = 'object' then p_content -> 'personal' else '{}' end;
  foreach v_key in array array['name', 'gender', 'phone', 'email', 'city'] loop
    if not coalesce(jsonb_typeof(v_obj -> v_key) = 'string' and translate(v_obj ->> v_key, c_blank, '') <> '', false) then
      v_missing := v_missing || ('personal.' || v_key);
    end if;
  end loop;

  v_obj := case when jsonb_typeof(p_content -> 'intention') = 'object' then p_content -> 'intention' else '{}' end;
  if not coalesce(jsonb_typeof(v_obj -> 'position') = 'string' and translate(v_obj ->> 'position', c_blank, '') <> '', false) then
    v_missing := v_missing || 'intention.position'::text;
  end if;
  if not coalesce((
      select bool_or(jsonb_typeof(c) = 'string' and translate(c #>> '{}', c_blank, '') <> '')
      from jsonb_array_elements(case when jsonb_typeof(v_obj -> 'cities') = 'array' then v_obj -> 'cities' else '[]' end) c
    ), false) then
    v_missing := v_missing || 'intention.cities'::text;
  end if;

  for v_section in select s from jsonb_array_elements(c_sections) s loop
    v_key := v_section ->> 0;
    v_fields := array(select jsonb_array_elements_text(v_section -> 1));
    select count(*) filter (where jsonb_typeof(e) = 'object'),
           coalesce(bool_or(jsonb_typeof(e) = 'object' and (
             select bool_and(coalesce(jsonb_typeof(e -> f) = 'string' and translate(e ->> f, c_blank, '') <> '', false))
             from unnest(v_fields) f)), false)
      into v_entries, v_complete
      from jsonb_array_elements(case when jsonb_typeof(p_content -> v_key) = 'array' then p_content -> v_key else '[]' end) e;
    if not v_complete then
      -- education alone tells "add one" from "finish the one you started"
      v_missing := v_missing || (case when v_key = 'education' and v_entries > 0 then 'education.details' else v_key end);
    end if;
  end loop;

  if not coalesce(jsonb_typeof(p_content -> 'selfEvaluation') = 'string'
                  and translate(p_content ->> 'selfEvaluation', c_blank, '') <> '', false) then
    v_missing := v_missing || 'selfEvaluation'::text;
  end if;
  return v_missing;
end
$$;

-- The weight table of src/contracts/resume-completeness.ts (COMPLETENESS_WEIGHTS), summing to 100
-- (education and education.details are one item: never both missing).
create or replace function app.resume_completeness(p_content jsonb) returns int
  language sql immutable parallel safe set search_path = ''
  as $$
    select 100 - coalesce(sum(w.weight), 0)::int
    from unnest(app.resume_missing(p_content)) as m (key)
    join (values
      ('personal.name', 7), ('personal.gender', 3), ('personal.phone', 7), ('personal.email', 5),
      ('personal.city', 3), ('intention.position', 6), ('intention.cities', 4), ('education', 25),
      ('education.details', 25), ('internships', 10), ('projects', 8), ('skills', 6), ('awards', 4),
      ('certificates', 4), ('campusRoles', 4), ('selfEvaluation', 4)
    ) as w (key, weight) using (key)
  $$;

revoke all on function app.resume_missing(jsonb), app.resume_completeness(jsonb) from public, anon;
grant execute on function app.resume_missing(jsonb), app.resume_completeness(jsonb) to authenticated, service_role;

alter table public.resumes add column if not exists completeness int
  generated always as (app.resume_completeness(content)) stored;

-- ================================================================ default resume and timestamps
-- One user's resume writes take turns (the first resume becoming the default, the default moving),
-- so two first resumes saved at once cannot both become the default.
create or replace function app.resumes_before_insert() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('jiuye.resumes:' || new.user_id::text, 0));
  new.is_default := not exists (select 1 from public.resumes r where r.user_id = new.user_id and r.is_default);
  return new;
end
$$;

create or replace function app.resumes_before_update() returns trigger
  language plpgsql set search_path = ''
  as $$
begin
  if new.title is distinct from old.title or new.content is distinct from old.content then
    new.updated_at := now();
  end if;
  return new;
end
$$;

-- Deleting the default resume makes the user's other resume (if any) the default.
create or replace function app.resumes_after_delete() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
begin
  if old.is_default then
    perform pg_advisory_xact_lock(hashtextextended('jiuye.resumes:' || old.user_id::text, 0));
    update public.resumes set is_default = true
      where id = (select r.id from public.resumes r
                  where r.user_id = old.user_id and not exists (
                    select 1 from public.resumes d where d.user_id = old.user_id and d.is_default)
                  order by r.created_at, r.id limit 1);
  end if;
  return null;
end
$$;

revoke all on function app.resumes_before_insert(), app.resumes_before_update(), app.resumes_after_delete()
  from public, anon, authenticated;

drop trigger if exists resumes_before_insert on public.resumes;
create trigger resumes_before_insert before insert on public.resumes
  for each row execute function app.resumes_before_insert();
drop trigger if exists resumes_before_update on public.resumes;
create trigger resumes_before_update before update on public.resumes
  for each row execute function app.resumes_before_update();
drop trigger if exists resumes_after_delete on public.resumes;
create trigger resumes_after_delete after delete on public.resumes
  for each row execute function app.resumes_after_delete();

create or replace function app.set_default_resume(p_resume uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_default boolean;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_resume is null then
    raise exception 'set_default_resume: the resume is required' using errcode = '22023';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('jiuye.resumes:' || v_user::text, 0));
  select r.is_default into v_default from public.resumes r where r.id = p_resume and r.user_id = v_user;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  if v_default then
    return jsonb_build_object('outcome', 'already_default');
  end if;
  -- the old default first: the partial unique index is checked row by row
  update public.resumes set is_default = false where user_id = v_user and is_default;
  update public.resumes set is_default = true where id = p_resume;
  return jsonb_build_object('outcome', 'set');
end
$$;

-- ================================================================ attachments
create or replace function app.add_resume_attachment(p_path text, p_file_name text, p_size int) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_live int;
  v_id uuid;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_path is null or p_file_name is null or p_size is null
     or p_path !~ ('^resumes/' || v_user::text || '/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.pdf$')
     or translate(p_file_name, E' \t\n\r' || chr(160) || chr(12288), '') = '' or length(p_file_name) > 100
     or p_size not between 1 and 5242880 then
    raise exception 'add_resume_attachment: a path under resumes/<own id>/, a file name (1–100) and a size (1 B–5 MB) are required'
      using errcode = '22023';
  end if;
  perform 1 from public.app_users where id = v_user and role = 'student' and disabled_at is null for no key update;
  if not found then
    return jsonb_build_object('outcome', 'not_student');
  end if;
  select count(*) into v_live from public.resume_attachments where user_id = v_user and deleted_at is null;
  if v_live >= 20 then
    return jsonb_build_object('outcome', 'limit_reached', 'limit', 20);
  end if;
  insert into public.resume_attachments (user_id, file_name, storage_path, size_bytes)
    values (v_user, btrim(p_file_name), p_path, p_size)
    returning id into v_id;
  return jsonb_build_object('outcome', 'added', 'attachment_id', v_id);
end
$$;

create or replace function app.delete_resume_attachment(p_id uuid) returns jsonb
  language plpgsql volatile security definer set search_path = ''
  as $$
declare
  v_user uuid := auth.uid();
  v_path text;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if p_id is null then
    raise exception 'delete_resume_attachment: the attachment is required' using errcode = '22023';
  end if;
  select a.storage_path into v_path from public.resume_attachments a
    where a.id = p_id and a.user_id = v_user and a.deleted_at is null
    for update;
  if not found then
    return jsonb_build_object('outcome', 'not_found');
  end if;
  update public.resume_attachments set deleted_at = now() where id = p_id;
  return jsonb_build_object('outcome', 'deleted', 'remove_path',
    case when exists (select 1 from public.applications a where a.attachment_id = p_id) then null else v_path end);
end
$$;

-- ================================================================ policy helpers
create or replace function app.my_verified_company() returns uuid
  language sql stable security definer set search_path = ''
  as $$
    select c.id from public.app_users u join public.companies c on c.id = u.company_id
    where u.id = auth.uid() and u.disabled_at is null and u.role = 'employer' and c.verified_at is not null
  $$;

create or replace function app.talent_visible(p_owner uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select coalesce(app.my_verified_company() is not null and exists (
      select 1 from public.privacy_settings p join public.app_users u on u.id = p.user_id
      where p.user_id = p_owner and p.resume_searchable and u.role = 'student' and u.disabled_at is null
    ), false)
  $$;

revoke all on function app.set_default_resume(uuid), app.add_resume_attachment(text, text, int),
  app.delete_resume_attachment(uuid), app.my_verified_company(), app.talent_visible(uuid) from public, anon;
grant execute on function app.set_default_resume(uuid), app.add_resume_attachment(text, text, int),
  app.delete_resume_attachment(uuid), app.my_verified_company(), app.talent_visible(uuid) to authenticated;

-- talent search lists the students who opted in (the policy's per-row check reads one row by the
-- primary key; a listing starts from this partial index)
create index if not exists privacy_settings_searchable_idx on public.privacy_settings (user_id)
  where resume_searchable;

-- ================================================================ policies and grants
-- resumes, select: the owner; members of verified companies, for students who let employers find
-- their resume (talent search); school staff covering the student (by the school of the account
-- and the college of its bound roster record, as app_users_read). Helpers without arguments are
-- initplans; app.talent_visible and app.staff_covers run per row only past the cheap guards.
drop policy if exists resumes_read on public.resumes;
create policy resumes_read on public.resumes for select to authenticated
  using (
    user_id = (select auth.uid())
    or ((select app.my_verified_company()) is not null and app.talent_visible(user_id))
    or ((select app.my_role()) = 'school_staff' and exists (
      select 1 from public.app_users u
      where u.id = resumes.user_id and u.role = 'student'
        and app.staff_covers(u.school_id, (
          select r.college from public.roster_entries r where r.bound_user_id = u.id))))
  );
drop policy if exists resumes_insert_own on public.resumes;
create policy resumes_insert_own on public.resumes for insert to authenticated
  with check (user_id = (select auth.uid()) and (select app.my_role()) = 'student');
drop policy if exists resumes_update_own on public.resumes;
create policy resumes_update_own on public.resumes for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and (select app.my_role()) = 'student');
drop policy if exists resumes_delete_own on public.resumes;
create policy resumes_delete_own on public.resumes for delete to authenticated
  using (user_id = (select auth.uid()));

-- resume_attachments, select: the owner's live attachments. No write policy: no user role may write.
drop policy if exists resume_attachments_read on public.resume_attachments;
create policy resume_attachments_read on public.resume_attachments for select to authenticated
  using (user_id = (select auth.uid()) and deleted_at is null);

revoke all on public.resumes, public.resume_attachments from public, anon, authenticated;
grant select on public.resumes to authenticated;
-- is_default, completeness, timestamps and the owner's id after insert are never the user's to write
grant insert (user_id, lang, title, content) on public.resumes to authenticated;
grant update (title, content) on public.resumes to authenticated;
grant delete on public.resumes to authenticated;
grant select on public.resume_attachments to authenticated;
grant select, insert, update, delete on public.resumes, public.resume_attachments to service_role;
