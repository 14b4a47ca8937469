/**
 * The dead letters (issue 13 item 2): platform admins list the deliveries that failed, ran out
 * of retries or have an unknown outcome, with the reason and every attempt; anyone else is
 * refused; a bad filter or cursor is a 400.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { DeliveryProblemList } from '../../src/contracts/deliveries'
import { person } from '../events/support'
import { call, errorOf, expectOk, withApi } from '../support/api'
import { makeStudent, makeUser } from '../support/fixtures'
import { makeDelivery } from './support'

const api = withApi()
let adminToken: string
let studentToken: string
let deadIds: string[]

beforeAll(async () => {
  const admin = await person(await makeUser({ role: 'platform_admin' }))
  const student = await makeStudent()
  adminToken = admin.token
  studentToken = (await person(student)).token
  deadIds = []
  for (let i = 0; i < 3; i++) {
    deadIds.push(
      await makeDelivery(student.id, 'dead', [
        ['retry', -1, 'subscribeMessage.send: -1 system error'],
        ['dead', 45009, 'subscribeMessage.send: 45009 reach max api daily quota limit'],
      ]),
    )
  }
  await makeDelivery(student.id, 'failed', [
    ['failed', 47003, 'subscribeMessage.send: 47003 argument invalid'],
  ])
  await makeDelivery(student.id, 'sent', [['sent', null, null]])
})

describe('GET /api/admin/deliveries', () => {
  it('lists the dead letters newest first with their reason and every attempt, paged', async () => {
    const first = await expectOk(DeliveryProblemList, api.url, '/api/admin/deliveries?status=dead&limit=2', {
      token: adminToken,
    })
    expect(first.items).toHaveLength(2)
    expect(first.counts.dead).toBeGreaterThanOrEqual(3)
    expect(first.counts.failed).toBeGreaterThanOrEqual(1)
    const mine = first.items.find((d) => deadIds.includes(d.id))!
    expect(mine).toMatchObject({ status: 'dead', lastErrcode: 45009, kind: 'interview_invited' })
    expect(mine.attempts.map((a) => [a.attempt, a.outcome, a.errcode])).toEqual([
      [1, 'retry', -1],
      [2, 'dead', 45009],
    ])
    const next = await expectOk(
      DeliveryProblemList,
      api.url,
      `/api/admin/deliveries?status=dead&limit=2&before=${encodeURIComponent(first.nextCursor!)}`,
      { token: adminToken },
    )
    expect(next.items.map((d) => d.id)).not.toContain(first.items[0]!.id)
    const failed = await expectOk(DeliveryProblemList, api.url, '/api/admin/deliveries?status=failed', {
      token: adminToken,
    })
    expect(failed.items.every((d) => d.status === 'failed')).toBe(true)
    expect(failed.items.some((d) => d.lastErrcode === 47003)).toBe(true)
  })

  it('anyone but a platform admin is refused; a bad filter or cursor is a 400', async () => {
    const student = await call(api.url, '/api/admin/deliveries', { token: studentToken })
    expect(student.status).toBe(403)
    expect(errorOf(student).code).toBe('forbidden')
    expect((await call(api.url, '/api/admin/deliveries')).status).toBe(401)
    const bad = await call(api.url, '/api/admin/deliveries?status=sent', { token: adminToken })
    expect(bad.status).toBe(400)
    const cursor = await call(api.url, '/api/admin/deliveries?before=nonsense', { token: adminToken })
    expect(cursor.status).toBe(400)
  })
})
