/**
 * Issue 15's first part end to end in the H5 build: the employer sends a signing invitation from
 * the application page; the student accepts it in 签约中心, filling the archive, report-card and
 * hukou destinations; a second employer's invitation can no longer be accepted; the school approves
 * the agreement in 审核工作台; the employment record exists and 签约中心 says 已生效. The student
 * downloads the agreement PDF with the page's button; its QR code, read from page 1 rendered by
 * pdftoppm with jsqr, opens the public verification page in a fresh browser with no login, which
 * says 真实有效 with the masked name and the employer. Then 解约: the student proposes it, the
 * employer agrees in 签约管理, the school approves it in 审核工作台; the public page says 已解约, the
 * employment record is closed, and company B's invitation (refused before) is accepted.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { ApplyResponse } from '../../src/contracts/applications'
import { SIGNING_AGREEMENT_PAGE, VERIFY_AGREEMENT_PAGE } from '../../src/services/routes'
import { completeContent, makeJob, makeResume } from '../applications/fixtures'
import { sqlAs } from '../identity/sql'
import { approvedSourceInfo, signedStudent } from '../procedures/api-support'
import { pdfPages, pdfText } from '../resumes/pdf-tools'
import { qrOfPdf, verifyParams } from '../signing/pdf-qr'
import { callParsed, withApi } from '../support/api'
import { openSignedIn, screenshot, withBrowser } from '../support/browser'
import { makeCompany, makeUser } from '../support/fixtures'
import { go, input, login, visible, watchFailures } from '../support/h5'

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

/** The student applies to a new job of the company with a complete resume, through the API. */
async function application(company: string, studentId: string, token: string): Promise<string> {
  const job = await makeJob(company, { title: '后端开发工程师' })
  const resumeId = await makeResume(studentId, completeContent('沈知远'))
  const r = await callParsed(ApplyResponse, api.url, '/api/applications', {
    token,
    body: { jobId: job, resumeId },
    headers: { 'idempotency-key': randomUUID() },
  })
  expect(r.status).toBe(200)
  return r.body.application.id
}

