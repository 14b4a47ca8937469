/**
 * Idempotency keys (issue 9 item 16): the second arrival with the same `Idempotency-Key` gets the
 * first answer and changes nothing; the same key with other content is refused; arrivals at the
 * same time run once. Through real HTTP: a probe route (slow, countable) and the two state-changing
 * POSTs of identity that use it, `POST /api/binding` and `POST /api/binding/reviews`.
 */
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { BindingStatus, ReviewResponse } from '../../src/contracts/binding'
import { call, callParsed, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { makeIdCard, makeRosterEntry } from '../support/roster-fixtures'
import { ProbeAnswer } from './probe-routes/slow-once'
import { createProbeTable } from './probe-table'

const probes = withApi({ apiDir: path.join(import.meta.dirname, 'probe-routes') })
const api = withApi()

beforeAll(createProbeTable)

let seq = 0
function newKey(): string {
  seq += 1
  return `test-key-${process.pid}-${seq}-${Math.random().toString(36).slice(2, 10)}`
}

async function probeRows(note: string): Promise<number> {
  return withServiceTx('test: count', async (db) => {
    const { rows } = await db.query<{ n: number }>(
      'select count(*)::int as n from public.idempotency_probe where note = $1',
      [note],
    )
    return rows[0]!.n
  })
}

/** A signed-in student (the probe server has no login route; a token works on both servers). */
async function student(): Promise<string> {
  return loginAs(api.url, await makeUser({ role: 'student' }))
}

describe('idempotency keys (probe route)', () => {
  it('the second arrival with the same key gets the first answer and runs nothing', async () => {
    const token = await student()
    const key = newKey()
    const opts = { token, body: { note: 'replay' }, headers: { 'idempotency-key': key } }
    const first = await callParsed(ProbeAnswer, probes.url, '/api/slow-once', opts)
    expect(first.status).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    const second = await callParsed(ProbeAnswer, probes.url, '/api/slow-once', opts)
    expect(second.status).toBe(201)
    expect(second.body).toEqual(first.body)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(await probeRows('replay')).toBe(1)
    // without a key, each request runs
    await callParsed(ProbeAnswer, probes.url, '/api/slow-once', { token, body: { note: 'replay' } })
    expect(await probeRows('replay')).toBe(2)
  })

  it('arrivals at the same time run exactly once and all get the one answer', async () => {
    const token = await student()
    const key = newKey()
    const opts = { token, body: { note: 'parallel' }, headers: { 'idempotency-key': key } }
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => callParsed(ProbeAnswer, probes.url, '/api/slow-once', opts)),
    )
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201])
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body)
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(4)
    expect(await probeRows('parallel')).toBe(1)
  })

  it('the same key with other content is 409 idempotency_key_reused and changes nothing', async () => {
    const token = await student()
    const key = newKey()
    await callParsed(ProbeAnswer, probes.url, '/api/slow-once', {
      token,
      body: { note: 'first' },
      headers: { 'idempotency-key': key },
    })
    const other = await callParsed(ProbeAnswer, probes.url, '/api/slow-once', {
      token,
      body: { note: 'other' },
      headers: { 'idempotency-key': key },
    })
    expect(other.status).toBe(409)
    expect(other.error).toMatchObject({ code: 'idempotency_key_reused', message: expect.any(String) })
    expect(await probeRows('other')).toBe(0)
  })

  it('keys are per user: another user with the same key runs their own request', async () => {
    const key = newKey()
    for (const token of [await student(), await student()]) {
      const r = await callParsed(ProbeAnswer, probes.url, '/api/slow-once', {
        token,
        body: { note: 'per-user' },
        headers: { 'idempotency-key': key },
      })
      expect(r.headers.get('idempotent-replayed')).toBeNull()
    }
    expect(await probeRows('per-user')).toBe(2)
  })

  it('a returned refusal commits with its key and is replayed, status and details included', async () => {
    const token = await student()
    const opts = { token, body: { note: 'refused' }, headers: { 'idempotency-key': newKey() } }
    const first = await callParsed(ProbeAnswer, probes.url, '/api/slow-once?refuse=1', opts)
    expect(first.status).toBe(409)
    expect(first.error).toMatchObject({ code: 'conflict', details: { conflicting_id: expect.any(Number) } })
    const again = await callParsed(ProbeAnswer, probes.url, '/api/slow-once?refuse=1', opts)
    expect(again.status).toBe(409)
    expect(again.raw).toEqual(first.raw)
    expect(await probeRows('refused')).toBe(1)
  })

  it('a malformed key is 400 before anything runs', async () => {
    const token = await student()
    for (const bad of ['short', 'x'.repeat(129), 'has space in it', 'semi;colon;key', 'dots.are.not.ok']) {
      const r = await callParsed(ProbeAnswer, probes.url, '/api/slow-once', {
        token,
        body: { note: 'bad-key' },
        headers: { 'idempotency-key': bad },
      })
      expect(r.status, bad).toBe(400)
      expect(r.error).toMatchObject({ code: 'bad_request', details: { header: 'Idempotency-Key' } })
    }
    expect(await probeRows('bad-key')).toBe(0)
  })

  it('a browser on an allowed origin may send the key (CORS preflight)', async () => {
    process.env.CORS_ORIGINS = 'https://console.example.edu.cn'
    try {
      // a preflight has no body to parse
      const r = await call(probes.url, '/api/slow-once', {
        method: 'OPTIONS',
        headers: {
          origin: 'https://console.example.edu.cn',
          'access-control-request-headers': 'idempotency-key',
        },
      })
      expect(r.status).toBe(204)
      expect(r.headers.get('access-control-allow-headers')).toContain('idempotency-key')
      expect(r.headers.get('access-control-expose-headers')).toContain('idempotent-replayed')
    } finally {
      delete process.env.CORS_ORIGINS
    }
  })

  it('keys expire: after 24 hours the same key runs again', async () => {
    const token = await student()
    const key = newKey()
    const opts = { token, body: { note: 'expiry' }, headers: { 'idempotency-key': key } }
    await callParsed(ProbeAnswer, probes.url, '/api/slow-once', opts)
    await withServiceTx('test: age the key', (db) =>
      db.query("update public.idempotency_keys set expires_at = now() - interval '1 second' where key = $1", [
        key,
      ]),
    )
    const again = await callParsed(ProbeAnswer, probes.url, '/api/slow-once', opts)
    expect(again.headers.get('idempotent-replayed')).toBeNull()
    expect(await probeRows('expiry')).toBe(2)
    const left = await withServiceTx('test: rows', (db) =>
      db.query('select count(*)::int as n from public.idempotency_keys where key = $1', [key]),
    )
    expect(left.rows[0].n).toBe(1)
  })
})

