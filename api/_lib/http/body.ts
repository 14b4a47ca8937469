import type { VercelRequest } from '@vercel/node'
import { AppError } from './errors'

/**
 * Vercel parses `req.body` lazily, and its getter throws on malformed JSON (an `ApiError` of its
 * own, which our error mapping would answer with a 500). Route code and `readRawBody` read
 * `req.body` directly, so the getter itself is wrapped once per request:
 * whoever reads the body first gets a 400 `bad_request`. A body already parsed is left alone.
 */
export function guardBody(req: VercelRequest): void {
  const desc = Object.getOwnPropertyDescriptor(req, 'body')
  const get = desc?.get
  if (!desc || !get || !desc.configurable) return
  Object.defineProperty(req, 'body', {
    configurable: true,
    enumerable: desc.enumerable,
    get() {
      try {
        return get.call(req)
      } catch (err) {
        throw new AppError('bad_request', '请求内容不是有效的 JSON', { cause: err })
      }
    },
    set: desc.set,
  })
}
