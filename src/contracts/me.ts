import { z } from 'zod'
import { SessionUser } from './auth'

export const MeResponse = z.object({ user: SessionUser })
export type MeResponse = z.infer<typeof MeResponse>

/** `app.delete_my_account`'s outcomes. */
export const AccountDeleteOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('deleted'), avatar_path: z.string().nullable() }),
  z.object({ outcome: z.literal('not_student') }),
  z.object({ outcome: z.literal('not_found') }),
])

/** `DELETE /api/me` */
export const DeleteMeResponse = z.object({ deleted: z.literal(true) })
export type DeleteMeResponse = z.infer<typeof DeleteMeResponse>
