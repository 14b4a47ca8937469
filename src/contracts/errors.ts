import { z } from 'zod'

/**
 * Body of every 4xx/5xx answer of the API. `code` is stable; `message` is Chinese, for the user;
 * `details` carries machine-readable data the client acts on (`retry_after_seconds`, `missing`,
 * `conflicting_id`), so nothing parses the message.
 */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
})
export type ErrorBody = z.infer<typeof ErrorBody>
