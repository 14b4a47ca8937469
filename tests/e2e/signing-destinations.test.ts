/**
 * 其他去向登记 end to end in the H5 build: from 签约中心's entry the student makes the two-step
 * guided choice (升学, then 升学（80）), fills the form built from its definitions (升学层次 picked,
 * school and major typed), uploads the 录取通知书 through POST /api/signing/uploads, submits; the school
 * approves it in 审核工作台; the student sees 已审核通过 and asks for its removal (申请删除), which
 * waits for the school.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { approvedSourceInfo, signedStudent } from '../procedures/api-support'
import { withApi } from '../support/api'
import { openSignedIn, screenshot, withBrowser } from '../support/browser'
import { go, input, login, visible, watchFailures } from '../support/h5'

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

/** A one-page PDF, enough for the server's sniffing (the %PDF- signature, startxref and %%EOF). */
function minimalPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n',
  )
}

const DEST_PAGE = '/packages/signing/pages/destination/index'

describe('H5: other destinations (其他去向登记)', () => {
  it('guided choice → further study with its proof → the school approves → 已审核通过 → 申请删除', async () => {
    const failed: string[] = []
    const s = await signedStudent(api.url, { name: '林书瑶', schoolName: '去向测试大学' })
    await approvedSourceInfo(api.url, s)

    const st = await openSignedIn(
      await browser.page(),
      api.url,
      await login(api.url, s.student.login),
      '/packages/signing/pages/index/index',
    )
    watchFailures(st, failed)
    await visible(st.locator('.e2e-sign-destination-entry'))
    await st.locator('.e2e-sign-destination-entry').click()

    // ---- step 1: the group; step 2: the category
    await visible(st.locator('.e2e-dest-step-group'))
    await st.locator('.e2e-dest-group-further_study').click()
    await st.locator('.e2e-dest-next').click()
    await visible(st.locator('.e2e-dest-step-category'))
    await st.locator('.e2e-dest-category-further_study').click()
    await visible(st.locator('.e2e-dest-form'))

    // ---- submitting an empty form names what the definitions require
    await st.locator('.e2e-dest-submit').click()
    await visible(st.locator('.e2e-field-error-dest-school'))
    expect(await st.locator('.e2e-field-error-dest-school').textContent()).toContain('请填写录取院校')

    await st.locator('.e2e-dest-opt-degree-master').click()
    await input(st, 'e2e-dest-field-school').fill('浙江大学')
    await input(st, 'e2e-dest-field-major').fill('软件工程')
    const dir = mkdtempSync(path.join(tmpdir(), 'dest-'))
    const proof = path.join(dir, '录取通知书.pdf')
    writeFileSync(proof, minimalPdf())
    const chooser = st.waitForEvent('filechooser')
    await st.locator('.e2e-upload-dest-admission_letter').click()
    await (await chooser).setFiles(proof)
    await visible(st.locator('.e2e-upload-dest-admission_letter-item'))
    await screenshot(st, 'destination-form')
    await st.locator('.e2e-dest-submit').click()
    await visible(st.locator('.e2e-dest-current'))
    await expect.poll(() => st.locator('.e2e-dest-status').textContent()).toContain('待学校审核')

    // ---- the school approves it in 审核工作台
    const r = await openSignedIn(
      await browser.page(),
      api.url,
      await login(api.url, s.reviewer.login),
      '/packages/review/pages/index/index',
    )
    watchFailures(r, failed)
    await r.locator('.e2e-review-tab-destination').click()
    const item = r.locator('.e2e-review-item-destination', { hasText: '林书瑶' })
    await visible(item)
    await item.locator('.e2e-review-open').click()
    await visible(r.locator('.e2e-review-detail'))
    expect(await r.locator('.e2e-review-detail').textContent()).toContain('硕士研究生')
    await screenshot(r, 'destination-review-detail')
    await r.locator('.e2e-review-approve').click()
    await r.locator('.e2e-review-confirm').click()
    await expect
      .poll(() => r.locator('.e2e-review-detail-status').textContent(), { timeout: 15_000 })
      .toContain('已审核通过')

    // ---- the student sees it approved, and asks for its removal
    await go(st, api.url, DEST_PAGE)
    await expect
      .poll(() => st.locator('.e2e-dest-status').textContent(), { timeout: 15_000 })
      .toContain('已审核通过')
    await expect(st.locator('.e2e-dest-edit').count()).resolves.toBe(0)
    await st.locator('.e2e-dest-request-removal').click()
    await visible(st.locator('.e2e-dest-request-form'))
    await st
      .locator('.e2e-dest-request-reason textarea, textarea.e2e-dest-request-reason')
      .fill('已签约就业，删除升学去向')
    await st.locator('.e2e-dest-request-submit').click()
    await visible(st.locator('.e2e-dest-request-item'))
    await expect
      .poll(() => st.locator('.e2e-dest-request-status').first().textContent())
      .toContain('待学校审核')
    await screenshot(st, 'destination-removal-requested')

    const rows = await withServiceTx('test check', async (db) => {
      const d = await db.query<{ status: string; fields: Record<string, string>; keys: number }>(
        `select status, fields, jsonb_array_length(proof_keys -> 'admission_letter') as keys
         from public.destinations where student_id = $1`,
        [s.student.id],
      )
      const q = await db.query<{ kind: string; status: string }>(
        'select kind, status from public.destination_requests where student_id = $1',
        [s.student.id],
      )
      const e = await db.query<{ status: string; employer_name: string }>(
        'select status, employer_name from public.employment_records where student_id = $1',
        [s.student.id],
      )
      return { d: d.rows, q: q.rows, e: e.rows }
    })
    expect(rows.d).toEqual([
      { status: 'approved', fields: { degree: 'master', school: '浙江大学', major: '软件工程' }, keys: 1 },
    ])
    expect(rows.q).toEqual([{ kind: 'removal', status: 'pending' }])
    expect(rows.e).toEqual([{ status: 'active', employer_name: '浙江大学' }])
    expect(failed).toEqual([])
  })
})
