/**
 * Gives Node's request/response the helpers Vercel's Node runtime adds (`req.query`, `req.body`,
 * `req.cookies`, `res.status/json/send/redirect`), with Vercel's body rules: JSON and form bodies
 * are parsed, malformed JSON throws when `req.body` is read, and bodies over 4.5 MB are refused.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { VercelRequest, VercelResponse } from '@vercel/node'

export const MAX_BODY_BYTES = 4.5 * 1024 * 1024

export class BodyTooLargeError extends Error {}

export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

function parseBody(raw: Buffer, contentType: string): () => unknown {
  if (raw.length === 0) return () => undefined
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  if (type === 'application/json' || type.endsWith('+json')) {
    let parsed: unknown
    let error: Error | undefined
    try {
      parsed = JSON.parse(raw.toString('utf8'))
    } catch {
      error = new Error('Invalid JSON')
    }
    return () => {
      if (error) throw error
      return parsed
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    const obj = Object.fromEntries(new URLSearchParams(raw.toString('utf8')))
    return () => obj
  }
  // Vercel decodes only text/plain; other types (text/csv included) arrive as a Buffer
  if (type === 'text/plain') return () => raw.toString('utf8')
  return () => raw
}

/** As Vercel's parser (the `cookie` package) does: a value that does not decode is kept as sent. */
function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i > 0) out[part.slice(0, i).trim()] = decodeCookieValue(part.slice(i + 1).trim())
  }
  return out
}

export function adapt(
  req: IncomingMessage,
  res: ServerResponse,
  raw: Buffer,
  url: URL,
  params: Record<string, string | string[]>,
): { vreq: VercelRequest; vres: VercelResponse } {
  const query: Record<string, string | string[]> = {}
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key)
    query[key] = all.length > 1 ? all : all[0]!
  }
  Object.assign(query, params)
  const getBody = parseBody(raw, String(req.headers['content-type'] ?? ''))
  const vreq = req as VercelRequest
  Object.defineProperty(vreq, 'query', { value: query, configurable: true })
  Object.defineProperty(vreq, 'cookies', { value: parseCookies(req.headers.cookie), configurable: true })
  Object.defineProperty(vreq, 'body', { get: getBody, configurable: true })

  const vres = res as VercelResponse
  vres.status = (code: number) => {
    res.statusCode = code
    return vres
  }
  vres.json = (value: unknown) => {
    if (!res.getHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8')
    res.end(JSON.stringify(value))
    return vres
  }
  vres.send = (value: unknown) => {
    if (Buffer.isBuffer(value)) {
      if (!res.getHeader('content-type')) res.setHeader('content-type', 'application/octet-stream')
      res.end(value)
    } else if (typeof value === 'object' && value !== null) {
      vres.json(value)
    } else {
      if (!res.getHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8')
      res.end(String(value ?? ''))
    }
    return vres
  }
  vres.redirect = ((a: number | string, b?: string) => {
    const [status, location] = typeof a === 'number' ? [a, b!] : [307, a]
    res.statusCode = status
    res.setHeader('location', location)
    res.end()
    return vres
  }) as VercelResponse['redirect']
  return { vreq, vres }
}
