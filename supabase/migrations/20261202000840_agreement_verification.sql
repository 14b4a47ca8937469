-- The public verification of an agreement (协议验真), issue 15: the QR code printed on the agreement
-- PDF opens a page anyone may open without logging in; that page asks this one function whether the
-- agreement with the printed number is genuine and effective. Flow: docs/flows/agreement-verification.md.
-- Idempotent: `create or replace`.
--
-- app.verify_agreement(p_number text) returns jsonb — the one read open to `anon` (and to signed-in
-- users, who may scan too). It answers only what the PDF prints on its first lines:
--   {outcome: 'found', number, employer_name, student_name_masked, status, kind, effective_at, ended_at}
--     for an agreement in generated | pending_confirm | pending_review | returned | approved | terminated
--     (a paper that can exist: the PDF is made from `generated` on);
--   {outcome: 'not_found'} for anything else: an unknown number, a draft or discarded agreement, and a
--     NULL, empty or malformed number too. No 22023 here, unlike the other signing functions: the caller
--     is a stranger's scanner, and a malformed number is exactly a forged one, so it gets the same answer
--     (and the answer says nothing about why).
-- Nothing else of the agreement leaves: not its id, the student's id or full name, the terms, the
-- school. The student's name comes from the roster (the name printed on the PDF), masked as 张*明 /
-- 李* / 欧**华; the account's display name stands in when the roster row is gone.
-- effective_at is the approval's time (decided_at) for approved and terminated agreements, else null
-- (a returned agreement's decided_at is its return, not an effect). The number must match exactly
-- (numbers are upper case, JY-<year>-<8 hex>): an altered character is another, unknown number.
-- The number alone is guessable (32 random bits a year), so the API route that serves the public page
-- also checks an HMAC signature of the number printed in the QR link (api/_lib/signing/verify-link.ts);
-- this function is the data, the route is the door.

create or replace function app.verify_agreement(p_number text) returns jsonb
  language sql stable security definer set search_path = ''
  as $$
    select coalesce((
      select jsonb_build_object(
        'outcome', 'found',
        'number', a.number,
        'employer_name', a.employer_name,
        'student_name_masked', (
          select case
            when char_length(n.name) <= 1 then n.name
            when char_length(n.name) = 2 then left(n.name, 1) || '*'
            else left(n.name, 1) || repeat('*', char_length(n.name) - 2) || right(n.name, 1)
          end
          from (select btrim(coalesce(
            (select r.name from public.roster_entries r where r.bound_user_id = a.student_id),
            (select u.display_name from public.app_users u where u.id = a.student_id),
            ''
          )) as name) n),
        'status', a.status,
        'kind', a.kind,
        'effective_at', case when a.status in ('approved', 'terminated') then a.decided_at end,
        'ended_at', a.ended_at)
      from public.agreements a
      where p_number ~ '^JY-[0-9]{4}-[0-9A-F]{8}$'
        and a.number = p_number
        and a.status in ('generated', 'pending_confirm', 'pending_review', 'returned', 'approved', 'terminated')
    ), jsonb_build_object('outcome', 'not_found'))
  $$;
revoke all on function app.verify_agreement(text) from public, anon, authenticated;
grant execute on function app.verify_agreement(text) to anon, authenticated, service_role;
