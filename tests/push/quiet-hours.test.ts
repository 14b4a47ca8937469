/**
 * 免打扰 22:00–08:00 China time: the boundaries of quietHoursEnd, and what the publish hands the
 * notifications: sendAfter = the next 08:00 for students with quiet hours on, none for the others
 * and none outside the quiet hours.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import type { Notification } from '../../api/_lib/notify'
import { pushPublishedJob } from '../../api/_lib/push/match'
import { chinaDay, quietHoursEnd } from '../../api/_lib/push/quiet-hours'
import { setVerified } from '../jobs/posts-fixtures'
import { makeProfiledCompany, makeSearchJob } from '../jobs/search-fixtures'
import type { TestUser } from '../support/fixtures'
import { makeStudentWith, setPushSettings } from './fixtures'

const sent = vi.hoisted(() => [] as Notification[][])
vi.mock('../../api/_lib/notify', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../api/_lib/notify')>()
  return {
    ...real,
    notifyMany: async (db: Parameters<typeof real.notifyMany>[0], ns: readonly Notification[]) => {
      sent.push([...ns])
      return real.notifyMany(db, ns)
    },
  }
})

/** China wall-clock time (UTC+8) as an instant */
const china = (iso: string) => new Date(`${iso}+08:00`)

describe('quietHoursEnd', () => {
  it.each([
    ['2026-12-01T21:59:59', null],
    ['2026-12-01T22:00:00', '2026-12-02T08:00:00'],
    ['2026-12-01T23:30:00', '2026-12-02T08:00:00'],
    ['2026-12-02T00:00:00', '2026-12-02T08:00:00'],
    ['2026-12-02T07:59:59', '2026-12-02T08:00:00'],
    ['2026-12-02T08:00:00', null],
    ['2026-12-02T12:00:00', null],
    // the end of a month and of a year
    ['2026-12-31T22:00:00', '2027-01-01T08:00:00'],
  ])('%s China time → %s', (at, until) => {
    expect(quietHoursEnd(china(at))).toEqual(until ? china(until) : null)
  })

  it('the China day of an instant', () => {
    expect(chinaDay(china('2026-12-01T23:59:59'))).toBe('2026-12-01')
    expect(chinaDay(china('2026-12-02T00:00:00'))).toBe('2026-12-02')
  })
})

describe('the publish passes the quiet hours on', () => {
  let company: string
  let quiet: TestUser
  let awake: TestUser
  beforeAll(async () => {
    company = await makeProfiledCompany({})
    await setVerified(company, true)
    quiet = await makeStudentWith({ cities: ['拉萨'] })
    awake = await makeStudentWith({ cities: ['拉萨'] })
    await setPushSettings(awake.id, { quietHours: false })
  })

  async function publishAt(at: Date): Promise<Map<string, Notification>> {
    const job = await makeSearchJob(company, { cities: ['拉萨'] })
    sent.length = 0
    await withServiceTx('test', (db) => pushPublishedJob(db, job, at))
    return new Map(sent.flat().map((n) => [n.to, n]))
  }

  it.each([
    ['2026-12-01T21:59:00', null],
    ['2026-12-01T22:00:00', '2026-12-02T08:00:00'],
    ['2026-12-02T07:59:00', '2026-12-02T08:00:00'],
    ['2026-12-02T08:00:00', null],
  ])('published at %s China time: sendAfter %s for quiet hours on, none when off', async (at, until) => {
    const byUser = await publishAt(china(at))
    expect(byUser.get(quiet.id)?.kind).toBe('job_pushed')
    expect(byUser.get(quiet.id)?.sendAfter ?? null).toEqual(until ? china(until) : null)
    expect(byUser.get(awake.id)?.kind).toBe('job_pushed')
    expect(byUser.get(awake.id)?.sendAfter).toBeUndefined()
    const n = byUser.get(quiet.id)
    expect(n?.idempotencyKey).toMatch(/^job_pushed:[0-9a-f-]{36}:[0-9a-f-]{36}$/)
    expect(n?.idempotencyKey).toBe(`job_pushed:${n?.kind === 'job_pushed' ? n.jobId : ''}:${quiet.id}`)
  })
})
