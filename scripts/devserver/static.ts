import { createReadStream, existsSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

/**
 * Serves the H5 build; unknown paths get index.html so the client's router can take them.
 * Returns false, sending nothing, when the path's percent-encoding is malformed.
 */
export function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): boolean {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return false
  }
  const safe = path.normalize(decoded).replace(/^(\.\.[/\\])+/, '')
  let file = path.join(root, safe)
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
    file = path.join(root, 'index.html')
  }
  if (!existsSync(file)) {
    res.statusCode = 404
    res.setHeader('content-type', 'text/plain; charset=utf-8')
    res.end('H5 client not built: run `npm run build:h5`')
    return true
  }
  const ext = path.extname(file)
  res.statusCode = 200
  res.setHeader('content-type', TYPES[ext] ?? 'application/octet-stream')
  // hashed assets never change; index.html must always be fresh
  res.setHeader('cache-control', ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable')
  if (req.method === 'HEAD') {
    res.end()
    return true
  }
  createReadStream(file).pipe(res)
  return true
}
