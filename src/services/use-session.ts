import { useEffect, useState } from 'react'
import { getSession, onSessionChange, type Session } from './session'

/** The current session, re-rendering on login and logout. */
export function useSession(): Session | null {
  const [session, setSession] = useState<Session | null>(() => getSession())
  useEffect(() => onSessionChange(setSession), [])
  return session
}
