/**
 * Subscribe-message credits (docs/flows/messages.md): the user's report of what
 * wx.requestSubscribeMessage answered (app.record_subscribe_results, as the user), the state the
 * client asks with, and the sender's spend/refund/clear (app.use_subscribe_credit, service_role).
 */
import {
  SubscribeCredit,
  SubscribeMoment,
  type SubscriptionReport,
  SubscriptionReportResponse,
  type SubscriptionState,
} from '../../../src/contracts/subscriptions'
import type { Db, Queryable } from '../db/tx'
import { momentTemplateIds } from './templates'

export async function recordSubscribeResults(
  db: Db,
  report: SubscriptionReport,
): Promise<SubscriptionReportResponse> {
  const { rows } = await db.query<{ r: unknown }>('select app.record_subscribe_results($1::jsonb) as r', [
    JSON.stringify(report.results),
  ])
  return SubscriptionReportResponse.parse(rows[0]?.r)
}

/** The templates to ask for at each moment, and the credits the user holds (RLS: their own rows). */
export async function subscriptionState(db: Db): Promise<SubscriptionState> {
  const { rows } = await db.query<{ template_id: string; credits: number; last_result: string | null }>(
    'select template_id, credits, last_result from public.subscribe_credits order by template_id',
  )
  return {
    moments: Object.fromEntries(SubscribeMoment.options.map((m) => [m, momentTemplateIds(m)])) as Record<
      SubscribeMoment,
      string[]
    >,
    credits: rows.map((r) =>
      SubscribeCredit.parse({ templateId: r.template_id, credits: r.credits, lastResult: r.last_result }),
    ),
  }
}

export type CreditOp = 'spend' | 'refund' | 'clear'

/**
 * The sender's side: 'spend' answers whether a credit was there to use (false: do not call WeChat);
 * 'refund' gives it back after a send that failed before WeChat could use it; 'clear' after 43101.
 */
export async function useSubscribeCredit(
  db: Queryable,
  userId: string,
  templateId: string,
  op: CreditOp,
): Promise<number> {
  const { rows } = await db.query<{ left: number }>('select app.use_subscribe_credit($1, $2, $3) as left', [
    userId,
    templateId,
    op,
  ])
  return rows[0]!.left
}
