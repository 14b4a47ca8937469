import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '../../api/_lib/http/errors'
import {
  code2Session,
  isWechatError,
  keywords,
  toAppError,
  WechatError,
  wechatApiBase,
  wechatApp,
} from '../../api/_lib/wechat'
import { FAKE_MP_APP, startFakeWechat } from '../fakes/wechat/server'
import { withFakeWechat } from './support'

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected the call to fail')
}

describe('WeChat client: code2Session and errors (against the fake)', () => {
  const ctx = withFakeWechat()
  beforeEach(() => ctx.fake.clearRequests())
  afterEach(() => {
    delete process.env.WECHAT_TIMEOUT_MS
  })

  it('reads env on every call', () => {
    expect(wechatApiBase()).toBe(ctx.fake.url)
    const saved = process.env.WECHAT_API_BASE
    process.env.WECHAT_API_BASE = 'http://127.0.0.1:1/'
    expect(wechatApiBase()).toBe('http://127.0.0.1:1')
    delete process.env.WECHAT_API_BASE
    expect(wechatApiBase()).toBe('https://api.weixin.qq.com')
    process.env.WECHAT_API_BASE = saved
  })

  it('exchanges a code for openid, session key and unionid', async () => {
    const code = ctx.fake.issueLoginCode({ openid: 'o_client', unionid: 'u_client' })
    const session = await code2Session(code)
    expect(session).toEqual({ openid: 'o_client', sessionKey: expect.any(String), unionid: 'u_client' })
    expect(ctx.fake.requests).toHaveLength(1)
    expect(ctx.fake.requests[0]!.query).toEqual({
      appid: FAKE_MP_APP.appid,
      secret: FAKE_MP_APP.secret,
      js_code: code,
      grant_type: 'authorization_code',
    })
    expect(await code2Session('dev:o_dev_client')).toEqual({
      openid: 'o_dev_client',
      sessionKey: expect.any(String),
    })
  })

  it('40029 / 40163 become WechatError, and invalid_login_code (400) with a Chinese message', async () => {
    const bad = await caught(code2Session('not-a-code'))
    expect(bad).toBeInstanceOf(WechatError)
    expect(bad).toMatchObject({ errcode: 40029, reason: 'errcode', op: 'code2Session', retryable: false })
    expect(isWechatError(bad, 40029)).toBe(true)
    const app = toAppError(bad)
    expect(app).toBeInstanceOf(AppError)
    expect(app).toMatchObject({
      code: 'invalid_login_code',
      status: 400,
      message: '微信登录凭证无效或已过期，请重新登录',
    })
    expect(app.details).toMatchObject({ errcode: 40029, op: 'code2Session' })

    const code = ctx.fake.issueLoginCode({ openid: 'o_twice' })
    await code2Session(code)
    const used = await caught(code2Session(code))
    expect(used).toMatchObject({ errcode: 40163 })
    expect(toAppError(used)).toMatchObject({
      code: 'invalid_login_code',
      message: '微信登录凭证已被使用，请重新登录',
    })
  })

  it('-1 busy and 45011 become upstream_unavailable (503) and are retryable', async () => {
    ctx.fake.setBusy(true)
    const busy = await caught(code2Session('dev:o_busy'))
    ctx.fake.setBusy(false)
    expect(busy).toMatchObject({ errcode: -1, retryable: true })
    expect(toAppError(busy)).toMatchObject({
      code: 'upstream_unavailable',
      status: 503,
      message: '微信服务繁忙，请稍后再试',
    })

    ctx.fake.failNext('/sns/', { errcode: 45011, errmsg: 'api minute-quota reach limit' })
    const limited = await caught(code2Session('dev:o_limited'))
    expect(limited).toMatchObject({ errcode: 45011, retryable: true })
    expect(toAppError(limited).code).toBe('upstream_unavailable')
  })

  it('wrong credentials are a configuration problem (wechat_error)', async () => {
    const saved = process.env.WECHAT_SECRET
    process.env.WECHAT_SECRET = 'wrong'
    try {
      const e = await caught(code2Session('dev:o_cfg'))
      expect(e).toMatchObject({ errcode: 40125 })
      expect(toAppError(e)).toMatchObject({ code: 'wechat_error', message: '微信服务配置异常，请联系管理员' })
    } finally {
      process.env.WECHAT_SECRET = saved
    }
  })

  it('gives up after WECHAT_TIMEOUT_MS: reason timeout, upstream_unavailable', async () => {
    process.env.WECHAT_TIMEOUT_MS = '250'
    ctx.fake.failNext('/sns/jscode2session', 'timeout')
    const started = Date.now()
    const e = await caught(code2Session('dev:o_slow'))
    const took = Date.now() - started
    expect(took).toBeGreaterThanOrEqual(240)
    expect(took).toBeLessThan(3000)
    expect(e).toMatchObject({ reason: 'timeout', errcode: null, retryable: true })
    expect(toAppError(e)).toMatchObject({
      code: 'upstream_unavailable',
      message: '连接微信服务超时，请稍后再试',
    })
    expect(ctx.fake.requests.at(-1)!.injected).toBe('timeout')
  })

  it('HTTP 500 is reason http_status and retryable', async () => {
    ctx.fake.failNext('/sns/jscode2session', 'http500')
    const e = await caught(code2Session('dev:o_500'))
    expect(e).toMatchObject({ reason: 'http_status', httpStatus: 500, retryable: true })
    expect(toAppError(e).code).toBe('upstream_unavailable')
  })

  it('no server at all is reason network', async () => {
    const gone = await startFakeWechat()
    await gone.close()
    const saved = process.env.WECHAT_API_BASE
    process.env.WECHAT_API_BASE = gone.url
    try {
      const e = await caught(code2Session('dev:o_net'))
      expect(e).toMatchObject({ reason: 'network', retryable: true })
      expect(toAppError(e).status).toBe(503)
    } finally {
      process.env.WECHAT_API_BASE = saved
    }
  })

  it('missing credentials are an AppError before any call', async () => {
    const saved = process.env.WECHAT_OA_APPID
    delete process.env.WECHAT_OA_APPID
    try {
      expect(() => wechatApp('oa')).toThrow(AppError)
      expect(() => wechatApp('oa')).toThrow('微信公众号未配置，暂时无法发送公众号消息')
    } finally {
      process.env.WECHAT_OA_APPID = saved
    }
  })

  it('never logs secrets, codes or tokens', async () => {
    const lines: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk))
      return true
    })
    const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk))
      return true
    })
    const level = process.env.LOG_LEVEL
    process.env.LOG_LEVEL = 'debug'
    try {
      const code = ctx.fake.issueLoginCode({ openid: 'o_log' })
      await code2Session(code)
      await caught(code2Session(code))
      const out = lines.join('')
      expect(out).toContain('"op":"code2Session"')
      expect(out).not.toContain(FAKE_MP_APP.secret)
      expect(out).not.toContain(code)
    } finally {
      process.env.LOG_LEVEL = level
      spy.mockRestore()
      errSpy.mockRestore()
    }
  })

  it('toAppError passes AppErrors through and hides anything else as internal', () => {
    const app = new AppError('forbidden')
    expect(toAppError(app)).toBe(app)
    expect(toAppError(new Error('boom')).code).toBe('internal')
  })
})

describe('WeChat client: keyword helpers', () => {
  it('thing() cuts to 20 characters with an ellipsis; never empty', () => {
    expect(keywords.thing('短标题')).toBe('短标题')
    const long = keywords.thing('哈尔滨工业大学2027届秋季校园双选会（第二场）')
    expect([...long]).toHaveLength(20)
    expect(long.endsWith('…')).toBe(true)
    expect(keywords.thing('  ')).toBe('-')
  })

  it('time() and date() use China time', () => {
    const at = new Date('2026-11-24T06:05:00Z')
    expect(keywords.date(at)).toBe('2026年11月24日')
    expect(keywords.time(at)).toBe('2026年11月24日 14:05')
    expect(keywords.time(new Date('2026-12-31T16:30:00Z'))).toBe('2027年1月1日 00:30')
  })
})
