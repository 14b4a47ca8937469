/** Shared pieces of the destination functions' entries (tests/rls/destinations-world.ts). */
import type { SqlStep } from '../../spec'
import type { Ctx } from '../spec'

/** Set-up: own's approved destination back to submitted (unreviewed: the student may edit or remove it). */
export const unreviewed = ({ rows }: Ctx): SqlStep => ({
  sql: `update public.destinations set status = 'submitted', decided_at = null where id = $1`,
  params: [rows.own!.id],
})
/** Set-up: own's withdrawn request pending again. */
export const reopened = ({ rows }: Ctx): SqlStep => ({
  sql: `update public.destination_requests set status = 'pending', decided_at = null where id = $1`,
  params: [rows.ownRequest!.id],
})
export const destinationStatus =
  (label: string) =>
  ({ rows }: Ctx): SqlStep => ({
    sql: 'select status from public.destinations where id = $1',
    params: [rows[label]!.id],
  })
export const requestCount = ({ rows }: Ctx): SqlStep => ({
  sql: `select count(*)::int from public.destination_requests where destination_id = $1 and status = 'pending'`,
  params: [rows.own!.id],
})
