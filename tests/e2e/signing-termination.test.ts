/**
 * 解约 end to end in the H5 build, with no invitation waiting afterwards: an approved online agreement
 * (made through the API); the student proposes its termination on the termination page; the employer
 * agrees in its 解约 page (from 签约管理); the school approves in 审核工作台; the student's 签约中心 and
 * the home tab's card say 已解约. The staff's 强制解约 page lists nothing left to force.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { DecisionResponse } from '../../src/contracts/reviews'
import { AnswerInvitationResponse, InvitationResponse } from '../../src/contracts/signing'
import { makeJob } from '../applications/fixtures'
import { approvedSourceInfo, key, signedStudent } from '../procedures/api-support'
import { callParsed, expectOk, withApi } from '../support/api'
import { openSignedIn, screenshot, withBrowser } from '../support/browser'
import { loginAs, makeCompany, makeUser } from '../support/fixtures'
import { go, login, visible, watchFailures } from '../support/h5'

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

describe('H5: 解约 from the proposal to 已解约', () => {
  it('student proposes → employer agrees → the school approves → the cards say 已解约', async () => {
    const failed: string[] = []
    const s = await signedStudent(api.url, { name: '林知秋', schoolName: '解约测试大学' })
    await approvedSourceInfo(api.url, s)
    const companyId = await makeCompany(true)
    const hr = await makeUser({ role: 'employer', companyId, name: '周经理' })
    const hrToken = await loginAs(api.url, hr)
    const jobId = await makeJob(companyId)
    await withServiceTx('test fixture', (db) =>
      db.query('insert into public.applications (job_id, company_id, student_id) values ($1, $2, $3)', [
        jobId,
        companyId,
        s.student.id,
      ]),
    )
    const inv = await expectOk(InvitationResponse, api.url, '/api/signing/invitations', {
      token: hrToken,
      body: {
        studentId: s.student.id,
        terms: {
          position: '数据分析师',
          contractYears: 3,
          salaryMonthly: 12000,
          workPlace: '江苏省南京市',
          takesArchive: true,
          archiveTo: '南京市人才服务中心',
          takesHukou: true,
          hukouTo: '南京市公安局',
          replyBy: new Date(Date.now() + 86400_000).toISOString(),
        },
      },
    })
    const acc = await expectOk(
      AnswerInvitationResponse,
      api.url,
      `/api/signing/invitations/${inv.id}/answer`,
      {
        token: s.token,
        body: { accept: true, details: {} },
      },
    )
    const d = await callParsed(
      DecisionResponse,
      api.url,
      `/api/reviews/agreement/${acc.agreement!.id}/decision`,
      {
        token: s.reviewerToken,
        body: { decision: 'approve' },
        headers: key(),
      },
    )
    expect(d.status).toBe(200)

    // ---- the student proposes
    const st = await openSignedIn(
      await browser.page(),
      api.url,
      await login(api.url, s.student.login),
      '/packages/signing/pages/termination/index',
    )
    watchFailures(st, failed)
    await visible(st.locator('.e2e-termination-form'))
    await st.locator('.e2e-termination-type-further_study').click()
    await st.locator('.e2e-termination-reason textarea').fill('已被研究生录取，申请解除协议')
    await st.locator('.e2e-termination-submit').click()
    await expect
      .poll(() => st.locator('.e2e-termination-status').first().textContent(), { timeout: 15_000 })
      .toContain('待对方答复')

    // ---- the employer agrees
    const e = await openSignedIn(
      await browser.page(),
      api.url,
      await login(api.url, hr.login),
      '/packages/employer/pages/signing/index',
    )
    watchFailures(e, failed)
    await e.locator('.e2e-esign-termination').first().click()
    await visible(e.locator('.e2e-eterm-agree'))
    await e.locator('.e2e-eterm-agree').click()
    await e.locator('.taro-model__confirm').click()
    await expect
      .poll(() => e.locator('.e2e-eterm-status').first().textContent(), { timeout: 15_000 })
      .toContain('待学校审核')

    // ---- the school approves in 审核工作台
    const r = await openSignedIn(
      await browser.page(),
      api.url,
      await login(api.url, s.reviewer.login),
      '/packages/review/pages/index/index',
    )
    watchFailures(r, failed)
    await r.locator('.e2e-review-tab-termination').click()
    const item = r.locator('.e2e-review-item-termination', { hasText: '林知秋' })
    await visible(item)
    await item.locator('.e2e-review-open').click()
    await visible(r.locator('.e2e-review-detail'))
    await screenshot(r, 'termination-review-detail')
    await r.locator('.e2e-review-approve').click()
    await r.locator('.e2e-review-confirm').click()
    await expect
      .poll(() => r.locator('.e2e-review-detail-status').textContent(), { timeout: 15_000 })
      .toContain('解约已生效')

    // ---- 签约中心 and the home tab say 已解约
    await go(st, api.url, '/packages/signing/pages/index/index')
    await expect
      .poll(() => st.locator('.e2e-sign-status-label').textContent(), { timeout: 15_000 })
      .toContain('已解约')
    await screenshot(st, 'termination-student-terminated')
    await go(st, api.url, '/pages/index/index')
    await expect
      .poll(() => st.locator('.e2e-home-sign-status').textContent(), { timeout: 15_000 })
      .toContain('已解约')
    const records = await withServiceTx('test check', async (db) => {
      const { rows } = await db.query<{ status: string }>(
        'select status from public.employment_records where student_id = $1',
        [s.student.id],
      )
      return rows
    })
    expect(records).toEqual([{ status: 'closed' }])
    expect(failed).toEqual([])
  })
})
