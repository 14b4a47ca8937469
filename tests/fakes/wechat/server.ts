/**
 * The fake WeChat server: the HTTP APIs the project calls on api.weixin.qq.com, with WeChat's
 * request and response shapes and error codes, on loopback. Tests drive its state and inject
 * failures through the returned handle; other processes (npm start, e2e) through /__fake/* (admin.ts).
 * See README.md in this folder.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { handleAdmin } from './admin'
import { type Ctx, type Reply, SYSTEM_BUSY } from './reply'
import { jscode2session, stableToken } from './routes-auth'
import { userGet, userInfoBatchget } from './routes-followers'
import { subscribeSend, templateSend } from './routes-messages'
import { getWxacodeUnlimit } from './routes-wxacode'
import {
  type AppKind,
  FAKE_MP_APP,
  FAKE_OA_APP,
  type FakeApp,
  type FakeLimits,
  FakeState,
  type SentMessage,
} from './state'

export type { AppKind, FakeApp, FakeLimits, SentMessage } from './state'
export { FAKE_MP_APP, FAKE_OA_APP } from './state'

export type Failure = { errcode: number; errmsg: string } | 'timeout' | 'http500'

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  /** Parsed JSON body; the raw text when it was not JSON; undefined without a body. */
  body: unknown
  time: number
  /** Set when failure injection or busy mode answered instead of the endpoint. */
  injected?: 'errcode' | 'timeout' | 'http500' | 'busy'
}

export interface FakeWechatOptions {
  port?: number
  host?: '127.0.0.1'
  /** Accounts the fake accepts; default FAKE_MP_APP and FAKE_OA_APP. */
  apps?: FakeApp[]
  limits?: Partial<FakeLimits>
  templates?: { id: string; keywords: string[]; kind?: AppKind }[]
  pages?: string[]
}

export interface FakeWechat {
  readonly url: string
  readonly port: number
  close(): Promise<void>
  /** Every call to a WeChat endpoint (not /__fake/*), oldest first. */
  readonly requests: readonly RecordedRequest[]
  clearRequests(): void
  /** Recorded requests whose path starts with the prefix. */
  requestsTo(pathPrefix: string): RecordedRequest[]
  /** Messages the fake accepted (subscribe and template), oldest first. */
  readonly messages: readonly SentMessage[]

  registerApp(app: FakeApp): void
  /** A wx.login code for this user: works once, within 5 minutes, for `appid` (default: the mp app). */
  issueLoginCode(user: { openid: string; unionid?: string; appid?: string }): string
  /** Makes an openid known to the mini-program (as if it had logged in). */
  registerUser(openid: string): void
  /** Keywords are the data keys, e.g. ['thing1', 'time2', 'phrase3']; their prefix is their type. */
  registerTemplate(templateId: string, keywords: string[], kind?: AppKind): void
  /** Published mini-program pages, e.g. 'pages/index/index' (no leading slash). */
  registerPages(...pages: string[]): void
  /** The user accepted `count` more one-time subscriptions of the template (wx.requestSubscribeMessage). */
  grantSubscribe(openid: string, templateId: string, count?: number): void
  subscribeQuota(openid: string, templateId: string): number
  /** The user follows the official account; with the unionid that ties them to their mini-program openid. */
  addFollower(openid: string, unionid?: string): void
  removeFollower(openid: string): void
  /** The token stable_token would hand out now for the app (default: the mp app). */
  currentToken(appid?: string): string | undefined

  /** The next `times` calls whose path starts with the prefix fail this way. */
  failNext(pathPrefix: string, failure: Failure, times?: number): void
  /** Every access token issued so far answers 42001 from now on. */
  expireTokens(): void
  /** While busy, every call answers -1 system error. */
  setBusy(busy: boolean): void
  /**
   * Calls whose path starts with the prefix are answered this much later — after the endpoint
   * did its work, so a client that dies meanwhile leaves a message WeChat has (0 clears).
   */
  setLatency(pathPrefix: string, ms: number): void
  /** Moves the fake's clock forward (code and token expiry). */
  advanceTime(ms: number): void
  configure(limits: Partial<FakeLimits>): void
}

type Handler = (ctx: Ctx) => Reply | Promise<Reply>

const ROUTES: Record<string, Handler> = {
  '/sns/jscode2session': jscode2session,
  '/cgi-bin/stable_token': stableToken,
  '/cgi-bin/message/subscribe/send': subscribeSend,
  '/cgi-bin/message/template/send': templateSend,
  '/cgi-bin/user/get': userGet,
  '/cgi-bin/user/info/batchget': userInfoBatchget,
  '/wxa/getwxacodeunlimit': getWxacodeUnlimit,
}

