import { createClient } from '@supabase/supabase-js'
import { AppError } from '../http/errors'
import { assertKey, type ObjectStore } from './store'

const TIMEOUT_MS = 10_000

type StorageClient = ReturnType<typeof createClient>['storage']

/** One client per project and key, reused across requests (it keeps no session: the key is the credential). */
const clients = new Map<string, StorageClient>()

/**
 * We use Storage only, never Realtime; but createClient builds a Realtime client, which on Node 20
 * (no global WebSocket) throws unless given a transport. This one is never constructed.
 */
class NoRealtime {
  constructor() {
    throw new Error('Realtime is not used by the API')
  }
}

function storageClient(url: string, serviceKey: string): StorageClient {
  const id = `${url}\n${serviceKey}`
  let client = clients.get(id)
  if (!client) {
    client = createClient(url, serviceKey, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      realtime: { transport: NoRealtime as never },
      // storage-js sets no timeout of its own; a hung Storage must not hold a function until Vercel kills it
      global: {
        fetch: (input, init) =>
          fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(TIMEOUT_MS) }),
      },
    }).storage
    clients.set(id, client)
  }
  return client
}

/** storage-js answers `{ data, error }`; an error (refusal, network, timeout) becomes our 503. */
function unwrap<T>(r: { data: T | null; error: unknown }): T {
  if (r.error || r.data === null) {
    const e = r.error as { status?: number; statusCode?: string; message?: string } | null
    throw new AppError('upstream_unavailable', '文件服务暂时不可用，请稍后再试', {
      cause: r.error,
      details: { status: e?.status, storageCode: e?.statusCode, message: e?.message?.slice(0, 300) },
    })
  }
  return r.data
}

/**
 * Supabase Storage through `@supabase/supabase-js`' storage client with the service-role key: the
 * library owns the Storage API's paths, auth headers and signed-URL formats, so they follow
 * Supabase's releases instead of our copy of them.
 */
export function supabaseStore(baseUrl: string, serviceKey: string): ObjectStore {
  const bucket = (name: string) => storageClient(baseUrl, serviceKey).from(name)
  return {
    async put(name, key, data, contentType) {
      assertKey(key)
      unwrap(await bucket(name).upload(key, data, { contentType, upsert: true, cacheControl: '3600' }))
    },
    async signedUrl(name, key, expiresIn) {
      assertKey(key)
      return unwrap(await bucket(name).createSignedUrl(key, expiresIn)).signedUrl
    },
    async signedUploadUrl(name, key) {
      assertKey(key)
      return { url: unwrap(await bucket(name).createSignedUploadUrl(key)).signedUrl }
    },
    async remove(name, key) {
      assertKey(key)
      unwrap(await bucket(name).remove([key]))
    },
  }
}
