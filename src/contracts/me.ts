import { z } from 'zod'
import { SessionUser } from './auth'

export const MeResponse = z.object({ user: SessionUser })
export type MeResponse = z.infer<typeof MeResponse>
