import type { VercelRequest, VercelResponse } from '@vercel/node'

/**
 * The mini-program is not subject to CORS and the H5 build is served from the API's origin; other
 * browser origins (a separately hosted H5 console) are allowed only when listed in CORS_ORIGINS.
 * Returns true when it answered a preflight.
 */
export function applyCors(req: VercelRequest, res: VercelResponse): boolean {
  const origin = req.headers.origin
  const allowed = (process.env.CORS_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (origin && allowed.includes(origin)) {
    res.setHeader('access-control-allow-origin', origin)
    res.setHeader('vary', 'origin')
    res.setHeader('access-control-allow-headers', 'authorization, content-type, idempotency-key')
    res.setHeader('access-control-expose-headers', 'idempotent-replayed, x-request-id')
    res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
    res.setHeader('access-control-max-age', '600')
  }
  if (req.method === 'OPTIONS') {
    res.status(204).end()
    return true
  }
  return false
}
