/**
 * WeChat subscribe messages from the client's side (docs/flows/messages.md). WeChat lets
 * `requestSubscribeMessage` run only inside a tap (a call after an awaited request has lost the
 * gesture and fails), so the template ids of each moment are loaded beforehand
 * (`loadSubscriptions`, when a page that offers it opens) and `askToSubscribe` calls WeChat before
 * anything else, then reports every answer to the API, which keeps the credits. Mini-program only:
 * H5 has no subscribe messages.
 */
import Taro from '@tarojs/taro'
import {
  type SubscribeMoment,
  SubscribeResult,
  SubscriptionReportResponse,
  SubscriptionState,
} from '../contracts/subscriptions'
import { request } from './request'

let state: SubscriptionState | null = null

/** errCode 20004: the user turned off 接收订阅消息 in the mini-program's settings. */
const MAIN_SWITCH_OFF = 20004

export const subscribeSupported = () => process.env.TARO_ENV === 'weapp'

/** The templates of every moment and the credits held; null where unsupported or on failure. */
export async function loadSubscriptions(): Promise<SubscriptionState | null> {
  if (!subscribeSupported()) return null
  try {
    state = await request('/api/me/subscriptions', { schema: SubscriptionState, toast: false })
  } catch {
    state = null // the moment is simply not offered: nothing breaks without it
  }
  return state
}

/** The template ids to ask for at `moment` (empty until loaded, or when none is configured). */
export function momentTemplates(moment: SubscribeMoment): string[] {
  return state?.moments[moment] ?? []
}

export type AskOutcome = 'accepted' | 'declined' | 'switch_off' | 'unavailable'

/**
 * Asks for `moment`'s templates. Call it FIRST in a tap handler, before any await. Resolves once
 * the answers are reported: accepted (at least one accept), declined, switch_off (20004: the app
 * then tells the user where to turn it back on), or unavailable (nothing to ask, or WeChat failed).
 */
export function askToSubscribe(moment: SubscribeMoment): Promise<AskOutcome> {
  const tmplIds = momentTemplates(moment)
  if (!subscribeSupported() || tmplIds.length === 0) return Promise.resolve('unavailable')
  // the promise form only: with callbacks as well, Taro's promise would still reject unhandled
  return Taro.requestSubscribeMessage({ tmplIds, entityIds: [] })
    .then(
      (r) => r as unknown as Record<string, unknown>,
      (e: unknown) => ({ errCode: Number((e as { errCode?: unknown } | null)?.errCode ?? -1) }),
    )
    .then(async (answer) => {
      const switchOff = 'errCode' in answer && answer.errCode === MAIN_SWITCH_OFF
      const results = tmplIds.flatMap((templateId) => {
        if (switchOff) return [{ templateId, result: 'switch_off' as const }]
        const r = SubscribeResult.safeParse((answer as Record<string, unknown>)[templateId])
        return r.success ? [{ templateId, result: r.data }] : []
      })
      if (results.length === 0) return 'unavailable'
      try {
        const saved = await request('/api/me/subscriptions', {
          method: 'POST',
          data: { results },
          schema: SubscriptionReportResponse,
          idempotent: true,
          toast: false,
        })
        if (state) state = { ...state, credits: saved.credits }
      } catch {
        // the credits stay as they were: the next tap asks again
      }
      if (switchOff) return 'switch_off'
      return results.some((r) => r.result === 'accept') ? 'accepted' : 'declined'
    })
}
