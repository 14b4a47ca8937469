import { readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { ROOT } from '../paths'
import { seedDemoEvents } from './demo-events'
import { seedDemoJobs } from './demo-jobs'
import { seedDemoProcedures } from './demo-procedures'
import { seedDemoRoster } from './demo-roster'

export const SEED_FILE = path.join(ROOT, 'supabase', 'seed.sql')

/**
 * Applies supabase/seed.sql, the demo roster, the demo companies' jobs, the demo events' details
 * and fair participants, and one submitted source info (idempotent: every insert
 * is `on conflict do nothing`).
 */
export async function seed(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(readFileSync(SEED_FILE, 'utf8'))
    await seedDemoRoster(client)
    await seedDemoJobs(client)
    await seedDemoEvents(client)
    await seedDemoProcedures(client)
  } finally {
    await client.end()
  }
}
