import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { z } from 'zod'
import type { BindingStatus, School } from '../../contracts/binding'
import { fetchBindingStatus, listSchools } from '../../services/binding'
import type { Session } from '../../services/session'

/**
 * What the bind and manual-review pages share: the student's binding status (reloaded each time
 * the page shows), the school list for the picker, and a form whose field errors clear as the
 * student edits that field.
 */
export function useBindingPage<F extends object>(session: Session | null, empty: F) {
  const [status, setStatus] = useState<BindingStatus | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [schools, setSchools] = useState<z.infer<typeof School>[] | null>(null)
  const [form, setForm] = useState<F>(empty)
  const [fields, setFields] = useState<Record<string, string>>({})

  const load = async () => {
    if (session?.user.role !== 'student') return
    setLoadError(null)
    try {
      setStatus(await fetchBindingStatus({ toast: false }))
    } catch (e) {
      setLoadError((e as Error).message)
      return
    }
    if (!schools)
      listSchools().then(
        (r) => setSchools(r.items),
        () => setSchools([]),
      )
  }
  useDidShow(() => void load())

  const set = <K extends keyof F>(key: K, value: F[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    if (fields[key as string]) {
      setFields((f) => {
        const next = { ...f }
        delete next[key as string]
        return next
      })
    }
  }

  return { status, setStatus, loadError, load, schools, form, setForm, set, fields, setFields }
}
