/**
 * Issue 9 item 7: the forwarded headers count only where the platform (Vercel) or an own proxy
 * (TRUST_PROXY) wrote them, and throttle rows are pruned once their window ended.
 */
import type { VercelRequest } from '@vercel/node'
import { afterEach, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { clientIp, hitRateLimit } from '../../api/_lib/throttle/hit'
import { TokenResponse } from '../../src/contracts/auth'
import { callParsed, withApi } from '../support/api'

/**
 * Limits count in fixed windows aligned to the epoch (date_bin), so four hits that straddle a
 * minute's end land in two windows: start them where `needMs` still fits in the current minute.
 */
async function withinOneMinuteWindow(needMs: number): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000)
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 50))
}

const saved = { VERCEL: process.env.VERCEL, TRUST_PROXY: process.env.TRUST_PROXY }
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
})

function req(headers: Record<string, string>, remoteAddress = '10.0.0.9'): VercelRequest {
  return { headers, socket: { remoteAddress } } as unknown as VercelRequest
}

const SPOOFED = {
  'x-forwarded-for': '203.0.113.66',
  'x-real-ip': '203.0.113.67',
  'x-vercel-forwarded-for': '203.0.113.68',
}

describe('clientIp', () => {
  it('without VERCEL or TRUST_PROXY it is the socket address, whatever the headers say', () => {
    delete process.env.VERCEL
    delete process.env.TRUST_PROXY
    expect(clientIp(req(SPOOFED))).toBe('10.0.0.9')
  })

  it("on Vercel it is the address Vercel's edge wrote", () => {
    process.env.VERCEL = '1'
    expect(clientIp(req(SPOOFED))).toBe('203.0.113.67')
    expect(
      clientIp(req({ 'x-vercel-forwarded-for': '203.0.113.68', 'x-forwarded-for': '203.0.113.66' })),
    ).toBe('203.0.113.68')
    expect(clientIp(req({ 'x-forwarded-for': '203.0.113.66, 10.1.1.1' }))).toBe('203.0.113.66')
    expect(clientIp(req({}))).toBe('10.0.0.9')
  })

  it('behind TRUST_PROXY=N own proxies it is the N-th entry from the right, never a client-written one', () => {
    process.env.TRUST_PROXY = '1'
    // the client wrote 1.1.1.1; our proxy appended the address it saw
    expect(clientIp(req({ 'x-forwarded-for': '1.1.1.1, 198.51.100.7' }))).toBe('198.51.100.7')
    expect(clientIp(req({}))).toBe('10.0.0.9')
    process.env.TRUST_PROXY = '2'
    expect(clientIp(req({ 'x-forwarded-for': '1.1.1.1, 198.51.100.7, 10.0.0.2' }))).toBe('198.51.100.7')
    // fewer entries than proxies: the furthest one there is
    expect(clientIp(req({ 'x-forwarded-for': '198.51.100.7' }))).toBe('198.51.100.7')
  })
})

describe('through the dev server', () => {
  const api = withApi()

  it('a client rotating x-forwarded-for still hits the per-address login limit', async () => {
    delete process.env.VERCEL
    delete process.env.TRUST_PROXY
    const limit = process.env.LOGIN_RATE_LIMIT_PER_MINUTE
    process.env.LOGIN_RATE_LIMIT_PER_MINUTE = '3'
    try {
      const statuses: number[] = []
      await withinOneMinuteWindow(10_000)
      for (let i = 1; i <= 4; i++) {
        const r = await callParsed(TokenResponse, api.url, '/api/auth/login', {
          body: { login: `nobody_rotating_${i}`, password: 'x' },
          headers: { 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `203.0.113.${i}` },
        })
        statuses.push(r.status)
      }
      expect(statuses).toEqual([401, 401, 401, 429])
      // and the rotated values left no rows of their own
      const { rows } = await withServiceTx('test: buckets', (db) =>
        db.query<{ bucket: string }>(
          "select bucket from public.rate_limit_hits where bucket like 'login:ip:203.0.113.%'",
        ),
      )
      expect(rows).toEqual([])
    } finally {
      process.env.LOGIN_RATE_LIMIT_PER_MINUTE = limit
    }
  })
})

describe('pruning', () => {
  async function bucketRows(prefix: string): Promise<number> {
    const { rows } = await withServiceTx('test: count', (db) =>
      db.query<{ n: number }>('select count(*)::int as n from public.rate_limit_hits where bucket like $1', [
        `${prefix}%`,
      ]),
    )
    return rows[0]!.n
  }

  it("a rotated bucket's rows disappear once their window ended, on a hit of any bucket", async () => {
    await hitRateLimit('test:rotated:a', 10, 1, 'x')
    expect(await bucketRows('test:rotated:a')).toBe(1)
    await new Promise((r) => setTimeout(r, 1100))
    await hitRateLimit('test:rotated:b', 10, 60, 'x')
    expect(await bucketRows('test:rotated:a')).toBe(0)
    expect(await bucketRows('test:rotated:b')).toBe(1)
  })

  it('pruning is bounded per hit, and a window still running is kept', async () => {
    await withServiceTx('test: ended windows', (db) =>
      db.query(
        `insert into public.rate_limit_hits (bucket, window_start, window_end, hits)
         select 'test:old:' || i, now() - interval '2 minutes', now() - interval '1 minute', 1
         from generate_series(1, 150) i`,
      ),
    )
    await hitRateLimit('test:live', 10, 3600, 'x')
    expect(await bucketRows('test:old:')).toBe(50)
    await hitRateLimit('test:live', 10, 3600, 'x')
    expect(await bucketRows('test:old:')).toBe(0)
    expect(await bucketRows('test:live')).toBe(1)
  })
})
