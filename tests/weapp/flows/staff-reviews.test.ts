/**
 * The staff review list in the mini-program build (dist/weapp) run by the headless runtime, against the
 * real API and database: school staff log in on the mini-program's own login page (账号登录, account and
 * password), open 我的 → 学籍审核 and read the pending manual review of a graduate who applied to their
 * school — the applicant's name and the masked ID number, never the whole one — and not the one sent to
 * another school.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ReviewResponse } from '../../../src/contracts/binding'
import { expectOk, withApi } from '../../support/api'
import { loginAs, makeSchool, makeUser, TEST_PASSWORD, type TestUser } from '../../support/fixtures'
import { makeIdCard } from '../../support/roster-fixtures'
import { MiniProgram } from '../runtime/runtime'
import { textOf } from '../runtime/wxml'
import { weappDir } from '../support/build'
import { loginWithPassword } from './password-login'

const api = withApi()
const REVIEWS = 'packages/staff/pages/reviews/index'

async function apply(schoolId: string, name: string, idCard: string): Promise<void> {
  const student = await makeUser({ role: 'student' })
  const token = await loginAs(api.url, student)
  await expectOk(ReviewResponse, api.url, '/api/binding/reviews', {
    token,
    headers: { 'idempotency-key': `weapp-review-${student.id}` },
    body: {
      graduatedFrom: '外省师范大学',
      schoolId,
      name,
      idCard,
      degreeLevel: 'master',
      graduationYear: 2026,
      major: '汉语言文学',
      note: '回乡就业',
    },
  })
}

let staff: TestUser
const idCard = makeIdCard()
const otherIdCard = makeIdCard()
beforeAll(async () => {
  const schoolId = await makeSchool()
  staff = await makeUser({ role: 'school_staff', schoolId, name: '就业中心孙老师' })
  await apply(schoolId, '钱外省', idCard)
  await apply(await makeSchool(), '李别校', otherIdCard)
})

let mp: MiniProgram | undefined
afterEach(() => {
  // close() fails the test when the program failed after its last step
  mp?.close()
  mp = undefined
})

describe('weapp: staff review list', () => {
  it('staff log in with account and password; 学籍审核 lists their school’s pending review, ID masked', async () => {
    mp = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    await mp.launch()
    await loginWithPassword(mp, {
      login: staff.login,
      password: TEST_PASSWORD,
      displayName: '就业中心孙老师',
    })
    const me = mp.text()
    expect(me).toContain('学校老师')
    expect(me).toContain('学籍审核')
    expect(me).toContain('生源导入')
    // a staff account has no student's binding card
    expect(me).not.toContain('学籍信息')

    await mp.tap('.e2e-menu-staff-reviews')
    await mp.onPage(REVIEWS)
    expect(mp.routes).toEqual(['pages/me/index', REVIEWS])
    await mp.waitFor('one review', () => mp?.query('.e2e-reviews-item').length === 1)
    expect(mp.requests).toContain('GET /api/binding/reviews 200')
    const item = textOf(await mp.one('.e2e-reviews-item'))
    expect(item.split('\n').slice(0, 2)).toEqual(['钱外省', '审核中'])
    expect(item).toContain('外省师范大学')
    expect(item).toContain('汉语言文学')
    expect(item).toContain('硕士研究生')
    expect(item).toContain('回乡就业')
    expect(item).toContain(`${idCard.slice(0, 4)}${'*'.repeat(10)}${idCard.slice(-4)}`)
    expect(item).not.toContain(idCard)
    // the pending one can be decided here
    await mp.one('.e2e-reviews-approve')
    await mp.one('.e2e-reviews-reject')

    const page = mp.text()
    expect(page).not.toContain('李别校')
  })
})
