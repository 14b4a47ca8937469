/**
 * The client's request wrapper (`src/services/request.ts`) against the real API: errors expose
 * their `details`, and state-changing calls carry one idempotency key per user action, sent again
 * on a retry, so an answer lost on the way back is recovered without acting twice.
 * `@tarojs/taro` is the platform (it needs a mini-program or a browser); the stand-in below does what
 * Taro.request does in H5 — a real HTTP request to the API — and can lose an answer after the API
 * sent it, as a phone in a lift does.
 */
import path from 'node:path'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { withServiceTx } from '../../api/_lib/db/tx'
import { withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { makeRosterEntry } from '../support/roster-fixtures'
import { createProbeTable } from './probe-table'

const platform = vi.hoisted(() => ({
  base: '',
  /** answers to lose after the API has sent them */
  loseAnswers: 0,
  sent: [] as Array<{ url: string; method: string; header: Record<string, string> }>,
  storage: new Map<string, unknown>(),
}))

vi.mock('@tarojs/taro', () => {
  const Taro = {
    async request(o: { url: string; method: string; data?: unknown; header: Record<string, string> }) {
      platform.sent.push({ url: o.url, method: o.method, header: o.header })
      const res = await fetch(platform.base + o.url, {
        method: o.method,
        headers: o.header,
        body: o.method === 'GET' || o.data === undefined ? undefined : JSON.stringify(o.data),
      })
      const text = await res.text()
      if (platform.loseAnswers > 0) {
        platform.loseAnswers--
        throw new Error('request:fail timeout')
      }
      return { statusCode: res.status, data: text ? JSON.parse(text) : undefined }
    },
    getStorageSync: (k: string) => platform.storage.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void platform.storage.set(k, v),
    removeStorageSync: (k: string) => void platform.storage.delete(k),
    showToast: async () => undefined,
  }
  return { default: Taro }
})

const { ApiError, newIdempotencyKey, request } = await import('../../src/services/request')
const { bind } = await import('../../src/services/binding')

const probes = withApi({ apiDir: path.join(import.meta.dirname, 'probe-routes') })
const api = withApi()

async function signIn(): Promise<void> {
  const token = await loginAs(api.url, await makeUser({ role: 'student' }))
  platform.storage.set('jiuye.session', {
    accessToken: token,
    refreshToken: 'x'.repeat(40),
    expiresAt: Date.now() + 600_000,
    user: {},
  })
}

const Probe = z.object({ id: z.number().int(), note: z.string() })

beforeAll(createProbeTable)

beforeEach(() => {
  platform.sent.length = 0
  platform.loseAnswers = 0
  platform.storage.clear()
})

describe('client request wrapper', () => {
  it('exposes error details, so pages read data instead of the Chinese message', async () => {
    platform.base = probes.url
    await signIn()
    const err = await request('/api/slow-once?refuse=1', {
      method: 'POST',
      data: { note: 'client-details' },
      schema: Probe,
      toast: false,
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as InstanceType<typeof ApiError>).details).toEqual({ conflicting_id: expect.any(Number) })
  })

  it('a keyed call whose answer was lost is retried with the same key and runs once', async () => {
    platform.base = probes.url
    await signIn()
    platform.loseAnswers = 1
    const r = await request('/api/slow-once', {
      method: 'POST',
      data: { note: 'client-retry' },
      schema: Probe,
      toast: false,
      idempotent: true,
    })
    expect(r.note).toBe('client-retry')
    expect(platform.sent).toHaveLength(2)
    const [k1, k2] = platform.sent.map((s) => s.header['idempotency-key'])
    expect(k1).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(k2).toBe(k1)
    const rows = await withServiceTx('test: count', (db) =>
      db.query("select count(*)::int as n from public.idempotency_probe where note = 'client-retry'"),
    )
    expect(rows.rows[0].n).toBe(1)
  })

  it('each user action gets a new key; calls without `idempotent` send none and are not retried', async () => {
    platform.base = probes.url
    await signIn()
    for (let i = 0; i < 2; i++) {
      await request('/api/slow-once', {
        method: 'POST',
        data: { note: 'two-actions' },
        schema: Probe,
        idempotent: true,
      })
    }
    const keys = platform.sent.map((s) => s.header['idempotency-key'])
    expect(new Set(keys).size).toBe(2)
    platform.sent.length = 0
    platform.loseAnswers = 1
    const lost = await request('/api/slow-once', {
      method: 'POST',
      data: { note: 'unkeyed' },
      schema: Probe,
      toast: false,
    }).catch((e: unknown) => e)
    expect((lost as InstanceType<typeof ApiError>).code).toBe('network_error')
    expect(platform.sent).toHaveLength(1)
    expect(platform.sent[0]!.header['idempotency-key']).toBeUndefined()
  })

  it('binding sends a key: a bind whose answer was lost comes back bound, not "already bound"', async () => {
    platform.base = api.url
    await signIn()
    const school = await makeSchool()
    const e = await makeRosterEntry(school, { name: '林小红' })
    platform.loseAnswers = 1
    const status = await bind({
      schoolId: school,
      studentNumber: e.studentNumber,
      name: '林小红',
      idCard: e.idCard,
    })
    expect(status.record?.id).toBe(e.id)
    expect(platform.sent.map((s) => s.header['idempotency-key'])).toEqual([
      expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      platform.sent[0]!.header['idempotency-key'],
    ])
  })

  it('keys are 32 characters of [A-Za-z0-9] and differ', () => {
    const keys = new Set(Array.from({ length: 1000 }, newIdempotencyKey))
    expect(keys.size).toBe(1000)
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9]{32}$/)
  })
})
