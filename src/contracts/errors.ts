import { z } from 'zod'

/** Body of every 4xx/5xx answer of the API. `code` is stable; `message` is Chinese, for the user. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
})
export type ErrorBody = z.infer<typeof ErrorBody>