describe('idempotency keys on identity POSTs', () => {
  it('a resent failed binding attempt counts once and gets the same refusal', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school, { name: '韩梅梅' })
    const user = await makeUser({ role: 'student' })
    const token = await loginAs(api.url, user)
    const opts = {
      token,
      headers: { 'idempotency-key': newKey() },
      body: { schoolId: school, studentNumber: e.studentNumber, name: '韩梅梅', idCard: makeIdCard() },
    }
    const answers = await Promise.all(
      [1, 2, 3].map(() => callParsed(BindingStatus, api.url, '/api/binding', opts)),
    )
    for (const a of answers) {
      expect(a.status).toBe(422)
      expect(a.raw).toEqual(answers[0]!.raw)
    }
    const attempts = await withServiceTx('test: attempts', (db) =>
      db.query('select count(*)::int as n from public.binding_attempts where user_id = $1', [user.id]),
    )
    expect(attempts.rows[0].n).toBe(1)
  })

  it('a resent successful binding replays the bound status instead of refusing the second bind', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school, { name: '李雷' })
    const token = await student()
    const opts = {
      token,
      headers: { 'idempotency-key': newKey() },
      body: { schoolId: school, studentNumber: e.studentNumber, name: '李雷', idCard: e.idCard },
    }
    const first = await callParsed(BindingStatus, api.url, '/api/binding', opts)
    expect(first.status).toBe(200)
    expect(first.body.record?.id).toBe(e.id)
    const again = await callParsed(BindingStatus, api.url, '/api/binding', opts)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    // a new key is a new request: the student is already bound
    const fresh = await callParsed(BindingStatus, api.url, '/api/binding', {
      ...opts,
      headers: { 'idempotency-key': newKey() },
    })
    expect(fresh.status).toBe(409)
  })

  it('a resent review application returns the same review; there is one row', async () => {
    const user = await makeUser({ role: 'student' })
    const token = await loginAs(api.url, user)
    const opts = {
      token,
      headers: { 'idempotency-key': newKey() },
      body: {
        graduatedFrom: '外省大学',
        name: '王芳',
        idCard: makeIdCard(),
        degreeLevel: 'bachelor',
        graduationYear: 2026,
        major: '会计学',
      },
    }
    const [a, b] = await Promise.all(
      [1, 2].map(() => callParsed(ReviewResponse, api.url, '/api/binding/reviews', opts)),
    )
    expect(a!.status).toBe(201)
    expect(b!.status).toBe(201)
    expect(b!.body.review.id).toBe(a!.body.review.id)
    const rows = await withServiceTx('test: reviews', (db) =>
      db.query('select count(*)::int as n from public.binding_reviews where user_id = $1', [user.id]),
    )
    expect(rows.rows[0].n).toBe(1)
  })
})
