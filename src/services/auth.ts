import { LogoutResponse, TokenResponse } from '../contracts/auth'
import { MeResponse } from '../contracts/me'
import { request } from './request'
import { clearSession, getSession, saveSession } from './session'

export async function loginWithPassword(login: string, password: string) {
  const t = await request('/api/auth/login', {
    method: 'POST',
    data: { login, password },
    schema: TokenResponse,
    auth: false,
    toast: false,
  })
  return saveSession(t)
}

export async function logout(): Promise<void> {
  const s = getSession()
  clearSession()
  if (s) {
    // the local session is gone either way; the server call ends the login on other devices' refresh
    await request('/api/auth/logout', {
      method: 'POST',
      data: { refreshToken: s.refreshToken },
      schema: LogoutResponse,
      auth: false,
      toast: false,
    }).catch(() => undefined)
  }
}

export function fetchMe() {
  return request('/api/me', { schema: MeResponse })
}
