/**
 * 我的推送 in the mini-program build (dist/weapp) run by the headless runtime, against the real API and
 * database: a job in 杭州 of 技术研发 is published and matched to the student's 求职意向; the student
 * (a session kept from an earlier login) opens 我的 → 我的推送 and sees the job under 未读 with its
 * 推荐理由; opening it shows the job's page and the API counts it read.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../../api/_lib/db/tx'
import { pushPublishedJob } from '../../../api/_lib/push/match'
import { PushListResponse } from '../../../src/contracts/push'
import { setVerified } from '../../jobs/posts-fixtures'
import { makeProfiledCompany, makeSearchJob } from '../../jobs/search-fixtures'
import { makeStudentWith } from '../../push/fixtures'
import { expectOk, withApi } from '../../support/api'
import { loginAs, TEST_PASSWORD, type TestUser } from '../../support/fixtures'
import { MiniProgram } from '../runtime/runtime'
import { textOf } from '../runtime/wxml'
import { weappDir } from '../support/build'
import { loginWithPassword } from './password-login'

const api = withApi()
const PUSHES = 'packages/career/pages/pushes/index'
const DETAIL = 'packages/jobs/pages/detail/index'

let student: TestUser
let token: string
let title: string
beforeAll(async () => {
  const company = await makeProfiledCompany({ name: '杭州小程序推送公司' })
  await setVerified(company, true)
  student = await makeStudentWith({ cities: ['杭州'], categories: ['tech'] })
  token = await loginAs(api.url, student)
  title = '小程序推送工程师'
  const job = await makeSearchJob(company, { title, cities: ['杭州'], category: 'tech' })
  await withServiceTx('test', (db) => pushPublishedJob(db, job))
})

const programs: MiniProgram[] = []
afterEach(() => {
  for (const p of programs.splice(0)) p.close()
})

describe('weapp: 我的推送', () => {
  it('我的 → 我的推送: the job under 未读 with 推荐理由; opening it shows the job and reads it', async () => {
    const mp = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    programs.push(mp)
    await mp.launch()
    await loginWithPassword(mp, {
      login: student.login,
      password: TEST_PASSWORD,
      displayName: `用户${student.login.slice(2, 6)}`,
    })
    await mp.tap('.e2e-menu-pushes')
    await mp.onPage(PUSHES)
    await mp.waitFor('the pushed job', () => mp.query('.e2e-push-item').length === 1)
    const item = textOf(mp.query('.e2e-push-item')[0]!)
    expect(item).toContain(title)
    expect(item).toContain('推荐理由')
    expect(mp.query('.e2e-push-reason').map((n) => textOf(n))).toEqual(['城市：杭州', '职位类别：技术研发'])
    expect(textOf(mp.query('.e2e-pushes-tab-unread')[0]!)).toBe('未读 1')

    await mp.tap(mp.query('.e2e-job-card')[0]!)
    await mp.onPage(DETAIL)
    await mp.waitForText(title)
    await mp.waitFor('the read request', () =>
      mp.requests.some((r) => /^POST \/api\/me\/pushes\/[^/]+\/read 200$/.test(r)),
    )
    expect((await expectOk(PushListResponse, api.url, '/api/me/pushes', { token })).unreadCount).toBe(0)
  })
})
