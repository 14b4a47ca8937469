/**
 * A loopback stand-in for Supabase Storage's REST API (upload, sign, read by token, delete), enough
 * to test our client against the real request shapes offline.
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeStorage {
  url: string
  serviceKey: string
  objects: Map<string, { data: Buffer; type: string }>
  close(): Promise<void>
}

export async function startFakeStorage(): Promise<FakeStorage> {
  const serviceKey = `service-${randomBytes(8).toString('hex')}`
  const objects = new Map<string, { data: Buffer; type: string }>()
  const tokens = new Map<string, { key: string; exp: number }>()
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', 'http://x')
    const json = (status: number, v: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(v))
    }
    const sign = /^\/storage\/v1\/object\/sign\/(.+)$/.exec(url.pathname)
    if (req.method === 'GET' && sign) {
      const t = tokens.get(url.searchParams.get('token') ?? '')
      const obj = t && t.key === sign[1] && t.exp > Date.now() ? objects.get(t.key) : undefined
      if (!obj) return json(400, { statusCode: '400', error: 'InvalidJWT', message: 'invalid token' })
      res.writeHead(200, { 'content-type': obj.type })
      return res.end(obj.data)
    }
    if (req.headers.authorization !== `Bearer ${serviceKey}`) return json(401, { message: 'Invalid JWT' })
    if (req.method === 'POST' && sign) {
      if (!objects.has(sign[1]!))
        return json(404, { statusCode: '404', error: 'not_found', message: 'Object not found' })
      const { expiresIn } = JSON.parse(body.toString()) as { expiresIn: number }
      const token = randomBytes(12).toString('hex')
      tokens.set(token, { key: sign[1]!, exp: Date.now() + expiresIn * 1000 })
      return json(200, { signedURL: `/object/sign/${sign[1]}?token=${token}` })
    }
    const put = /^\/storage\/v1\/object\/(.+)$/.exec(url.pathname)
    if (req.method === 'POST' && put) {
      if (objects.has(put[1]!) && req.headers['x-upsert'] !== 'true') return json(400, { error: 'Duplicate' })
      objects.set(put[1]!, { data: body, type: String(req.headers['content-type']) })
      return json(200, { Key: put[1] })
    }
    const del = /^\/storage\/v1\/object\/([^/]+)$/.exec(url.pathname)
    if (req.method === 'DELETE' && del) {
      const { prefixes } = JSON.parse(body.toString()) as { prefixes: string[] }
      for (const p of prefixes) objects.delete(`${del[1]}/${p}`)
      return json(200, [])
    }
    json(404, { message: 'not found' })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    serviceKey,
    objects,
    close: () => new Promise((r) => server.close(() => r())),
  }
}
