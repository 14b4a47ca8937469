/**
 * School staff import a roster in the H5 build: pick a CSV (GBK, as Excel on Chinese Windows saves
 * it) with one broken row, validate only, import, read the rejection report with its row number,
 * find the new students in the list; the same file again changes nothing; unbind a bound student.
 */
import iconvLite from 'iconv-lite'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../scripts/db/seed'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { csv, row } from '../roster/support'
import { withApi } from '../support/api'
import { screenshot, withBrowser } from '../support/browser'

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
  await seed(process.env.DATABASE_URL!)
})

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

async function chooseFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.locator('.e2e-roster-choose').click(),
  ])
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: bytes })
  await page.locator('.e2e-roster-file', { hasText: name }).waitFor()
}

const count = (page: Page, cls: string) => page.locator(`.${cls} .kv__value`).textContent()

describe('H5: roster import by school staff', () => {
  it('validates, imports with a row-level report, lists the students, and re-imports idempotently', async () => {
    const page = await browser.page()
    await page.goto(`${api.url}/#/packages/account/pages/login/index`)
    await page.locator('.e2e-login-account input').fill('staff1')
    await page.locator('.e2e-login-password input').fill('jiuye123')
    await page.locator('.e2e-login-submit').click()
    await page.waitForURL(/pages\/me\/index/, { timeout: 15_000 })
    await page.goto(`${api.url}/#/packages/staff/pages/roster/index`)
    await page.locator('.e2e-roster-total').waitFor({ timeout: 15_000 })

    const rows = [
      row({ name: '导入甲', number: '2027900001' }),
      row({ name: '导入乙', number: '2027900002', year: '明年' }),
      row({ name: '导入丙', number: '2027900003', gender: '女' }),
    ]
    const file = iconvLite.encode(csv(rows), 'gb18030')
    await chooseFile(page, '2027届生源.csv', file)

    await page.locator('.e2e-roster-dry-run').click()
    await expect.poll(() => count(page, 'e2e-roster-inserted'), { timeout: 15_000 }).toBe('2')
    await expect.poll(() => page.locator('.e2e-roster-item', { hasText: '导入甲' }).count()).toBe(0)

    await page.locator('.e2e-roster-import').click()
    await page.getByText('导入结果').waitFor({ timeout: 15_000 })
    expect(await count(page, 'e2e-roster-inserted')).toBe('2')
    expect(await count(page, 'e2e-roster-rejected-count')).toBe('1')
    const rejection = page.locator('.e2e-roster-rejection')
    await expect.poll(() => rejection.textContent()).toContain('第3行 · 2027900002 · 导入乙')
    expect(await rejection.textContent()).toContain('毕业年份“明年”不正确')
    await screenshot(page, 'roster-import')

    // the list shows the imported students, searchable, unbound
    await page.locator('.e2e-roster-search input').fill('导入')
    await page.locator('.e2e-roster-search input').press('Enter')
    await expect.poll(() => page.locator('.e2e-roster-item').count(), { timeout: 10_000 }).toBe(2)
    expect(await page.locator('.e2e-roster-item', { hasText: '导入丙' }).textContent()).toContain('未绑定')

    // the same file again: nothing new, the broken row still reported
    await page.locator('.e2e-roster-import').click()
    await expect.poll(() => count(page, 'e2e-roster-unchanged'), { timeout: 15_000 }).toBe('2')
    expect(await count(page, 'e2e-roster-inserted')).toBe('0')

    // a student who lost their phone: the school frees the record so they can bind again
    await page.locator('.e2e-roster-search input').fill('张三')
    await page.locator('.e2e-roster-search input').press('Enter')
    const zhang = page.locator('.e2e-roster-item', { hasText: '张三' })
    await expect.poll(() => zhang.textContent(), { timeout: 10_000 }).toContain('已绑定')
    await zhang.locator('.e2e-roster-unbind').click()
    await page.getByText('确定', { exact: true }).click()
    await expect.poll(() => zhang.textContent(), { timeout: 10_000 }).toContain('未绑定')
    expect(await zhang.locator('.e2e-roster-unbind').count()).toBe(0)
  })
})
