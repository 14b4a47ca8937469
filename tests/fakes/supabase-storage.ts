/**
 * A loopback stand-in for Supabase Storage's HTTP API as `@supabase/supabase-js` (storage-js)
 * calls it: upload, signed download URL, signed upload URL and the upload to it, read by token,
 * delete by prefixes. Paths, headers and answers follow storage-js' `StorageFileApi` and the
 * Storage server (a gateway that wants `apikey`; the service key as bearer; signed endpoints
 * that take only their token). Every request is recorded so tests can assert what was sent.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeStorage {
  url: string
  serviceKey: string
  /** `bucket/key` → object */
  objects: Map<string, { data: Buffer; type: string }>
  requests: Array<{ method: string; path: string; headers: IncomingHttpHeaders }>
  /** awaited before a signed download URL is answered: a test makes signing slow and looks around */
  beforeSign?: () => Promise<void> | void
  close(): Promise<void>
}

interface Token {
  purpose: 'read' | 'upload'
  object: string
  exp: number
  upsert?: boolean
}

export async function startFakeStorage(): Promise<FakeStorage> {
  const serviceKey = `service-${randomBytes(8).toString('hex')}`
  const objects = new Map<string, { data: Buffer; type: string }>()
  const requests: FakeStorage['requests'] = []
  const tokens = new Map<string, Token>()
  const newToken = (t: Token) => {
    const token = randomBytes(16).toString('hex')
    tokens.set(token, t)
    return token
  }
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', 'http://x')
    const path = decodeURIComponent(url.pathname)
    requests.push({ method: req.method ?? '', path, headers: req.headers })
    const json = (status: number, v: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(v))
    }
    // the Storage server answers most errors with HTTP 400 and the real status in `statusCode`
    const fail = (statusCode: string, error: string, message: string) =>
      json(400, { statusCode, error, message })
    const token = (purpose: Token['purpose'], object: string) => {
      const t = tokens.get(url.searchParams.get('token') ?? '')
      return t && t.purpose === purpose && t.object === object && t.exp > Date.now() ? t : undefined
    }
    const readBody = () => {
      const type = String(req.headers['content-type'] ?? '')
      if (type.startsWith('multipart/')) return null // storage-js sends raw bytes for a Buffer
      return { data: body, type: type || 'application/octet-stream' }
    }

    if (!path.startsWith('/storage/v1/')) return json(404, { message: 'no Route matched with those values' })
    const rest = path.slice('/storage/v1'.length)

    // signed endpoints: the token is the only credential (what a mini-program or browser holds)
    let m = /^\/object\/sign\/(.+)$/.exec(rest)
    if (req.method === 'GET' && m) {
      const obj = token('read', m[1]!) ? objects.get(m[1]!) : undefined
      if (!obj) return fail('400', 'InvalidJWT', 'invalid signature')
      res.writeHead(200, { 'content-type': obj.type, 'x-content-type-options': 'nosniff' })
      return res.end(obj.data)
    }
    m = /^\/object\/upload\/sign\/(.+)$/.exec(rest)
    if (req.method === 'PUT' && m) {
      const t = token('upload', m[1]!)
      if (!t) return fail('400', 'InvalidJWT', 'invalid signature')
      if (objects.has(m[1]!) && !t.upsert) return fail('409', 'Duplicate', 'The resource already exists')
      const file = readBody()
      if (!file) return fail('400', 'InvalidRequest', 'this fake takes raw bodies only')
      objects.set(m[1]!, file)
      return json(200, { Key: m[1] })
    }

    // everything else wants the project's key twice: `apikey` for the gateway, bearer for Storage
    if (req.headers.apikey !== serviceKey) return json(401, { message: 'No API key found in request' })
    if (req.headers.authorization !== `Bearer ${serviceKey}`)
      return fail('403', 'Unauthorized', 'invalid JWT')

    m = /^\/object\/upload\/sign\/(.+)$/.exec(rest)
    if (req.method === 'POST' && m) {
      return json(200, {
        url: `/object/upload/sign/${m[1]}?token=${newToken({
          purpose: 'upload',
          object: m[1]!,
          exp: Date.now() + 2 * 3600_000,
          upsert: req.headers['x-upsert'] === 'true',
        })}`,
      })
    }
    m = /^\/object\/sign\/(.+)$/.exec(rest)
    if (req.method === 'POST' && m) {
      await fake.beforeSign?.()
      if (!objects.has(m[1]!)) return fail('404', 'not_found', 'Object not found')
      const { expiresIn } = JSON.parse(body.toString()) as { expiresIn: number }
      const t = newToken({ purpose: 'read', object: m[1]!, exp: Date.now() + expiresIn * 1000 })
      return json(200, { signedURL: `/object/sign/${m[1]}?token=${t}` })
    }
    m = /^\/object\/([^/]+)$/.exec(rest)
    if (req.method === 'DELETE' && m) {
      const { prefixes } = JSON.parse(body.toString()) as { prefixes: string[] }
      const gone = prefixes.filter((p) => objects.delete(`${m![1]}/${p}`))
      return json(
        200,
        gone.map((name) => ({ name, bucket_id: m![1], id: randomUUID() })),
      )
    }
    m = /^\/object\/(.+)$/.exec(rest)
    if (req.method === 'POST' && m) {
      if (objects.has(m[1]!) && req.headers['x-upsert'] !== 'true') {
        return fail('409', 'Duplicate', 'The resource already exists')
      }
      const file = readBody()
      if (!file) return fail('400', 'InvalidRequest', 'this fake takes raw bodies only')
      objects.set(m[1]!, file)
      return json(200, { Key: m[1], Id: randomUUID() })
    }
    json(404, { message: 'not found' })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const { port } = server.address() as AddressInfo
  const fake: FakeStorage = {
    url: `http://127.0.0.1:${port}`,
    serviceKey,
    objects,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  }
  return fake
}
