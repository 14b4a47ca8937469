import { request } from 'node:http'
import type { JsonResponse } from '../support/api'

/**
 * A JSON request from a given loopback address (127.0.0.0/8 all reach the server on Linux), so a
 * test can act as two clients at two addresses without trusting any forwarded header.
 */
export function callFrom(
  localAddress: string,
  base: string,
  path: string,
  opts: { method?: string; token?: string; body?: unknown } = {},
): Promise<JsonResponse> {
  const url = new URL(path, base)
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body)
  const headers: Record<string, string> = {}
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  if (payload) headers['content-type'] = 'application/json'
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: opts.method ?? (payload ? 'POST' : 'GET'), headers, localAddress },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let body: unknown = text
          try {
            body = text ? JSON.parse(text) : undefined
          } catch {
            // not JSON: the assertion shows the text
          }
          const h = new Headers()
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v)
          resolve({ status: res.statusCode ?? 0, body, headers: h })
        })
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}
