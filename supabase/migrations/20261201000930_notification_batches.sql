-- Fan-out notifications (docs/flows/messages.md, "Fan-out"): a notifyMany of many (a job pushed
-- to 25,000 students) writes ONE row here in the caller's transaction instead of 25,000 messages,
-- deliveries and queue jobs; the delivery cron expands it into them in chunks, each chunk with its
-- progress in one transaction, every notification keyed, so each becomes exactly one message
-- whatever crashes. Service-only.
--   notifications  the notifications as notify() takes them (JSON), each with its idempotency key
--   done           how many of them (in order) are expanded; finished_at when all are

create table if not exists public.notification_batches (
  id uuid primary key default gen_random_uuid(),
  notifications jsonb not null check (jsonb_typeof(notifications) = 'array'),
  total int not null check (total >= 1),
  done int not null default 0 check (done between 0 and total),
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint notification_batches_finished check ((finished_at is not null) = (done = total))
);
create index if not exists notification_batches_open_idx on public.notification_batches (created_at)
  where finished_at is null;
alter table public.notification_batches enable row level security;
revoke all on public.notification_batches from anon, authenticated;
grant select, insert, update, delete on public.notification_batches to service_role;
