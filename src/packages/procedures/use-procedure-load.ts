/**
 * Loading a student's procedure page: nothing for other roles, the subscription state first where
 * the page asks to subscribe, then the page's own reads. A 404 (details.reason `not_bound`) means
 * no roster record yet, shown as 请先绑定学籍; any other failure is the retryable error.
 */
import { useState } from 'react'
import { asApiError } from '../../services/request'
import { loadSubscriptions } from '../../services/subscriptions'

export function useProcedureLoad(opts: {
  isStudent: boolean
  /** reads and shows the page's records */
  read(): Promise<void>
  /** the page asks to subscribe (its subscription state is loaded first) */
  subscriptions: boolean
}) {
  const [notBound, setNotBound] = useState(false)
  const [loadError, setLoadError] = useState<string | null>(null)

  const load = async () => {
    if (!opts.isStudent) return
    setLoadError(null)
    if (opts.subscriptions) void loadSubscriptions()
    try {
      await opts.read()
      setNotBound(false)
    } catch (e) {
      const err = asApiError(e, '加载失败，请稍后再试')
      if (err.status === 404 || err.details?.reason === 'not_bound') setNotBound(true)
      else setLoadError(err.message)
    }
  }

  return { notBound, loadError, load }
}
