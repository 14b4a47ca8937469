/**
 * 我的简历 in the H5 build against the real API and database: a student opens 我的 → 我的简历,
 * creates the Chinese resume, fills it in the editor while the completeness bar climbs and its
 * "还差：…" hints move on (60 % with the three sections every resume shows, more with an addable
 * one), saves, previews it, and downloads the PDF, which the server made: pdftotext finds the name.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { ResumeListResponse } from '../../src/contracts/resumes'
import { expectOk, withApi } from '../support/api'
import { screenshot, withBrowser } from '../support/browser'
import { loginAs, makeSchool, makeUser, TEST_PASSWORD } from '../support/fixtures'

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

const percent = (page: Page) => page.locator('.e2e-resume-edit-page .e2e-resume-percent').textContent()
const hints = (page: Page) => page.locator('.e2e-resume-edit-page .e2e-resume-hints').textContent()

async function fill(page: Page, hook: string, value: string): Promise<void> {
  const input = page.locator(`.e2e-resume-${hook} input, .e2e-resume-${hook} textarea`).first()
  await input.fill(value)
}

describe('H5: the online resume', () => {
  it('fills the resume with a live completeness bar, previews it and downloads its PDF', async () => {
    const student = await makeUser({ role: 'student', schoolId: await makeSchool('示例师范大学') })
    const page = await browser.page()
    await page.goto(`${api.url}/#/packages/account/pages/login/index`)
    await page.locator('.e2e-login-account input').fill(student.login)
    await page.locator('.e2e-login-password input').fill(TEST_PASSWORD)
    await page.locator('.e2e-login-submit').click()
    await page.waitForURL(/pages\/me\/index/, { timeout: 15_000 })

    // 我的 → 我的简历 → 创建中文简历
    await page.locator('.e2e-menu-resume').click()
    await page.locator('.e2e-resume-create-zh-button').click()
    await page.locator('.e2e-resume-edit-page .e2e-resume-bar').waitFor({ timeout: 15_000 })
    expect(await percent(page)).toBe('0%')
    expect(await hints(page)).toBe('还差：填写姓名、选择性别、填写手机号 等')

    // 个人信息: the bar follows each field as it is typed, before anything is saved
    await fill(page, 'personal-name', '林玙昳')
    await expect.poll(() => percent(page)).toBe('7%')
    expect(await hints(page)).toBe('还差：选择性别、填写手机号、填写邮箱 等')
    await page.locator('.e2e-resume-personal-gender-female').click()
    await fill(page, 'personal-phone', '13800138000')
    await fill(page, 'personal-email', 'linyu@example.com')
    await fill(page, 'personal-city', '杭州')
    await expect.poll(() => percent(page)).toBe('25%')
    expect(await hints(page)).toBe('还差：填写期望职位、选择期望城市、添加教育经历 等')

    // 求职意向 and 教育背景
    await fill(page, 'intention-position', '后端开发工程师')
    await page.locator('.e2e-resume-city', { hasText: '杭州' }).click()
    await expect.poll(() => percent(page)).toBe('35%')
    await page.locator('.e2e-resume-add-education').click()
    await fill(page, 'education-0-school', '浙江大学')
    await expect.poll(() => hints(page)).toContain('补全教育经历')
    await fill(page, 'education-0-major', '计算机科学与技术')
    await page.locator('.e2e-resume-education-0-degree-bachelor').click()
    await fill(page, 'education-0-start', '2020.9')
    await fill(page, 'education-0-end', '2024-06')
    // the three sections every resume shows: exactly enough to apply
    await expect.poll(() => percent(page)).toBe('60%')
    expect(await page.locator('.e2e-resume-edit-page .resume-bar__status').textContent()).toBe(
      '已达到投递要求',
    )
    expect(await hints(page)).toBe('还差：添加实习经历（公司、职位）、添加项目经历、添加技能特长 等')

    // an addable section: 实习经历
    await page.locator('.e2e-resume-module-internships').click()
    await fill(page, 'internships-0-company', '杭州云栖科技有限公司')
    await fill(page, 'internships-0-role', '后端开发实习生')
    await fill(page, 'internships-0-description', '参与就业信息平台的服务端开发。')
    await expect.poll(() => percent(page)).toBe('70%')
    await screenshot(page, 'resume-edit')

    await page.locator('.e2e-resume-save').click()
    await expect
      .poll(() => page.locator('.e2e-resume-save').textContent(), { timeout: 15_000 })
      .toBe('已保存')
    // the database computed the same number from what was saved; "2020.9" was saved as 2020-09
    const token = await loginAs(api.url, student)
    const list = await expectOk(ResumeListResponse, api.url, '/api/me/resumes', { token })
    expect(list.resumes).toEqual([expect.objectContaining({ lang: 'zh', completeness: 70, isDefault: true })])

    // 预览 → 下载PDF: the server's PDF, with the student's name as text
    await page.locator('.e2e-resume-preview').click()
    await page.locator('.e2e-resume-view-name').waitFor({ timeout: 15_000 })
    expect(await page.locator('.e2e-resume-view-name').textContent()).toBe('林玙昳')
    expect(await page.locator('.e2e-resume-view-education').textContent()).toContain('2020.09 – 2024.06')
    // the page has finished sliding in, so the screenshot is whole
    await expect.poll(async () => (await page.locator('.e2e-resume-view').boundingBox())?.x).toBeLessThan(30)
    await screenshot(page, 'resume-preview')
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.locator('.e2e-resume-download').click(),
    ])
    expect(download.suggestedFilename()).toBe('林玙昳-中文简历.pdf')
    const file = await download.path()
    const pdf = readFileSync(file)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8')
    expect(text).toContain('林玙昳')
    expect(text).toContain('杭州云栖科技有限公司')

    // 编辑 goes back to the editor it came from, which shows what was saved
    await page.locator('.e2e-resume-edit').click()
    await expect.poll(() => page.locator('.e2e-resume-edit-page').isVisible()).toBe(true)
    expect(await percent(page)).toBe('70%')
    expect(await page.locator('.e2e-resume-education-0-start input').inputValue()).toBe('2020-09')

    // back on the list: the saved resume with its completeness, the default mark
    // (reloaded, so the list opened at the start, still in the page stack, is not what is read)
    await page.goto(`${api.url}/#/packages/resume/pages/list/index`)
    await page.reload()
    await page.locator('.e2e-resume-card-zh').waitFor({ timeout: 15_000 })
    expect(await page.locator('.e2e-resume-card-zh .e2e-resume-percent').textContent()).toBe('70%')
    expect(await page.locator('.e2e-resume-card-zh .e2e-resume-default').count()).toBe(1)
    await screenshot(page, 'resume-list')
  })
})
