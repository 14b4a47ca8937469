/**
 * The student's signing state for a card, loaded when the card mounts and on every show of its
 * page; null while loading or when it cannot be read (a card then says what it would link to).
 */
import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { SigningStatus } from '../contracts/signing'
import { fetchSigningStatus } from './signing'

export function useSigningStatus(): SigningStatus | null {
  const [status, setStatus] = useState<SigningStatus | null>(null)
  const load = useCallback(
    () =>
      fetchSigningStatus({ toast: false })
        .then(setStatus)
        .catch(() => setStatus(null)),
    [],
  )
  useEffect(() => void load(), [load])
  useDidShow(() => void load())
  return status
}
