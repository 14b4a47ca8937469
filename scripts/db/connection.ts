import { type EmbeddedServer, ensureDatabase, startEmbeddedPostgres } from './embedded'

export const APP_DATABASE = 'jiuye'

/**
 * DATABASE_URL when set (hosted Supabase, any Postgres); otherwise the embedded server, started
 * on demand, with the app database created in it.
 */
export async function resolveDatabase(
  opts: { log?: (line: string) => void } = {},
): Promise<{ url: string; embedded: EmbeddedServer | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null }
  const embedded = await startEmbeddedPostgres({ log: opts.log })
  await ensureDatabase(embedded.adminUrl, APP_DATABASE)
  return { url: embedded.urlFor(APP_DATABASE), embedded }
}
