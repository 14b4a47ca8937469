/**
 * 线下签约 end to end in the H5 build: from 签约中心 the student opens 录入线下协议, fills the
 * agreement (单位性质 and 单位行业 by chips), saves the draft, previews it, generates it (confirming
 * 生成后不可修改), uploads a stamped scan (a real PNG through the file input) and submits it; the
 * school approves it in 审核工作台, seeing the offline fields and the scan; the employment record
 * exists.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { approvedSourceInfo, signedStudent } from '../procedures/api-support'
import { TINY_PNG } from '../storage/upload'
import { withApi } from '../support/api'
import { openSignedIn, screenshot, withBrowser } from '../support/browser'
import { input, login, visible, watchFailures } from '../support/h5'

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

const TEXTS: Record<string, string> = {
  employerName: '杭州某某网络科技有限公司',
  creditCode: '91330106MA2H1XYN3K',
  employerLocation: '浙江省杭州市西湖区',
  position: '前端开发工程师',
  contractYears: '3',
  salaryMonthly: '13000',
  workPlace: '浙江省杭州市西湖区',
  archiveTo: '浙江省人才市场',
  hukouTo: '杭州市西湖区',
}

describe('H5: offline agreement from the entry form to the employment record', () => {
  it('fill → 保存草稿 → 预览 → 生成协议 → 上传扫描件 → 提交审核 → the school approves', async () => {
    const failed: string[] = []
    const s = await signedStudent(api.url, { name: '许清和', schoolName: '线下签约测试大学' })
    await approvedSourceInfo(api.url, s)

    const st = await openSignedIn(
      await browser.page(),
      api.url,
      await login(api.url, s.student.login),
      '/packages/signing/pages/index/index',
    )
    watchFailures(st, failed)
    await visible(st.locator('.e2e-sign-offline-entry'))
    await st.locator('.e2e-sign-offline-entry').click()
    await visible(st.locator('.e2e-offline-form'))

    await input(st, 'e2e-offline-employerName').fill(TEXTS.employerName!)
    await st.locator('.e2e-offline-save').click()
    await visible(st.locator('.e2e-offline-status'))
    expect(await st.locator('.e2e-offline-status').textContent()).toContain('草稿')

    for (const [f, v] of Object.entries(TEXTS)) await input(st, `e2e-offline-${f}`).fill(v)
    await st.locator('.e2e-offline-employerType-39').click()
    await st.locator('.e2e-offline-industry-I').click()
    await st.locator('.e2e-offline-takesArchive-yes').click()
    await st.locator('.e2e-offline-preview-toggle').click()
    await visible(st.locator('.e2e-offline-preview'))
    const preview = (await st.locator('.e2e-offline-preview').textContent()) ?? ''
    expect(preview).toContain('其他企业')
    expect(preview).toContain('信息传输、软件和信息技术服务业')
    await screenshot(st, 'offline-preview')

    await st.locator('.e2e-offline-generate').click()
    await st.locator('.taro-model__confirm').click()
    await expect
      .poll(() => st.locator('.e2e-offline-status').textContent(), { timeout: 15_000 })
      .toContain('已生成')
    await visible(st.locator('.e2e-offline-pdf'))
    // no more editing
    expect(await st.locator('.e2e-offline-form').count()).toBe(0)

    const dir = mkdtempSync(path.join(tmpdir(), 'offline-'))
    const scan = path.join(dir, '盖章页.png')
    writeFileSync(scan, TINY_PNG)
    const chooser = st.waitForEvent('filechooser')
    await st.locator('.e2e-upload-offline-scans').click()
    await (await chooser).setFiles(scan)
    await visible(st.locator('.e2e-upload-offline-scans-item'))
    await st.locator('.e2e-offline-submit').click()
    await expect
      .poll(() => st.locator('.e2e-offline-status').textContent(), { timeout: 15_000 })
      .toContain('待学校审核')
    await screenshot(st, 'offline-submitted')

    // ---- the school approves it in 审核工作台
    const r = await openSignedIn(
      await browser.page(),
      api.url,
      await login(api.url, s.reviewer.login),
      '/packages/review/pages/index/index',
    )
    watchFailures(r, failed)
    await r.locator('.e2e-review-tab-agreement').click()
    const item = r.locator('.e2e-review-item-agreement', { hasText: '许清和' })
    await visible(item)
    await item.locator('.e2e-review-open').click()
    await visible(r.locator('.e2e-review-detail'))
    const detail = (await r.locator('.e2e-review-detail').textContent()) ?? ''
    expect(detail).toContain('91330106MA2H1XYN3K')
    expect(await r.locator('.e2e-review-proof').count()).toBe(1)
    await screenshot(r, 'offline-review-detail')
    await r.locator('.e2e-review-approve').click()
    await r.locator('.e2e-review-confirm').click()
    await expect
      .poll(() => r.locator('.e2e-review-detail-status').textContent(), { timeout: 15_000 })
      .toMatch(/生效|通过/)

    const records = await withServiceTx('test check', async (db) => {
      const { rows } = await db.query<{ status: string; employer_name: string }>(
        'select status, employer_name from public.employment_records where student_id = $1',
        [s.student.id],
      )
      return rows
    })
    expect(records).toEqual([{ status: 'active', employer_name: TEXTS.employerName }])
    expect(failed).toEqual([])
  })
})
