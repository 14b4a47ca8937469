/**
 * The student's job hunt in the mini-program build (dist/weapp) run by the headless runtime, against the
 * real API and database: 求职意向 (拟就业, 杭州, a category) saved; search "前端" filtered to 杭州 finds the
 * one matching job and none of the others; its detail page favourites it and applies with the default
 * resume; the employer invites to a video interview (through the API); 我的 → 求职 → 面试邀请 shows it and
 * the student accepts, and 已投简历 then says 邀请面试. Each step is checked on the rendered text and on
 * the API's state.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MyApplicationListResponse } from '../../../src/contracts/applications'
import { FavouriteListResponse } from '../../../src/contracts/favourites'
import { IntentionResponse } from '../../../src/contracts/intentions'
import { EmployerInterviewResponse, MyInterviewListResponse } from '../../../src/contracts/interviews'
import { expectOk, withApi } from '../../support/api'
import { loginAs, makeUser, TEST_PASSWORD, type TestUser } from '../../support/fixtures'
import { MiniProgram } from '../runtime/runtime'
import { queryAll, type RenderedNode, textOf } from '../runtime/wxml'
import { weappDir } from '../support/build'
import { addCompany, addJob, addResume, boundStudent, completeResume } from './job-hunt-fixtures'
import { loginWithPassword } from './password-login'

const api = withApi()
const ME = 'pages/me/index'
const INTENTION = 'packages/career/pages/intention/index'
const SEARCH = 'packages/jobs/pages/search/index'
const DETAIL = 'packages/jobs/pages/detail/index'
const CAREER = 'packages/career/pages/index/index'

const STUDENT_NAME = '林小满'
const COMPANY = '云帆科技（杭州）有限公司'
const TITLE = '前端开发工程师'
const VIDEO_URL = 'https://meeting.example.com/j/5566778'
const CONTACT = '王经理 0571-88886666'

let student: TestUser
let studentToken: string
let employerToken: string
let jobId: string
beforeAll(async () => {
  const s = await boundStudent(api.url, STUDENT_NAME)
  student = s.user
  studentToken = s.token
  // the first resume is the default; the English one is complete too, so the default is what decides
  await addResume(student.id, 'zh', '我的简历', completeResume(STUDENT_NAME))
  await addResume(student.id, 'en', 'My resume', completeResume('Lin Xiaoman'))

  const companyId = await addCompany(COMPANY, true)
  const employer = await makeUser({ role: 'employer', companyId, name: '王经理' })
  employerToken = await loginAs(api.url, employer)
  jobId = await addJob(companyId, { title: TITLE, cities: ['杭州'] })
  // what the search must not find (in the end): another city, another keyword, a draft, a closed post
  const shanghai = await addCompany('星海网络（上海）有限公司', true)
  await addJob(shanghai, { title: TITLE, cities: ['上海'] })
  await addJob(companyId, {
    title: 'Java后端开发工程师',
    cities: ['杭州'],
    description: '负责交易系统的服务端开发。',
  })
  await addJob(companyId, { title: '前端开发实习生', cities: ['杭州'], status: 'draft' })
  await addJob(companyId, { title: '资深前端工程师', cities: ['杭州'], status: 'closed' })
})

let mp: MiniProgram | undefined
afterEach(() => {
  // close() fails the test when the program failed after its last step
  mp?.close()
  mp = undefined
})

const textsOf = (p: MiniProgram, selector: string) => p.query(selector).map((n) => textOf(n))

/** The chip labelled `label` in the chip group `group`. */
function chip(p: MiniProgram, group: string, label: string): RenderedNode {
  const found = p.query(`${group} .chip`).filter((n) => textOf(n) === label)
  if (found.length !== 1) throw new Error(`${found.length} chips "${label}" in ${group}`)
  return found[0]!
}

/** Taps a chip and waits until it shows as chosen. */
async function pickChip(p: MiniProgram, group: string, label: string): Promise<void> {
  await p.tap(chip(p, group, label))
  await p.waitFor(`"${label}" chosen`, () => chip(p, group, label).classes.includes('chip--active'))
}

/** The system back button, to `route`. */
async function back(p: MiniProgram, route: string): Promise<void> {
  p.wx.navigateBack({ delta: 1 })
  await p.onPage(route)
}

/** The one node `selector` names inside `row` (a card among like cards). */
function inside(row: RenderedNode, selector: string): RenderedNode {
  const found = queryAll(row, selector)
  if (found.length !== 1) throw new Error(`"${selector}" matches ${found.length} nodes in the row`)
  return found[0]!
}

/** A time `days` from now at `hhmm` China time: its ISO form, and as the student reads it (5月6日（周三）14:30). */
function chinaSlot(days: number, hhmm: string): { iso: string; shown: string } {
  const d = new Date(Date.now() + 8 * 3600_000 + days * 86400_000)
  const date = d.toISOString().slice(0, 10)
  const weekday = '日一二三四五六'[d.getUTCDay()]
  return {
    iso: `${date}T${hhmm}:00+08:00`,
    shown: `${d.getUTCMonth() + 1}月${d.getUTCDate()}日（周${weekday}）${hhmm}`,
  }
}

