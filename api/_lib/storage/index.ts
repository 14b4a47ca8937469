import { localStore } from './local'
import type { ObjectStore } from './store'
import { supabaseStore } from './supabase'

export type { Bucket, ObjectStore } from './store'

/** Supabase Storage when configured; the local folder otherwise (refused in production). */
export function objectStore(): ObjectStore {
  const url = process.env.SUPABASE_URL
  const key = process.env.SUPABASE_SERVICE_ROLE_KEY
  if (url && key) return supabaseStore(url, key)
  if (process.env.NODE_ENV === 'production' || process.env.VERCEL_ENV === 'production') {
    throw new Error('SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are required in production (file storage)')
  }
  return localStore
}
