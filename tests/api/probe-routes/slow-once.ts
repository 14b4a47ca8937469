/**
 * Probe route of tests/api/idempotency.test.ts: an idempotent POST whose state change is slow
 * (so parallel arrivals overlap) and countable (one row of public.idempotency_probe per run).
 * `?refuse=1` records the row and then returns a refusal, which must commit and be replayed too.
 */
import { z } from 'zod'
import { AppError } from '../../../api/_lib/http/errors'
import { method, route } from '../../../api/_lib/http/route'

export const ProbeAnswer = z.object({ id: z.number().int(), note: z.string() })

export default route({
  POST: method({
    auth: 'required',
    body: z.object({ note: z.string().max(50) }),
    query: z.object({ refuse: z.enum(['1']).optional() }),
    response: ProbeAnswer,
    status: 201,
    idempotent: true,
    handler: ({ tx, body, query }) =>
      tx(async (db) => {
        const { rows } = await db.query<{ id: number }>(
          'insert into public.idempotency_probe (note) select $1 from pg_sleep(0.3) returning id',
          [body.note],
        )
        const id = rows[0]!.id
        if (query.refuse) return new AppError('conflict', '探针拒绝', { details: { conflicting_id: id } })
        return { id, note: body.note }
      }),
  }),
})
