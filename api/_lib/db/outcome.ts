import type { z } from 'zod'
import type { Queryable } from './tx'

/**
 * Calls one `app.*` transition function that answers with an outcome (jsonb) and parses it with
 * the outcome's schema from `src/contracts/`. An answer the schema does not know throws (a 500 the
 * route logs): a new outcome in SQL must be added to its vocabulary, never silently fall through.
 */
export async function callOutcome<S extends z.ZodType>(
  db: Queryable,
  fn: string,
  args: readonly unknown[],
  schema: S,
): Promise<z.output<S>> {
  const placeholders = args.map((_, i) => `$${i + 1}`).join(', ')
  const { rows } = await db.query<{ r: unknown }>(`select ${fn}(${placeholders}) as r`, [...args])
  const raw = rows[0]?.r
  const parsed = schema.safeParse(raw)
  if (!parsed.success)
    throw new Error(`${fn} returned an outcome the API does not know: ${JSON.stringify(raw)}`)
  return parsed.data
}

/** The error for an outcome a route's exhaustive switch does not know: a logged 500 (conventions §2). */
export function unhandledOutcome(fn: string, outcome: never): Error {
  return new Error(`unhandled ${fn} outcome ${JSON.stringify(outcome)}`)
}
