/**
 * Loading a student's signing page: nothing for other roles; a 404 whose details.reason is
 * `not_bound` means no roster record yet (请先绑定学籍), any other failure is the retryable error.
 */
import { useState } from 'react'
import { asApiError } from '../../services/request'
import { loadSubscriptions } from '../../services/subscriptions'

/** `subscriptions`: the page asks for the 'signing' templates from a tap, so they load with it. */
export function useSigningLoad(opts: { isStudent: boolean; read(): Promise<void>; subscriptions?: boolean }) {
  const [notBound, setNotBound] = useState(false)
  const [loadError, setLoadError] = useState<string | null>(null)

  const load = async () => {
    if (!opts.isStudent) return
    if (opts.subscriptions) void loadSubscriptions()
    setLoadError(null)
    try {
      await opts.read()
      setNotBound(false)
    } catch (e) {
      const err = asApiError(e, '加载失败，请稍后再试')
      if (err.details?.reason === 'not_bound') setNotBound(true)
      else setLoadError(err.message)
    }
  }

  return { notBound, loadError, load }
}
