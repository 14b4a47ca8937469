/**
 * What a send's result means for its delivery (docs/flows/messages.md, "Errors"):
 *   sent        WeChat took it.
 *   no_credit   43101: the user holds no subscription (refused, or used up) — never retried, and
 *               our count of their credits is cleared.
 *   failed      permanent: 40003 unknown openid, 40037 unknown template, 41030 bad page, 47003 a
 *               value WeChat refuses, 43004 not following the account, 40014 after the refresh
 *               … — retrying cannot help; the reason is kept for admins.
 *   retry       later, with backoff: −1 busy, 45009/45011 quotas, 40001/42001 token races that
 *               outlived the one forced refresh, 5xx, timeouts, network — and anything that is
 *               not WeChat's answer at all (our bug or an outage), which is better retried than lost.
 *   dead        a retry whose attempts are used up.
 * Token problems (40001/40014/42001) were already given one refresh by withAccessToken.
 */
import { isWechatError } from '../wechat/errors'

export type SendOutcome = 'sent' | 'no_credit' | 'failed' | 'retry' | 'dead'

export interface ClassifiedOutcome {
  outcome: SendOutcome
  errcode: number | null
  error: string | null
}

/** `final`: this was the job's last allowed attempt, so a retry becomes `dead`. */
export function classifySendError(err: unknown, final: boolean): ClassifiedOutcome {
  if (isWechatError(err)) {
    const error = `${err.op}: ${err.errcode ?? err.reason} ${err.errmsg}`.slice(0, 500)
    if (err.errcode === 43101) return { outcome: 'no_credit', errcode: 43101, error }
    if (err.retryable) return { outcome: final ? 'dead' : 'retry', errcode: err.errcode, error }
    return { outcome: 'failed', errcode: err.errcode, error }
  }
  const error = (err instanceof Error ? err.message : String(err)).slice(0, 500)
  return { outcome: final ? 'dead' : 'retry', errcode: null, error }
}
