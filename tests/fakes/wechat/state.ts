/** Everything the fake WeChat server remembers: apps, login codes, tokens, users, templates, quotas. */
import { randomBytes } from 'node:crypto'

export type AppKind = 'mp' | 'oa'

export interface FakeApp {
  appid: string
  secret: string
  kind: AppKind
}

/** The mini-program `npm start` configures when no real WeChat credentials are set. */
export const FAKE_MP_APP: FakeApp = { appid: 'wxfakeappid000000', secret: 'fake-secret', kind: 'mp' }
/** The official account (公众号) the fake knows by default. */
export const FAKE_OA_APP: FakeApp = { appid: 'wxfakeoaappid0000', secret: 'fake-oa-secret', kind: 'oa' }

export interface FakeLimits {
  /** wx.login codes live 5 minutes. */
  codeTtlMs: number
  /** Lifetime of an access token. */
  tokenTtlSeconds: number
  /** 45011 once one openid logs in more often than this within a minute (WeChat: 100). */
  loginPerOpenidPerMinute: number
  /** Force refreshes closer together than this return the current token unchanged (WeChat: 30 s). */
  forceRefreshMinIntervalMs: number
  /** 45009 after this many force refreshes within 24 hours (WeChat: 20). */
  forceRefreshDailyLimit: number
  /** Accept `dev:<openid>` login codes (see README). */
  acceptDevCodes: boolean
}

export const DEFAULT_LIMITS: FakeLimits = {
  codeTtlMs: 5 * 60_000,
  tokenTtlSeconds: 7200,
  loginPerOpenidPerMinute: 100,
  forceRefreshMinIntervalMs: 30_000,
  forceRefreshDailyLimit: 20,
  acceptDevCodes: true,
}

/** Normal-mode stable_token calls in a token's last 5 minutes already get the next token. */
export const TOKEN_ROLLOVER_MS = 5 * 60_000

export interface LoginCode {
  /** null: any mini-program app of the fake may redeem it (dev codes). */
  appid: string | null
  openid: string
  unionid?: string
  issuedAt: number
  usedAt?: number
}

export interface TokenRecord {
  token: string
  appid: string
  kind: AppKind
  issuedAt: number
  expiresAt: number
  /** Replaced by a force refresh: answers 40001 from then on. */
  revoked: boolean
}

export interface SentMessage {
  kind: 'subscribe' | 'template'
  msgid: number
  touser: string
  template_id: string
  data: Record<string, unknown>
  page?: string
  url?: string
  miniprogram?: { appid?: string; pagepath?: string }
  time: number
}

export function randomToken(): string {
  // Real tokens look like `86_` followed by ~130 url-safe characters.
  return `86_${randomBytes(96).toString('base64url')}`
}

export const TOKEN_SHAPE = /^\d+_[A-Za-z0-9_-]{20,}$/

export function rid(): string {
  const part = () => randomBytes(4).toString('hex')
  return `${part()}-${part()}-${part()}`
}

export class FakeState {
  limits: FakeLimits = { ...DEFAULT_LIMITS }
  offsetMs = 0
  busy = false
  readonly apps = new Map<string, FakeApp>()
  readonly codes = new Map<string, LoginCode>()
  readonly tokens = new Map<string, TokenRecord>()
  readonly currentToken = new Map<string, TokenRecord>()
  readonly forceRefreshes = new Map<string, number[]>()
  readonly mpUsers = new Set<string>()
  /** Official-account users the fake has seen: openid → following now. */
  readonly oaUsers = new Map<string, boolean>()
  /** Official-account openid → unionid (the open platform binds the account and the mini-program). */
  readonly oaUnionids = new Map<string, string>()
  /** `${kind}:${templateId}` → keyword names. */
  readonly templates = new Map<string, string[]>()
  readonly pages = new Set<string>()
  /** `${openid}|${templateId}` → remaining one-time subscriptions. */
  readonly quotas = new Map<string, number>()
  readonly loginHits = new Map<string, number[]>()
  readonly messages: SentMessage[] = []
  private msgid = 2_000_000_000

  constructor(apps: FakeApp[]) {
    for (const app of apps) this.apps.set(app.appid, app)
  }

  now(): number {
    return Date.now() + this.offsetMs
  }

  nextMsgid(): number {
    this.msgid += 1
    return this.msgid
  }

  issueLoginCode(user: { openid: string; unionid?: string; appid?: string }): string {
    const code = randomBytes(16).toString('hex')
    this.codes.set(code, {
      appid: user.appid ?? this.defaultApp('mp')?.appid ?? null,
      openid: user.openid,
      unionid: user.unionid,
      issuedAt: this.now(),
    })
    return code
  }

  defaultApp(kind: AppKind): FakeApp | undefined {
    for (const app of this.apps.values()) if (app.kind === kind) return app
    return undefined
  }

  /** Counts a login for the openid; false once the per-minute quota is used up. */
  allowLogin(openid: string): boolean {
    const now = this.now()
    const hits = (this.loginHits.get(openid) ?? []).filter((t) => now - t < 60_000)
    if (hits.length >= this.limits.loginPerOpenidPerMinute) {
      this.loginHits.set(openid, hits)
      return false
    }
    hits.push(now)
    this.loginHits.set(openid, hits)
    return true
  }

  issueToken(app: FakeApp): TokenRecord {
    const now = this.now()
    const record: TokenRecord = {
      token: randomToken(),
      appid: app.appid,
      kind: app.kind,
      issuedAt: now,
      expiresAt: now + this.limits.tokenTtlSeconds * 1000,
      revoked: false,
    }
    this.tokens.set(record.token, record)
    this.currentToken.set(app.appid, record)
    return record
  }

  templateKey(kind: AppKind, templateId: string): string {
    return `${kind}:${templateId}`
  }

  quotaKey(openid: string, templateId: string): string {
    return `${openid}|${templateId}`
  }
}
