/** Shared by the WeChat tests: a fake per test file and plain HTTP calls against it. */
import { afterAll, beforeAll } from 'vitest'
import {
  FAKE_MP_APP,
  FAKE_OA_APP,
  type FakeWechat,
  type FakeWechatOptions,
  startFakeWechat,
} from '../fakes/wechat/server'

/** Starts a fake for the file and points the client's env at it. */
export function withFakeWechat(opts: FakeWechatOptions = {}): { readonly fake: FakeWechat } {
  let fake: FakeWechat | undefined
  beforeAll(async () => {
    fake = await startFakeWechat(opts)
    // The client warns on every failed call; these tests fail calls on purpose.
    process.env.LOG_LEVEL = 'error'
    process.env.WECHAT_API_BASE = fake.url
    process.env.WECHAT_APPID = FAKE_MP_APP.appid
    process.env.WECHAT_SECRET = FAKE_MP_APP.secret
    process.env.WECHAT_OA_APPID = FAKE_OA_APP.appid
    process.env.WECHAT_OA_SECRET = FAKE_OA_APP.secret
  })
  afterAll(async () => {
    await fake?.close()
  })
  return {
    get fake() {
      if (!fake) throw new Error('fake WeChat not started yet')
      return fake
    },
  }
}

// biome-ignore lint/suspicious/noExplicitAny: tests assert on loosely typed JSON bodies
export type Json = Record<string, any>

export async function getJson(base: string, path: string, query: Record<string, string>): Promise<Json> {
  const url = new URL(path, base)
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v)
  const res = await fetch(url)
  return (await res.json()) as Json
}

export async function postJson(
  base: string,
  path: string,
  body: unknown,
  query: Record<string, string> = {},
): Promise<{ status: number; contentType: string; json?: Json; raw: Buffer }> {
  const url = new URL(path, base)
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v)
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const raw = Buffer.from(await res.arrayBuffer())
  const contentType = res.headers.get('content-type') ?? ''
  const json = contentType.includes('json') ? (JSON.parse(raw.toString('utf8')) as Json) : undefined
  return { status: res.status, contentType, json, raw }
}

export function login(fake: FakeWechat, code: string, app = FAKE_MP_APP): Promise<Json> {
  return getJson(fake.url, '/sns/jscode2session', {
    appid: app.appid,
    secret: app.secret,
    js_code: code,
    grant_type: 'authorization_code',
  })
}

export async function stableToken(
  fake: FakeWechat,
  opts: { app?: typeof FAKE_MP_APP; force?: boolean } = {},
): Promise<Json> {
  const app = opts.app ?? FAKE_MP_APP
  const body: Json = { grant_type: 'client_credential', appid: app.appid, secret: app.secret }
  if (opts.force) body.force_refresh = true
  return (await postJson(fake.url, '/cgi-bin/stable_token', body)).json!
}

/** A valid token for the app, straight from the fake. */
export async function tokenFor(fake: FakeWechat, app = FAKE_MP_APP): Promise<string> {
  const json = await stableToken(fake, { app })
  if (typeof json.access_token !== 'string') throw new Error(`no token: ${JSON.stringify(json)}`)
  return json.access_token
}
