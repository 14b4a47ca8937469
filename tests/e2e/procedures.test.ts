/**
 * Issue 14's end-to-end proof in the H5 build, every step in the browser: a student completes and
 * submits the source info; a college reviewer returns it with a reason in 审核工作台; the student
 * fixes it and resubmits; it is approved; the student files a correction of the phone and one of a
 * locked field (专业) with a proof file; the reviewer approves the first and rejects the second; the
 * student's 核签明细 / 变更明细 show all four decisions with times and reasons; the recommendation form
 * is submitted, approved with the college's opinions, and its PDF downloads with the student's name.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { withApi } from '../support/api'
import { openSignedIn, screenshot, withBrowser } from '../support/browser'
import { makeSchool } from '../support/fixtures'
import { go, input, login, visible, watchFailures } from '../support/h5'
import { makeBoundStudent, makeReviewer } from '../support/procedures-fixtures'

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

const SOURCE_INFO = '/packages/procedures/pages/source-info/index'
const HISTORY = '/packages/procedures/pages/history/index'
const RECOMMENDATION = '/packages/procedures/pages/recommendation/index'
const QUEUE = '/packages/review/pages/index/index'

/** Taro's H5 picker: open it and confirm the row it opens on (the first choice). */
async function pick(page: Page, hook: string, expected: string): Promise<void> {
  await page.locator(`.${hook}`).first().click()
  const picker = page.locator('.weui-picker:visible').first()
  await visible(picker)
  await picker.locator('.weui-picker__action', { hasText: '确定' }).click()
  if (expected) await expect.poll(() => page.locator(`.${hook}`).first().textContent()).toContain(expected)
}

/** The reviewer opens the queue, picks the student's item of `kind` and decides it. */
async function decide(
  page: Page,
  kind: 'source_info' | 'correction' | 'recommendation',
  studentName: string,
  summary: string | null,
  decision: { approve: true; comment?: string; recommendation?: string } | { approve: false; reason: string },
): Promise<void> {
  await go(page, api.url, QUEUE)
  await page.locator(`.e2e-review-tab-${kind}`).click()
  let item = page.locator(`.e2e-review-item-${kind}`, { hasText: studentName })
  if (summary) item = item.filter({ hasText: summary })
  await visible(item.first())
  await item.first().locator('.e2e-review-open').click()
  await visible(page.locator('.e2e-review-detail'))
  const status = page.locator('.e2e-review-detail-status')
  await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/待审核/)
  if (decision.approve) {
    await page.locator('.e2e-review-approve').click()
    if (decision.comment) await page.locator('.e2e-review-comment textarea').fill(decision.comment)
    if (decision.recommendation)
      await page.locator('.e2e-review-recommendation textarea').fill(decision.recommendation)
  } else {
    await page.locator('.e2e-review-return').click()
    await page.locator('.e2e-review-reason-text textarea').fill(decision.reason)
  }
  await page.locator('.e2e-review-confirm').click()
  await expect
    .poll(() => status.textContent(), { timeout: 15_000 })
    .toMatch(decision.approve ? /通过/ : /退回|驳回/)
}

