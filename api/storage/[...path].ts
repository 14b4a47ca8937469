import { z } from 'zod'
import { AppError } from '../_lib/http/errors'
import { method, route } from '../_lib/http/route'
import { readSigned } from '../_lib/storage/local'
import { BUCKETS } from '../_lib/storage/store'

const Query = z.object({
  path: z.union([z.array(z.string()), z.string()]),
  exp: z.coerce.number().int(),
  sig: z.string().max(100),
})

/** Serves local-store objects to holders of a signed URL (the stand-in for Supabase Storage). */
export default route({
  GET: method({
    auth: 'none',
    query: Query,
    async handler({ query, res }) {
      const parts = Array.isArray(query.path) ? query.path : query.path.split('/')
      const [bucket, ...rest] = parts
      if (!bucket || !(BUCKETS as readonly string[]).includes(bucket) || rest.length === 0) {
        throw new AppError('not_found', '文件不存在')
      }
      const obj = await readSigned(bucket, rest.join('/'), query.exp, query.sig).catch(() => null)
      if (!obj) throw new AppError('forbidden', '文件链接无效或已过期')
      res.setHeader('content-type', obj.contentType)
      res.setHeader('cache-control', 'private, max-age=300')
      res.status(200).send(obj.data)
      return undefined
    },
  }),
})
