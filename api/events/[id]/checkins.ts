import { z } from 'zod'
import { ScanBatchBody, ScanBatchResponse, ScanInput, ScanResult } from '../../../src/contracts/checkin'
import { recordScans } from '../../_lib/checkin/scan'
import { AppError } from '../../_lib/http/errors'
import { method, route } from '../../_lib/http/route'
import { parseWith } from '../../_lib/http/validate'

const Params = z.object({ id: z.string().uuid('活动编号无效') })

/**
 * POST one scan (`ScanInput` → `ScanResult`) or an offline queue (`ScanBatchBody` →
 * `ScanBatchResponse`). Each scan's nonce makes a retried upload safe, so no Idempotency-Key.
 * The caller is authenticated here; app.record_scans checks their assignment to the event.
 */
export default route({
  POST: method({
    auth: 'required',
    query: Params,
    // one of two shapes: told apart by `scans`, each parsed with its own schema's messages
    body: z.unknown(),
    response: z.union([ScanBatchResponse, ScanResult]),
    handler: async ({ claims, query, body }) => {
      if (!claims?.sub) throw new AppError('unauthenticated')
      const batch = typeof body === 'object' && body !== null && 'scans' in body
      if (batch) {
        const { scans } = parseWith(ScanBatchBody, body)
        return { results: await recordScans(claims.sub, query.id, scans) }
      }
      const scan = parseWith(ScanInput, body)
      const [result] = await recordScans(claims.sub, query.id, [scan])
      return result!
    },
  }),
})
