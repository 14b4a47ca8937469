import { afterAll, beforeAll } from 'vitest'
import { type DevServer, startDevServer } from '../../scripts/devserver/server'

/** Starts the API on a random loopback port for the current test file; returns a live handle. */
export function withApi(opts: { staticDir?: string } = {}): { readonly url: string; server(): DevServer } {
  let server: DevServer | undefined
  beforeAll(async () => {
    server = await startDevServer({ staticDir: opts.staticDir })
  })
  afterAll(async () => {
    await server?.close()
  })
  return {
    get url() {
      if (!server) throw new Error('API not started yet')
      return server.url
    },
    server: () => server!,
  }
}

export interface JsonResponse<T = unknown> {
  status: number
  body: T
  headers: Headers
}

// biome-ignore lint/suspicious/noExplicitAny: tests assert on loosely typed JSON bodies
export async function call<T = any>(
  base: string,
  path: string,
  opts: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  let body: BodyInit | undefined
  if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/json'
    body =
      typeof opts.body === 'string' || opts.body instanceof Uint8Array
        ? (opts.body as BodyInit)
        : JSON.stringify(opts.body)
  }
  const res = await fetch(base + path, { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body })
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    // not JSON: leave the text for the assertion to show
  }
  return { status: res.status, body: parsed as T, headers: res.headers }
}
