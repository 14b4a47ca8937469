/**
 * One state-changing step of a page at a time: busy while it runs, its toast when done, the page
 * reloaded after it, and a refusal's message and field errors kept for the page to show.
 */
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { asApiError } from './request'

export function useStepRunner(reload: () => Promise<void>) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})

  /** Runs `what` unless a step is running; true when it succeeded. */
  const run = async (what: () => Promise<unknown>, done: string): Promise<boolean> => {
    if (busy) return false
    setBusy(true)
    setError(null)
    try {
      await what()
      setFieldErrors({})
      void Taro.showToast({ title: done, icon: 'success' })
      await reload()
      return true
    } catch (e) {
      const err = asApiError(e, '操作失败，请稍后再试')
      setFieldErrors(err.fields ?? {})
      setError(err.message)
      return false
    } finally {
      setBusy(false)
    }
  }

  return { busy, error, setError, fieldErrors, run }
}
