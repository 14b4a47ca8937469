import type { VercelResponse } from '@vercel/node'
import { z } from 'zod'
import { AppError } from '../_lib/http/errors'
import { PLATFORM_MAX_BODY_BYTES, readRawBody } from '../_lib/http/raw-body'
import { method, route } from '../_lib/http/route'
import { readSigned, writeSigned } from '../_lib/storage/local'
import { type Bucket, isBucket, isValidKey } from '../_lib/storage/store'

const Query = z.object({
  path: z.union([z.array(z.string()), z.string()]),
  exp: z.coerce.number().int(),
  sig: z.string().max(100),
})

const Stored = z.object({ stored: z.literal(true) })

/** Types a browser may show inline; anything else is sent as a download. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg'])

function target(pathParam: string[] | string): { bucket: Bucket; key: string } {
  const [bucket, ...rest] = Array.isArray(pathParam) ? pathParam : pathParam.split('/')
  const key = rest.join('/')
  if (!bucket || !isBucket(bucket) || !isValidKey(key)) throw new AppError('not_found', '文件不存在')
  return { bucket, key }
}

/**
 * Stored bytes come from users: the browser must take them as the type we say (nosniff), never run
 * them as a page of our origin (a sandboxing CSP), and download what is not an image.
 */
function sendObject(res: VercelResponse, data: Buffer, contentType: string): void {
  const inline = INLINE_TYPES.has(contentType)
  res.setHeader('content-type', inline ? contentType : 'application/octet-stream')
  res.setHeader('x-content-type-options', 'nosniff')
  res.setHeader('content-security-policy', "default-src 'none'; sandbox")
  if (!inline) res.setHeader('content-disposition', 'attachment')
  res.setHeader('cache-control', 'private, max-age=300')
  res.status(200).send(data)
}

/** The local stand-in for Supabase Storage's signed endpoints: read by signed URL, upload by signed upload URL. */
export default route({
  GET: method({
    auth: 'none',
    query: Query,
    // the stored file itself
    response: 'raw',
    async handler({ query, res }) {
      const { bucket, key } = target(query.path)
      const obj = await readSigned(bucket, key, query.exp, query.sig)
      if (!obj) throw new AppError('forbidden', '文件链接无效或已过期')
      sendObject(res, obj.data, obj.contentType)
      return undefined
    },
  }),
  PUT: method({
    auth: 'none',
    query: Query,
    response: Stored,
    async handler({ query, req }) {
      const { bucket, key } = target(query.path)
      const type = String(req.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase()
      // the file's bytes as sent (a parsed JSON or form body is refused there)
      const data = await readRawBody(req, PLATFORM_MAX_BODY_BYTES)
      if (data.length === 0 || !/^[a-z]+\/[a-z0-9.+-]{1,100}$/.test(type)) {
        throw new AppError('bad_request', '请以文件内容（并注明类型）上传')
      }
      const outcome = await writeSigned(bucket, key, query.exp, query.sig, data, type)
      if (outcome === 'forbidden') throw new AppError('forbidden', '上传链接无效或已过期')
      if (outcome === 'exists') throw new AppError('conflict', '该文件已上传，请重新获取上传链接')
      return { stored: true as const }
    },
  }),
})
