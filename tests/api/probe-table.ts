import pg from 'pg'

/**
 * The state of the probe route `probe-routes/slow-once.ts`: one row per execution, in this test
 * file's own database, so a test counts how often a keyed request really ran.
 */
export async function createProbeTable(): Promise<void> {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await owner.connect()
  try {
    await owner.query(`create table if not exists public.idempotency_probe (id serial primary key, note text);
      grant select, insert on public.idempotency_probe to authenticated, service_role;
      grant usage on sequence public.idempotency_probe_id_seq to authenticated`)
  } finally {
    await owner.end()
  }
}
