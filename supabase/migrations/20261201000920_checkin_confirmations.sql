-- Check-in confirmations (签到成功, docs/flows/messages.md): each successful check-in gets one
-- message to the ticket's holder, written after the scan by the delivery cron
-- (api/_lib/checkin/confirmations.ts), never in the scan's own path, which stays two round trips.
--   checkins.confirmed_at: when the confirmation was written; null = not yet. Set by the service
--   path only (users have no write grant on checkins). The partial index is what the cron reads.

alter table public.checkins add column if not exists confirmed_at timestamptz;
create index if not exists checkins_unconfirmed_idx on public.checkins (id)
  where outcome = 'ok' and confirmed_at is null;