describe('H5: source info, corrections and the recommendation form, reviewed in 审核工作台', () => {
  it('submit → returned → resubmit → approved; two corrections, one approved, one rejected; history; the form and its PDF', async () => {
    const failed: string[] = []
    const school = await makeSchool('手续测试大学')
    const student = await makeBoundStudent(school, { college: '计算机学院', name: '赵子涵' })
    const reviewer = await makeReviewer(school, '计算机学院')
    const studentSession = await login(api.url, student.login)
    const reviewerSession = await login(api.url, reviewer.login)

    // ---- the student completes and submits the source info
    const s = await openSignedIn(await browser.page(), api.url, studentSession, SOURCE_INFO)
    watchFailures(s, failed)
    await visible(s.locator('.e2e-proc-form'))
    expect(await s.locator('.e2e-proc-name').textContent()).toBe('赵子涵')
    await input(s, 'e2e-proc-field-origin').fill('浙江省杭州市西湖区')
    await s.locator('.e2e-proc-field-political_status-league_member').click()
    await pick(s, 'e2e-proc-field-ethnicity', '汉族')
    await input(s, 'e2e-proc-field-phone').fill('13800138000')
    await input(s, 'e2e-proc-field-email').fill('zhao@example.com')
    await input(s, 'e2e-proc-field-home_address').fill('浙江省杭州市西湖区文三路 100 号')
    await input(s, 'e2e-proc-field-family_contact').fill('赵建国')
    await input(s, 'e2e-proc-field-family_contact_phone').fill('13900139000')
    await s.locator('.e2e-proc-field-difficulty-none').click()
    await s.locator('.e2e-proc-submit').click()
    await expect
      .poll(() => s.locator('.e2e-proc-source-status').textContent(), { timeout: 15_000 })
      .toContain('待审核')
    await screenshot(s, 'procedures-source-submitted')

    // ---- the college reviewer returns it with a reason
    const r = await openSignedIn(await browser.page(), api.url, reviewerSession, '/pages/me/index')
    watchFailures(r, failed)
    // the staff home counts what waits, per kind
    await expect
      .poll(() => r.locator('.e2e-menu-review-queue').textContent(), { timeout: 15_000 })
      .toContain('待审核：生源信息核对 1')
    await r.locator('.e2e-menu-review-queue').click()
    await visible(r.locator('.e2e-review-item-source_info', { hasText: '赵子涵' }))
    expect(await r.locator('.e2e-review-count-source_info').textContent()).toContain('1')
    await decide(r, 'source_info', '赵子涵', null, { approve: false, reason: '家庭地址请写到门牌号' })

    // ---- the student sees the reason, fixes the address and resubmits
    await go(s, api.url, SOURCE_INFO)
    await visible(s.locator('.e2e-proc-return-reason'))
    expect(await s.locator('.e2e-proc-return-reason').textContent()).toContain('家庭地址请写到门牌号')
    await input(s, 'e2e-proc-field-home_address').fill('浙江省杭州市西湖区文三路 100 号 3 单元 501 室')
    await s.locator('.e2e-proc-submit').click()
    await expect
      .poll(() => s.locator('.e2e-proc-source-status').textContent(), { timeout: 15_000 })
      .toContain('待审核')

    // ---- approved
    await decide(r, 'source_info', '赵子涵', null, { approve: true })
    await go(s, api.url, SOURCE_INFO)
    await expect
      .poll(() => s.locator('.e2e-proc-source-status').textContent(), { timeout: 15_000 })
      .toContain('审核通过')

    // ---- two corrections: the phone (editable) and 专业 (locked, with a proof file)
    await s.locator('.e2e-proc-correct').click()
    await visible(s.locator('.e2e-corr-page'))
    await s.locator('.e2e-corr-pick-phone').click()
    await input(s, 'e2e-corr-field-phone').fill('13700137000')
    await s.locator('.e2e-corr-reason textarea, textarea.e2e-corr-reason').fill('手机号已更换')
    await s.locator('.e2e-corr-submit').click()
    await visible(s.locator('.e2e-corr-item', { hasText: '13700137000' }))

    await s.locator('.e2e-corr-pick-major').click()
    await input(s, 'e2e-corr-field-major').fill('计算机科学与技术')
    await s.locator('.e2e-corr-reason textarea, textarea.e2e-corr-reason').fill('转专业后学校未更新')
    const proofDir = mkdtempSync(path.join(tmpdir(), 'proof-'))
    const proof = path.join(proofDir, '转专业证明.pdf')
    writeFileSync(proof, minimalPdf())
    const chooser = s.waitForEvent('filechooser')
    await s.locator('.e2e-corr-proof').click()
    await (await chooser).setFiles(proof)
    await visible(s.locator('.e2e-corr-proof-item'))
    await s.locator('.e2e-corr-submit').click()
    await visible(s.locator('.e2e-corr-item', { hasText: '计算机科学与技术' }))
    await screenshot(s, 'procedures-corrections-filed')

    // ---- the reviewer approves the phone and rejects the major
    await decide(r, 'correction', '赵子涵', '本人手机', { approve: true })
    await decide(r, 'correction', '赵子涵', '专业', { approve: false, reason: '证明材料未盖学院公章' })
    const record = await withServiceTx('test check', async (db) => {
      const { rows } = await db.query<{ phone: string; major: string }>(
        `select s.phone, r.major from public.source_infos s join public.roster_entries r on r.id = s.roster_entry_id
          where s.student_id = $1`,
        [student.id],
      )
      return rows[0]
    })
    expect(record).toEqual({ phone: '13700137000', major: '软件工程' })

    // ---- the history: the four decisions, each with its time and reason
    await go(s, api.url, HISTORY)
    await visible(s.locator('.e2e-hist-entry').first())
    const review = s.locator('.e2e-hist-entry')
    const reviewTexts = await review.allTextContents()
    expect(reviewTexts.some((t) => t.includes('退回') && t.includes('家庭地址请写到门牌号'))).toBe(true)
    expect(reviewTexts.some((t) => t.includes('审核通过'))).toBe(true)
    await s.locator('.e2e-hist-tab-change').click()
    await expect
      .poll(async () => (await s.locator('.e2e-hist-entry').allTextContents()).join('|'), { timeout: 15_000 })
      .toContain('证明材料未盖学院公章')
    const changeTexts = await s.locator('.e2e-hist-entry').allTextContents()
    expect(changeTexts.some((t) => t.includes('审核通过') && t.includes('13700137000'))).toBe(true)
    expect(changeTexts.some((t) => t.includes('驳回') && t.includes('证明材料未盖学院公章'))).toBe(true)
    for (const at of await s.locator('.e2e-hist-at').allTextContents()) expect(at).toMatch(/\d{1,2}:\d{2}/)
    await screenshot(s, 'procedures-history')

    // ---- the recommendation form: filled, submitted, approved with opinions, its PDF downloaded
    await go(s, api.url, RECOMMENDATION)
    await visible(s.locator('.e2e-rec-form'))
    await input(s, 'e2e-rec-health').fill('良好')
    await s.locator('.e2e-rec-edu-add').click()
    await input(s, 'e2e-rec-edu-0-school').fill('杭州第二中学')
    // the month pickers' first choice is fine here: what matters is that both are set
    await pick(s, 'e2e-rec-edu-0-from', '')
    await pick(s, 'e2e-rec-edu-0-to', '')
    await s
      .locator('.e2e-rec-self_evaluation textarea, textarea.e2e-rec-self_evaluation')
      .fill('学习认真，善于合作，参与多个课程项目并担任组长，能够按时高质量地完成任务。')
    await s.locator('.e2e-rec-submit').click()
    await expect
      .poll(() => s.locator('.e2e-rec-status').textContent(), { timeout: 15_000 })
      .toContain('待审核')

    await decide(r, 'recommendation', '赵子涵', null, {
      approve: true,
      comment: '该生在校表现优秀，情况属实。',
      recommendation: '同意推荐。',
    })
    await go(s, api.url, RECOMMENDATION)
    await expect
      .poll(() => s.locator('.e2e-rec-status').textContent(), { timeout: 15_000 })
      .toContain('审核通过')
    expect(await s.locator('.e2e-rec-opinions').textContent()).toContain('该生在校表现优秀')
    const download = s.waitForEvent('download')
    await s.locator('.e2e-rec-pdf').click()
    const file = path.join(proofDir, 'recommendation.pdf')
    await (await download).saveAs(file)
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    expect(text).toContain('赵子涵')
    expect(text).toContain('该生在校表现优秀')
    await screenshot(s, 'procedures-recommendation-approved')

    expect(failed).toEqual([])
  })
})

/** A one-page PDF, enough for the server's sniffing (the %PDF- signature, startxref and %%EOF). */
function minimalPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n',
  )
}
