import { z } from 'zod'

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.object({
    reachable: z.boolean(),
    latencyMs: z.number().nullable(),
    migrationVersion: z.string().nullable(),
  }),
  time: z.string(),
  version: z.string(),
})
export type HealthResponse = z.infer<typeof HealthResponse>