describe('weapp: the student’s job hunt', () => {
  it('intention, search, favourite, apply, accept the interview', { timeout: 90_000 }, async () => {
    mp = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    await mp.launch()
    await loginWithPassword(mp, { login: student.login, password: TEST_PASSWORD, displayName: STUDENT_NAME })
    const p = mp

    // ---- 我的 → 求职意向: 拟就业 opens the job fields; 杭州 and 技术研发, saved
    await p.tap('.e2e-menu-intention')
    await p.onPage(INTENTION)
    await p.one('.e2e-plan-employment')
    // nothing set yet: no plan, so no job fields
    expect(p.query('.e2e-intention-job-fields')).toEqual([])
    await p.tap('.e2e-plan-employment')
    await p.one('.e2e-intention-job-fields')
    // one tap at a time, each shown before the next, as a finger does
    await pickChip(p, '.e2e-intention-cities', '杭州')
    await pickChip(p, '.e2e-intention-categories', '技术研发')
    expect(chip(p, '.e2e-intention-cities', '杭州').classes).toContain('chip--active')
    await p.tap('.e2e-intention-save')
    await p.waitFor('the 已保存 toast', () => p.toasts.some((t) => t.title === '已保存'))
    expect(p.requests).toContain('PUT /api/me/intention 200')
    const { intention } = await expectOk(IntentionResponse, api.url, '/api/me/intention', {
      token: studentToken,
    })
    expect(intention).toMatchObject({
      plan: 'employment',
      cities: ['杭州'],
      categories: ['tech'],
      natures: [],
      industries: [],
      salaryMin: null,
    })
    // reopened, the page shows what the API keeps
    await back(p, ME)
    await p.tap('.e2e-menu-intention')
    await p.onPage(INTENTION)
    await p.waitFor('the saved intention', () =>
      p.query('.e2e-intention-cities .chip--active').length > 0 ? true : undefined,
    )
    expect(textsOf(p, '.e2e-intention-cities .chip--active')).toEqual(['杭州'])
    expect(textsOf(p, '.e2e-intention-categories .chip--active')).toEqual(['技术研发'])
    expect((await p.one('.e2e-plan-employment')).classes).toContain('chip--active')
    await back(p, ME)

    // ---- 首页 → 搜索: "前端" finds both 前端开发工程师 posts, not the Java one; 杭州 leaves the one
    await p.tapTab('首页')
    // the feed follows the intention now: the two published 杭州 jobs, not 上海's
    await p.waitFor('the feed by intention', () =>
      textsOf(p, '.e2e-home-feed-title')[0] === '按求职意向推荐' && p.query('.e2e-home-job').length === 2
        ? true
        : undefined,
    )
    expect(textsOf(p, '.e2e-home-job').every((r) => r.includes('杭州') && !r.includes('上海'))).toBe(true)
    await p.tap('.e2e-home-search')
    await p.onPage(SEARCH)
    // before a keyword: every open job (not the draft, not the closed one)
    await p.waitFor('every open job', () => p.query('.e2e-search-result').length === 3)
    await p.fill('.e2e-search-input', '前端')
    await p.tap('.e2e-search-submit')
    await p.waitFor('the keyword results', () => p.query('.e2e-search-result').length === 2)
    const byKeyword = textsOf(p, '.e2e-search-result')
    expect(byKeyword.every((r) => r.includes(TITLE))).toBe(true)
    expect(byKeyword.some((r) => r.includes('星海网络（上海）有限公司') && r.includes('上海'))).toBe(true)
    expect(p.text()).not.toContain('Java后端开发工程师')
    expect(p.text()).not.toContain('前端开发实习生')
    expect(p.text()).not.toContain('资深前端工程师')

    await p.tap('.e2e-filter-city')
    await p.tap(
      await p.waitFor('the city options', () =>
        p.query('.e2e-filter-option').find((o) => textOf(o) === '杭州'),
      ),
    )
    await p.waitFor('the 杭州 results', () => p.query('.e2e-search-result').length === 1)
    const [hit] = p.query('.e2e-search-result')
    expect(textOf(inside(hit!, '.e2e-job-card-title'))).toBe(TITLE)
    expect(textOf(hit!)).toContain(COMPANY)
    expect(textOf(hit!)).toContain('杭州')
    expect(p.text()).not.toContain('星海网络（上海）有限公司')
    expect(textOf(await p.one('.e2e-filter-city'))).toContain('杭州')
    expect(p.compiledText()).toContain(COMPANY)

    // ---- the job's detail page
    await p.tap(inside(hit!, '.e2e-job-card'))
    await p.onPage(DETAIL)
    expect(p.currentPage.options.id).toBe(jobId)
    expect(textOf(await p.one('.e2e-job-title'))).toBe(TITLE)
    expect(textOf(await p.one('.e2e-job-company-name'))).toContain(COMPANY)

    // ---- 收藏: the button says so, the API lists it
    const favourite = await p.one('.e2e-favourite-button')
    expect(textOf(favourite)).toBe('☆ 收藏职位')
    expect(favourite.classes).not.toContain('e2e-favourited')
    await p.tap(favourite)
    await p.waitFor('the job favourited', () => p.query('.e2e-favourite-button.e2e-favourited').length === 1)
    expect(textOf(await p.one('.e2e-favourite-button'))).toBe('★ 已收藏')
    expect(p.toasts.map((t) => t.title)).toContain('已收藏')
    expect(p.requests).toContain(`PUT /api/jobs/${jobId}/favourite 200`)
    const favourites = await expectOk(FavouriteListResponse, api.url, '/api/me/favourites', {
      token: studentToken,
    })
    expect(favourites.items.map((f) => f.job.id)).toEqual([jobId])

    // ---- apply with the default resume
    await p.tap('.e2e-apply-open')
    await p.one('.e2e-apply-sheet')
    const zh = await p.waitFor('the resumes in the sheet', () => {
      const r = p.query('.e2e-apply-resume-zh')[0]
      return r && textOf(r).includes('完整度') ? r : undefined
    })
    // the default one is chosen already
    expect(zh.classes).toContain('resume-option--on')
    expect(textOf(zh)).toContain('默认')
    expect(textOf(zh)).toContain('完整度 70%')
    expect((await p.one('.e2e-apply-resume-en')).classes).not.toContain('resume-option--on')
    await p.tap('.e2e-apply-submit')
    await p.waitFor('the application status', () => textsOf(p, '.e2e-apply-status')[0] === '已投递')
    expect(p.query('.e2e-apply-sheet')).toEqual([])
    expect(p.toasts.map((t) => t.title)).toContain('投递成功')
    expect(p.requests.filter((r) => r.startsWith('POST /api/applications '))).toEqual([
      'POST /api/applications 200',
    ])
    const applied = await expectOk(MyApplicationListResponse, api.url, '/api/applications', {
      token: studentToken,
    })
    expect(applied.items).toHaveLength(1)
    expect(applied.items[0]).toMatchObject({ status: 'submitted', resumeLang: 'zh', job: { id: jobId } })
    const applicationId = applied.items[0]!.id

    // ---- the employer invites to a video interview (H4's route)
    const slot = chinaSlot(3, '14:30')
    const invited = await expectOk(EmployerInterviewResponse, api.url, '/api/employer/interviews', {
      token: employerToken,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        applicationId,
        mode: 'video',
        videoUrl: VIDEO_URL,
        startsAt: slot.iso,
        contact: CONTACT,
        note: '请提前5分钟进入会议室。',
      },
    })
    expect(invited.interview.status).toBe('invited')

    // ---- 我的 → 求职 → 面试邀请: the invitation, accepted
    await p.tapTab('我的')
    await p.tap('.e2e-menu-career')
    await p.onPage(CAREER)
    await p.tap('.e2e-career-tab-interviews')
    const item = await p.one('.e2e-interview-item')
    expect(textOf(inside(item, '.e2e-interview-status'))).toBe('待应答')
    expect(textOf(inside(item, '.e2e-interview-mode'))).toBe('视频面试')
    expect(textOf(inside(item, '.e2e-interview-video'))).toBe(VIDEO_URL)
    expect(textOf(inside(item, '.e2e-interview-time'))).toBe(slot.shown)
    expect(textOf(item)).toContain(TITLE)
    expect(textOf(item)).toContain(CONTACT)
    p.answerModal(true)
    await p.tap(inside(item, '.e2e-interview-accept'))
    await p.waitFor('the interview accepted', () => textsOf(p, '.e2e-interview-status')[0] === '已接受')
    expect(p.modals.at(-1)?.title).toBe('接受面试')
    expect(p.query('.e2e-interview-accept')).toEqual([])
    expect(p.requests.filter((r) => /^POST \/api\/interviews\/[^/]+\/answer /.test(r))).toEqual([
      `POST /api/interviews/${invited.interview.id}/answer 200`,
    ])
    const interviews = await expectOk(MyInterviewListResponse, api.url, '/api/interviews', {
      token: studentToken,
    })
    expect(interviews.items.map((i) => [i.id, i.status])).toEqual([[invited.interview.id, 'accepted']])
    const after = await expectOk(MyApplicationListResponse, api.url, '/api/applications', {
      token: studentToken,
    })
    expect(after.items.map((a) => [a.id, a.status])).toEqual([[applicationId, 'interview']])

    // ---- 已投简历: the application's status moved on
    await p.tap('.e2e-career-tab-applications')
    await p.waitFor('the application row', () => textsOf(p, '.e2e-application-status')[0] === '邀请面试')
    expect(textsOf(p, '.e2e-application-item')).toHaveLength(1)
    expect(textsOf(p, '.e2e-application-job')).toEqual([TITLE])
    // WeChat's own compiled WXML renders it too
    expect(p.compiledText()).toContain('邀请面试')

    // ---- 我的收藏: the favourited job
    await p.tap('.e2e-career-tab-favourites')
    await p.waitFor('the favourite row', () => p.query('.e2e-favourite-item').length === 1)
    expect(textsOf(p, '.e2e-favourite-item .e2e-job-card-title')).toEqual([TITLE])
  })
})
