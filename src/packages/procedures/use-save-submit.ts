/**
 * Saving, submitting and withdrawing one of the student's procedure records (source info, the
 * recommendation form): the checks first (the message says what to do), the subscription asked
 * inside the tap, the API's field errors by form key, and a 409 reloads the record as it is now.
 */
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ApiError, asApiError } from '../../services/request'
import { askToSubscribe } from '../../services/subscriptions'
import { apiFieldErrors } from './fields'

export type Errors = Partial<Record<string, string>>
export type Busy = 'save' | 'submit' | 'withdraw' | 'pdf' | null

export function useSaveSubmit<Body, R>(opts: {
  /** the body to send, or what is wrong by form key */
  validate(submit: boolean): { body: Body } | { errors: Errors }
  save(body: Body, submit: boolean): Promise<R>
  withdraw(): Promise<R>
  /** the withdrawal's confirmation text */
  withdrawText: string
  show(record: R): void
  reload(): void
}) {
  const [errors, setErrors] = useState<Errors>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState<Busy>(null)

  const save = async (submit: boolean) => {
    if (busy) return
    // first in the tap, before any await: WeChat asks only inside the gesture
    if (submit) void askToSubscribe('procedure')
    setMessage(null)
    const v = opts.validate(submit)
    if ('errors' in v) {
      setErrors(v.errors)
      setMessage(submit ? '请按提示补全或修改后再送审' : '请按提示修改后再保存')
      return
    }
    setErrors({})
    setBusy(submit ? 'submit' : 'save')
    try {
      opts.show(await opts.save(v.body, submit))
      void Taro.showToast({ title: submit ? '已送审' : '已保存', icon: 'success' })
    } catch (e) {
      const err = asApiError(e, '保存失败，请稍后再试')
      setErrors(apiFieldErrors(err.fields, 'fields'))
      setMessage(err.message)
      // a state the page did not know (approved meanwhile, …): show the record as it is now
      if (err.status === 409) opts.reload()
    } finally {
      setBusy(null)
    }
  }

  const withdraw = async () => {
    if (busy) return
    const { confirm } = await Taro.showModal({ title: '撤回送审', content: opts.withdrawText })
    if (!confirm) return
    setBusy('withdraw')
    setMessage(null)
    try {
      opts.show(await opts.withdraw())
      void Taro.showToast({ title: '已撤回', icon: 'success' })
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) opts.reload()
    } finally {
      setBusy(null)
    }
  }

  return { errors, setErrors, message, busy, setBusy, save, withdraw }
}
