/**
 * A request holds one pooled connection: on Vercel PG_POOL_MAX is 1–3, and a second connection
 * taken inside a transaction starves under load. With a pool of exactly one, revealing the ID
 * number must still work (the old code waited for a second connection and timed out).
 */
process.env.PG_POOL_MAX = '1'
process.env.PG_CONNECT_TIMEOUT_MS = '2000'

import { describe, expect, it } from 'vitest'
import { BindingStatus, IdCardResponse } from '../../src/contracts/binding'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { makeRosterEntry } from '../support/roster-fixtures'

describe('GET /api/me/id-card', () => {
  const api = withApi()

  it('reveals the owner’s ID number with a pool of one connection', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const token = await loginAs(api.url, await makeUser({ role: 'student' }))
    const body = { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard }
    expect((await callParsed(BindingStatus, api.url, '/api/binding', { token, body })).status).toBe(200)
    const r = await callParsed(IdCardResponse, api.url, '/api/me/id-card', { token })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ idCard: e.idCard })
    expect(r.headers.get('cache-control')).toBe('no-store')
  })
})