describe('H5: online signing from the invitation to the employment record, its PDF and its end', () => {
  it('invite → accept with archive/hukou → a second invitation refused → approved → PDF, QR → 真实有效 → 解约 → 已解约 → a new invitation accepted', async () => {
    const failed: string[] = []
    const s = await signedStudent(api.url, { name: '沈知远', schoolName: '签约测试大学' })
    await approvedSourceInfo(api.url, s)
    const companyA = await makeCompany(true)
    const companyB = await makeCompany(true)
    const hrA = await makeUser({ role: 'employer', companyId: companyA, name: '钱经理' })
    const hrB = await makeUser({ role: 'employer', companyId: companyB, name: '孙经理' })
    const appA = await application(companyA, s.student.id, s.token)
    await application(companyB, s.student.id, s.token)

    // ---- the employer invites from the application page
    const e = await openSignedIn(
      await browser.page(),
      api.url,
      await login(api.url, hrA.login),
      `/packages/employer/pages/application/index?id=${appA}`,
    )
    watchFailures(e, failed)
    await visible(e.locator('.e2e-esign-open'))
    await e.locator('.e2e-esign-open').click()
    await visible(e.locator('.e2e-esign-form'))
    await input(e, 'e2e-esign-field-position').fill('后端开发工程师')
    await input(e, 'e2e-esign-field-contractYears').fill('3')
    await input(e, 'e2e-esign-field-salaryMonthly').fill('15000')
    await input(e, 'e2e-esign-field-workPlace').fill('浙江省杭州市滨江区')
    await e.locator('.e2e-esign-send').click()
    await visible(e.locator('.e2e-esign-invitation').first())
    await screenshot(e, 'signing-employer-invitations')

    // ---- a second company invites too (straight through its member's claims)
    const second = await sqlAs<{ r: { outcome: string; id: string } }>(
      hrB.claims,
      'select app.send_signing_invitation($1, $2) as r',
      [
        s.student.id,
        {
          position: '测试工程师',
          contract_years: 2,
          salary_monthly: 11000,
          work_place: '上海市徐汇区',
          reply_by: new Date(Date.now() + 5 * 86_400_000).toISOString(),
          takes_archive: true,
          archive_to: '上海市人才服务中心',
          takes_hukou: true,
          hukou_to: '上海市徐汇区',
        },
      ],
    )
    expect(second.ok && second.rows[0]!.r.outcome).toBe('sent')

    // ---- the student accepts company A's, filling the destinations A does not take care of
    const st = await openSignedIn(
      await browser.page(),
      api.url,
      await login(api.url, s.student.login),
      '/packages/signing/pages/index/index',
    )
    watchFailures(st, failed)
    await visible(st.locator('.e2e-sign-status'))
    const rowA = st.locator('.e2e-sign-invitation', { hasText: '后端开发工程师' })
    await visible(rowA)
    await rowA.click()
    await visible(st.locator('.e2e-sign-accept'))
    // 接受 first asks for what the company does not take care of
    await st.locator('.e2e-sign-accept').click()
    await visible(st.locator('.e2e-sign-accept-form'))
    await input(st, 'e2e-sign-detail-archiveTo').fill('浙江省人才市场')
    await input(st, 'e2e-sign-detail-reportCardTo').fill('浙江省人才市场')
    await input(st, 'e2e-sign-detail-hukouTo').fill('杭州市滨江区')
    await st.locator('.e2e-sign-accept').click()
    await visible(st.locator('.e2e-sign-agreement-number'))
    const number = (await st.locator('.e2e-sign-agreement-number').textContent())?.trim() ?? ''
    expect(number).toMatch(/JY-\d{4}-[0-9A-F]{8}/)
    await expect.poll(() => st.locator('.e2e-sign-agreement-status').textContent()).toContain('待学校审核')

    // ---- company B's invitation can no longer be accepted
    await go(st, api.url, '/packages/signing/pages/index/index')
    const rowB = st.locator('.e2e-sign-invitation', { hasText: '测试工程师' })
    await visible(rowB)
    await rowB.click()
    await visible(st.locator('.e2e-sign-invitation-page'))
    // company B takes the archive and the hukou: 接受 answers at once — and is refused
    await st.locator('.e2e-sign-accept').click()
    await visible(st.locator('.e2e-sign-error'))
    expect(await st.locator('.e2e-sign-error').textContent()).toMatch(/协议/)
    await screenshot(st, 'signing-second-refused')
    const agreements = await withServiceTx('test check', async (db) => {
      const { rows } = await db.query<{
        status: string
        employer_name: string
        archive_to: string
        hukou_to: string
      }>('select status, employer_name, archive_to, hukou_to from public.agreements where student_id = $1', [
        s.student.id,
      ])
      return rows
    })
    expect(agreements).toHaveLength(1)
    expect(agreements[0]).toMatchObject({
      status: 'pending_review',
      archive_to: '浙江省人才市场',
      hukou_to: '杭州市滨江区',
    })

    // ---- the school approves it in 审核工作台
    const r = await openSignedIn(
      await browser.page(),
      api.url,
      await login(api.url, s.reviewer.login),
      '/packages/review/pages/index/index',
    )
    watchFailures(r, failed)
    await r.locator('.e2e-review-tab-agreement').click()
    const item = r.locator('.e2e-review-item-agreement', { hasText: '沈知远' })
    await visible(item)
    await item.locator('.e2e-review-open').click()
    await visible(r.locator('.e2e-review-detail'))
    await screenshot(r, 'signing-review-detail')
    await r.locator('.e2e-review-approve').click()
    await r.locator('.e2e-review-confirm').click()
    await expect
      .poll(() => r.locator('.e2e-review-detail-status').textContent(), { timeout: 15_000 })
      .toMatch(/生效|通过/)

    // ---- the employment record exists; 签约中心 says 已生效
    const records = await withServiceTx('test check', async (db) => {
      const { rows } = await db.query<{ status: string; position: string }>(
        'select status, position from public.employment_records where student_id = $1',
        [s.student.id],
      )
      return rows
    })
    expect(records).toEqual([{ status: 'active', position: '后端开发工程师' }])
    await go(st, api.url, '/packages/signing/pages/index/index')
    await expect
      .poll(() => st.locator('.e2e-sign-status').textContent(), { timeout: 15_000 })
      .toContain('生效')
    await screenshot(st, 'signing-student-effective')

    // ---- the student downloads the agreement PDF with the page's button
    await go(st, api.url, SIGNING_AGREEMENT_PAGE)
    await visible(st.locator('.e2e-sign-agreement-pdf'))
    const [download] = await Promise.all([
      st.waitForEvent('download', { timeout: 30_000 }),
      st.locator('.e2e-sign-agreement-pdf').click(),
    ])
    expect(download.suggestedFilename()).toBe(`${number}.pdf`)
    const pdf = readFileSync(await download.path())
    expect(pdfPages(pdf)).toBe(2)
    const pdfWords = pdfText(pdf).replace(/\s+/g, '')
    expect(pdfWords).toContain(number)
    expect(pdfWords).toContain('沈知远')

    // ---- its QR code (page 1 → PNG by pdftoppm → jsqr) opens the public page, in a browser with no login
    const verifyUrl = qrOfPdf(pdf)
    const link = verifyParams(verifyUrl)
    expect(link).toMatchObject({ origin: api.url, route: VERIFY_AGREEMENT_PAGE, no: number })
    const [employerName] = await withServiceTx('test check', async (db) => {
      const { rows } = await db.query<{ name: string }>('select name from public.companies where id = $1', [
        companyA,
      ])
      return rows.map((x) => x.name)
    })
    const pub = await browser.page()
    watchFailures(pub, failed)
    const sentTokens: string[] = []
    pub.on('request', (req) => {
      if (req.url().includes('/api/') && req.headers().authorization) sentTokens.push(req.url())
    })
    await pub.goto(verifyUrl)
    await visible(pub.locator('.e2e-verify-verdict'))
    await expect
      .poll(() => pub.locator('.e2e-verify-status').textContent(), { timeout: 15_000 })
      .toBe('真实有效')
    expect(await pub.locator('.e2e-verify-number').textContent()).toContain(number)
    expect(await pub.locator('.e2e-verify-employer').textContent()).toContain(employerName)
    expect(await pub.locator('.e2e-verify-student').textContent()).toContain('沈*远')
    expect(await pub.locator('.e2e-verify-page').textContent()).not.toContain('沈知远')
    expect(pub.url()).toContain(VERIFY_AGREEMENT_PAGE)
    expect(sentTokens).toEqual([])
    await screenshot(pub, 'signing-verify-genuine')

    // ---- 解约: the student proposes, the employer agrees, the school approves (helper D)
    await go(st, api.url, SIGNING_AGREEMENT_PAGE)
    await st.locator('.e2e-sign-termination').click()
    await visible(st.locator('.e2e-termination-form'))
    await st.locator('.e2e-termination-type-mutual').click()
    await st.locator('.e2e-termination-reason textarea').fill('已考取研究生，与单位协商一致解除协议')
    await st.locator('.e2e-termination-submit').click()
    await expect
      .poll(() => st.locator('.e2e-termination-status').first().textContent(), { timeout: 15_000 })
      .toContain('待对方答复')
    await screenshot(st, 'signing-termination-proposed')

    await go(e, api.url, '/packages/employer/pages/signing/index')
    await e.locator('.e2e-esign-termination').first().click()
    await visible(e.locator('.e2e-eterm-agree'))
    await e.locator('.e2e-eterm-agree').click()
    await e.locator('.taro-model__confirm').click()
    await expect
      .poll(() => e.locator('.e2e-eterm-status').first().textContent(), { timeout: 15_000 })
      .toContain('待学校审核')
    await screenshot(e, 'signing-termination-employer-agreed')

    await go(r, api.url, '/packages/review/pages/index/index')
    await r.locator('.e2e-review-tab-termination').click()
    const ending = r.locator('.e2e-review-item-termination', { hasText: '沈知远' })
    await visible(ending)
    await ending.locator('.e2e-review-open').click()
    await visible(r.locator('.e2e-review-detail'))
    await r.locator('.e2e-review-approve').click()
    await r.locator('.e2e-review-confirm').click()
    await expect
      .poll(() => r.locator('.e2e-review-detail-status').textContent(), { timeout: 15_000 })
      .toContain('解约已生效')
    await screenshot(r, 'signing-termination-approved')

    // ---- the public page now says 已解约; the record is closed
    // a fresh browser (the page's answer may be served stale-while-revalidate for 30 s to one that has it)
    const pub2 = await browser.page()
    watchFailures(pub2, failed)
    await pub2.goto(verifyUrl)
    await expect
      .poll(() => pub2.locator('.e2e-verify-status').textContent(), { timeout: 15_000 })
      .toBe('已解约')
    await screenshot(pub2, 'signing-verify-terminated')
    const closed = await withServiceTx('test check', async (db) => {
      const { rows } = await db.query<{ status: string }>(
        'select status from public.employment_records where student_id = $1',
        [s.student.id],
      )
      return rows
    })
    expect(closed).toEqual([{ status: 'closed' }])

    // ---- eligible again: company B's invitation, refused before, is accepted now
    await go(st, api.url, '/packages/signing/pages/index/index')
    const rowB2 = st.locator('.e2e-sign-invitation', { hasText: '测试工程师' })
    await visible(rowB2)
    await rowB2.click()
    await visible(st.locator('.e2e-sign-invitation-page'))
    await st.locator('.e2e-sign-accept').click()
    await visible(st.locator('.e2e-sign-agreement-number'))
    await visible(st.locator('.e2e-sign-agreement-status', { hasText: '待学校审核' }))
    // the terminated agreement stays, beside the new one
    const after = await withServiceTx('test check', async (db) => {
      const { rows } = await db.query<{ status: string }>(
        'select status from public.agreements where student_id = $1 order by status',
        [s.student.id],
      )
      return rows.map((x) => x.status)
    })
    expect(after).toEqual(['pending_review', 'terminated'])
    await screenshot(st, 'signing-new-after-termination')

    expect(failed).toEqual([])
  })
})
