import Taro from '@tarojs/taro'
import type { SessionUser, TokenResponse } from '../contracts/auth'

const KEY = 'jiuye.session'

export interface Session {
  accessToken: string
  refreshToken: string
  /** epoch ms when the access token expires */
  expiresAt: number
  user: SessionUser
}

type Listener = (s: Session | null) => void
const listeners = new Set<Listener>()

export function getSession(): Session | null {
  try {
    const s = Taro.getStorageSync(KEY) as Session | ''
    return s && typeof s === 'object' && s.accessToken ? s : null
  } catch {
    return null
  }
}

export function saveSession(t: TokenResponse): Session {
  const s: Session = {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    expiresAt: Date.now() + t.expiresIn * 1000,
    user: t.user,
  }
  Taro.setStorageSync(KEY, s)
  for (const l of listeners) l(s)
  return s
}

/** The server's newer view of the signed-in user (name, school after binding), same tokens. */
export function updateSessionUser(user: SessionUser): void {
  const now = getSession()
  if (!now || now.user.id !== user.id || JSON.stringify(now.user) === JSON.stringify(user)) return
  const s: Session = { ...now, user }
  Taro.setStorageSync(KEY, s)
  for (const l of listeners) l(s)
}

export function clearSession(): void {
  Taro.removeStorageSync(KEY)
  for (const l of listeners) l(null)
}

/** Pages re-render on login and logout without polling storage. */
export function onSessionChange(l: Listener): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}
