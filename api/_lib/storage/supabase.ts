import { AppError } from '../http/errors'
import { assertKey, type ObjectStore } from './store'

/** Supabase Storage over its REST API with the service-role key (the same calls supabase-js makes). */
export function supabaseStore(baseUrl: string, serviceKey: string): ObjectStore {
  const api = `${baseUrl.replace(/\/+$/, '')}/storage/v1`
  const headers = { authorization: `Bearer ${serviceKey}`, apikey: serviceKey }

  async function call(url: string, init: RequestInit): Promise<Response> {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) }).catch((err) => {
      throw new AppError('upstream_unavailable', '文件服务暂时不可用，请稍后再试', { cause: err })
    })
    if (!res.ok) {
      throw new AppError('upstream_unavailable', '文件服务暂时不可用，请稍后再试', {
        details: { status: res.status, body: (await res.text()).slice(0, 300) },
      })
    }
    return res
  }

  return {
    async put(bucket, key, data, contentType) {
      assertKey(key)
      await call(`${api}/object/${bucket}/${key}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': contentType, 'x-upsert': 'true' },
        body: new Uint8Array(data),
      })
    },
    async signedUrl(bucket, key, expiresIn) {
      assertKey(key)
      const res = await call(`${api}/object/sign/${bucket}/${key}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ expiresIn }),
      })
      const json = (await res.json()) as { signedURL?: string }
      if (!json.signedURL) throw new AppError('upstream_unavailable', '文件服务返回异常')
      return `${baseUrl.replace(/\/+$/, '')}/storage/v1${json.signedURL}`
    },
    async remove(bucket, key) {
      assertKey(key)
      await call(`${api}/object/${bucket}`, {
        method: 'DELETE',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ prefixes: [key] }),
      })
    },
  }
}