const MAX_BODY = 1024 * 1024

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new Error('body too large'))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: http.ServerResponse, reply: Reply): void {
  if ('json' in reply) {
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(reply.json))
  } else {
    res.writeHead(reply.status ?? 200, {
      'content-type': reply.contentType,
      'content-length': reply.raw.length,
    })
    res.end(reply.raw)
  }
}

export async function startFakeWechat(opts: FakeWechatOptions = {}): Promise<FakeWechat> {
  const state = new FakeState(opts.apps ?? [FAKE_MP_APP, FAKE_OA_APP])
  Object.assign(state.limits, opts.limits)
  for (const t of opts.templates ?? [])
    state.templates.set(state.templateKey(t.kind ?? 'mp', t.id), t.keywords)
  for (const p of opts.pages ?? []) state.pages.add(p)
  const requests: RecordedRequest[] = []
  const failures: { prefix: string; failure: Failure; remaining: number }[] = []
  const held = new Set<http.ServerResponse>()
  const latency = new Map<string, number>()

  function takeFailure(path: string): Failure | undefined {
    const entry = failures.find((f) => f.remaining > 0 && path.startsWith(f.prefix))
    if (!entry) return undefined
    entry.remaining -= 1
    if (entry.remaining === 0) failures.splice(failures.indexOf(entry), 1)
    return entry.failure
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid')
    const method = req.method ?? 'GET'
    const text = await readBody(req)
    let body: unknown
    let bodyInvalid = false
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text)
      } catch {
        body = text
        bodyInvalid = true
      }
    }
    if (url.pathname.startsWith('/__fake/')) {
      send(res, handleAdmin(fake, method, url.pathname, bodyInvalid ? undefined : body))
      return
    }
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      time: state.now(),
    }
    requests.push(record)

    const failure = takeFailure(url.pathname)
    if (failure === 'timeout') {
      // Hold the request unanswered until the client gives up (or the fake closes).
      record.injected = 'timeout'
      held.add(res)
      res.on('close', () => held.delete(res))
      return
    }
    if (failure === 'http500') {
      record.injected = 'http500'
      res.writeHead(500, { 'content-type': 'text/html' })
      res.end('<html><body>500 Internal Server Error</body></html>')
      return
    }
    if (failure) {
      record.injected = 'errcode'
      send(res, { json: { errcode: failure.errcode, errmsg: failure.errmsg } })
      return
    }
    if (state.busy) {
      record.injected = 'busy'
      send(res, { json: { ...SYSTEM_BUSY } })
      return
    }
    const route = ROUTES[url.pathname]
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end('not found')
      return
    }
    const reply = await route({ state, method, query: record.query, body, bodyInvalid })
    const delay = [...latency].find(([prefix]) => url.pathname.startsWith(prefix))?.[1] ?? 0
    if (delay > 0) await new Promise((r) => setTimeout(r, delay))
    send(res, reply)
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`fake wechat error: ${err instanceof Error ? err.message : String(err)}`)
    })
  })
  const host = opts.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const mpAppid = () => state.defaultApp('mp')?.appid ?? ''

  const fake: FakeWechat = {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
    get requests() {
      return requests
    },
    clearRequests: () => {
      requests.length = 0
    },
    requestsTo: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
    get messages() {
      return state.messages
    },
    registerApp: (app) => {
      state.apps.set(app.appid, app)
    },
    issueLoginCode: (user) => state.issueLoginCode(user),
    registerUser: (openid) => {
      state.mpUsers.add(openid)
    },
    registerTemplate: (templateId, keywords, kind = 'mp') => {
      state.templates.set(state.templateKey(kind, templateId), [...keywords])
    },
    registerPages: (...pages) => {
      for (const p of pages) state.pages.add(p)
    },
    grantSubscribe: (openid, templateId, count = 1) => {
      const key = state.quotaKey(openid, templateId)
      state.quotas.set(key, (state.quotas.get(key) ?? 0) + count)
    },
    subscribeQuota: (openid, templateId) => state.quotas.get(state.quotaKey(openid, templateId)) ?? 0,
    addFollower: (openid, unionid) => {
      state.oaUsers.set(openid, true)
      if (unionid) state.oaUnionids.set(openid, unionid)
    },
    removeFollower: (openid) => {
      state.oaUsers.set(openid, false)
    },
    currentToken: (appid = mpAppid()) => state.currentToken.get(appid)?.token,
    failNext: (prefix, failure, times = 1) => {
      failures.push({ prefix, failure, remaining: times })
    },
    expireTokens: () => {
      const now = state.now()
      for (const t of state.tokens.values()) t.expiresAt = Math.min(t.expiresAt, now)
    },
    setBusy: (busy) => {
      state.busy = busy
    },
    setLatency: (prefix, ms) => {
      if (ms > 0) latency.set(prefix, ms)
      else latency.delete(prefix)
    },
    advanceTime: (ms) => {
      state.offsetMs += ms
    },
    configure: (limits) => {
      Object.assign(state.limits, limits)
    },
  }
  return fake
}
