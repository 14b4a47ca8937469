/**
 * The one way an upload route reads its request's bytes, on Vercel and on the dev server alike.
 *
 * Vercel's Node helpers (`@vercel/node`: `getBodyParser`, `restoreBody`) parse `req.body` for four
 * types only: JSON and form bodies become objects, `text/plain` a string, `application/octet-stream`
 * a Buffer. For every other type — multipart/form-data, text/csv, XLSX, images — `req.body` is
 * `undefined`, and the bytes are read from the request stream, which Vercel restores after reading
 * it (a PassThrough behind `req.on('data' | 'end')`).
 */
import type { IncomingMessage } from 'node:http'
import type { VercelRequest } from '@vercel/node'
import { AppError } from './errors'

/** Vercel refuses request bodies over 4.5 MB before the function runs; the dev server does too. */
export const PLATFORM_MAX_BODY_BYTES = 4.5 * 1024 * 1024

function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `上传内容不能超过${(maxBytes / 1024 / 1024).toFixed(1)}MB`)
}

/**
 * The request's bytes: `req.body` when the platform made it a Buffer (octet-stream), else the
 * request stream. A `text/plain` body is read from the stream too, because `req.body` is then
 * Vercel's UTF-8 decoding of it, which would ruin a GB18030 CSV. A body the platform parsed as
 * JSON or a form is not a file (400 `bad_request`), nor is malformed JSON (the getter throws).
 * More than `maxBytes` → 413 `payload_too_large`.
 */
export async function readRawBody(req: VercelRequest, maxBytes: number): Promise<Buffer> {
  let body: unknown
  try {
    body = req.body
  } catch (err) {
    throw new AppError('bad_request', '请求内容不是有效的 JSON', { cause: err })
  }
  if (Buffer.isBuffer(body)) {
    if (body.length > maxBytes) throw tooLarge(maxBytes)
    return body
  }
  if (body !== undefined && typeof body !== 'string') {
    throw new AppError('bad_request', '请上传文件本身（表单文件或文件内容），而不是 JSON 或表单字段')
  }
  return readStream(req, maxBytes)
}

/**
 * Listens with `data`/`end`, the events Vercel's restored stream answers (it replaces `req.on`
 * for those two and `req.read`; `'readable'` and async iteration would still go to the drained
 * original).
 */
function readStream(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      fn()
    }
    req.on('data', (chunk: Buffer | string) => {
      if (settled) return
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += b.length
      if (size > maxBytes) settle(() => reject(tooLarge(maxBytes)))
      else chunks.push(b)
    })
    req.on('end', () => settle(() => resolve(Buffer.concat(chunks, size))))
    req.on('error', (err) =>
      settle(() => reject(new AppError('bad_request', '上传内容没有收完整，请重试', { cause: err }))),
    )
  })
}
