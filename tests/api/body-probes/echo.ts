import type { VercelRequest, VercelResponse } from '@vercel/node'

/**
 * Probe for `tests/api/vercel-body.test.ts`: reports what a function sees of its request body —
 * `req.body` as Vercel's helpers give it (or the error its getter throws) and the bytes still
 * readable from the request stream with `data`/`end` listeners, as busboy or a raw reader reads them.
 */
export default async function echo(req: VercelRequest, res: VercelResponse): Promise<void> {
  let body: unknown
  let bodyError: string | undefined
  try {
    body = req.body
  } catch (err) {
    bodyError = (err as Error).name
  }
  // a stream already drained by someone else never ends: report that instead of hanging
  const streamed = await new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = []
    const timer = setTimeout(() => resolve(null), 1000)
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks))
    })
    req.on('error', reject)
  })
  res.json({
    kind: bodyError
      ? 'throws'
      : Buffer.isBuffer(body)
        ? 'buffer'
        : body === undefined
          ? 'undefined'
          : typeof body,
    value: Buffer.isBuffer(body) ? body.toString('base64') : body === undefined ? null : body,
    bodyError: bodyError ?? null,
    streamed: streamed?.toString('base64') ?? null,
  })
}
