import { afterAll, beforeAll } from 'vitest'
import type { z } from 'zod'
import { type DevServer, startDevServer } from '../../scripts/devserver/server'
import { ErrorBody } from '../../src/contracts/errors'

/** Starts the API on a random loopback port for the current test file; returns a live handle. */
export function withApi(opts: { staticDir?: string; apiDir?: string } = {}): {
  readonly url: string
  server(): DevServer
} {
  let server: DevServer | undefined
  beforeAll(async () => {
    server = await startDevServer({ staticDir: opts.staticDir, apiDir: opts.apiDir })
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

/**
 * One HTTP request to the API; the body is `unknown` on purpose: parse it with the route's response
 * schema (`callParsed`, `expectOk`, `parseAnswer`) or, for non-JSON answers, assert on it as text.
 */
export async function call(
  base: string,
  path: string,
  opts: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse> {
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
  return { status: res.status, body: parsed, headers: res.headers }
}

export type CallOptions = Parameters<typeof call>[2]

/**
 * An answer checked against the API's contracts: a 2xx body parsed with the route's response
 * schema (`body`), any other with `ErrorBody` (`error`). Reading the side the answer is not on
 * fails the test with the status and body, so `expect(r.status)` can come first.
 */
export interface Parsed<T> {
  status: number
  headers: Headers
  /** the 2xx body, parsed (unknown keys stripped, as the client sees it) */
  readonly body: T
  /** the error of a non-2xx answer */
  readonly error: ErrorBody['error']
  /** the body exactly as sent */
  raw: unknown
}

function describeAnswer(r: { status: number; body: unknown }): string {
  return `${r.status} ${JSON.stringify(r.body)?.slice(0, 500)}`
}

/** Checks a raw answer against `schema` (2xx) or `ErrorBody` (otherwise); a mismatch throws. */
export function parseAnswer<S extends z.ZodType>(schema: S, r: JsonResponse): Parsed<z.output<S>> {
  const ok = r.status >= 200 && r.status < 300
  const parsed = (ok ? schema : ErrorBody).safeParse(r.body)
  if (!parsed.success) {
    throw new Error(
      `answer does not match its ${ok ? 'response schema' : 'ErrorBody'}: ${describeAnswer(r)}\n${parsed.error.message}`,
    )
  }
  return {
    status: r.status,
    headers: r.headers,
    raw: r.body,
    get body(): z.output<S> {
      if (!ok) throw new Error(`expected a 2xx answer, got ${describeAnswer(r)}`)
      return parsed.data as z.output<S>
    },
    get error(): ErrorBody['error'] {
      if (ok) throw new Error(`expected an error answer, got ${describeAnswer(r)}`)
      return (parsed.data as ErrorBody).error
    },
  }
}

/** The error of an answer that has no response schema (an unknown path, a download's refusal). */
export function errorOf(r: JsonResponse): ErrorBody['error'] {
  if (r.status >= 200 && r.status < 300) throw new Error(`expected an error answer, got ${describeAnswer(r)}`)
  return ErrorBody.parse(r.body).error
}

/** `call` whose answer is parsed with the route's response schema (see `Parsed`). */
export async function callParsed<S extends z.ZodType>(
  schema: S,
  base: string,
  path: string,
  opts: CallOptions = {},
): Promise<Parsed<z.output<S>>> {
  return parseAnswer(schema, await call(base, path, opts))
}

/** The 2xx body parsed with `schema`; anything else fails the test with the answer. */
export async function expectOk<S extends z.ZodType>(
  schema: S,
  base: string,
  path: string,
  opts: CallOptions = {},
): Promise<z.output<S>> {
  return (await callParsed(schema, base, path, opts)).body
}
