/**
 * The student's 就业手续 in the mini-program build (dist/weapp) run by the headless runtime, against the
 * real API and database: 我的 → 就业手续 shows the closed gate; 生源信息核对 shows the school's record
 * read-only, refuses a bad phone inline as it is typed, and 保存并送审 (asking for the review-result
 * notification within the tap) leaves it 待审核. The reviewer returns it with a reason (in SQL, as the
 * workbench does), the student sees the reason, fixes and resubmits; once approved, 信息纠错 files a
 * correction of the phone and of a locked field with a proof photo (refused without one), and
 * 核签明细 / 变更明细 show every step with its time and reason.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  CorrectionListResponse,
  RecommendationResponse,
  SourceInfoResponse,
} from '../../../src/contracts/procedures'
import { decide, type Signed, signedStudent } from '../../procedures/api-support'
import { TINY_PNG } from '../../storage/upload'
import { expectOk, withApi } from '../../support/api'
import { withFileEnv } from '../../support/env'
import { TEST_PASSWORD } from '../../support/fixtures'
import { MiniProgram } from '../runtime/runtime'
import { textOf } from '../runtime/wxml'
import { weappDir } from '../support/build'
import { loginWithPassword } from './password-login'

const api = withApi()
const HOME = 'packages/procedures/pages/index/index'
const SOURCE_INFO = 'packages/procedures/pages/source-info/index'
const CORRECTION = 'packages/procedures/pages/correction/index'
const HISTORY = 'packages/procedures/pages/history/index'
const RECOMMENDATION = 'packages/procedures/pages/recommendation/index'
const TEMPLATE = 'tpl-weapp-review-decided'
const SIGNING_TEMPLATE = 'tpl-weapp-signing-invited'
const NAME = '沈知远'

withFileEnv({ WECHAT_TPL_REVIEW_DECIDED: TEMPLATE, WECHAT_TPL_SIGNING_INVITED: SIGNING_TEMPLATE })

let s: Signed
beforeAll(async () => {
  s = await signedStudent(api.url, { name: NAME })
})

let mp: MiniProgram | undefined
afterEach(() => {
  // close() fails the test when the program failed after its last step
  mp?.close()
  mp = undefined
})

async function loggedIn(): Promise<MiniProgram> {
  const program = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
  await program.launch()
  await loginWithPassword(program, { login: s.student.login, password: TEST_PASSWORD, displayName: NAME })
  return program
}

function sourceInfoNow() {
  return expectOk(SourceInfoResponse, api.url, '/api/procedures/source-info', { token: s.token })
}

async function textAt(p: MiniProgram, selector: string): Promise<string> {
  return textOf(await p.one(selector))
}

/** 我的 → 就业手续 → a card's page, loaded. */
async function openFromHome(p: MiniProgram, card: string, route: string, ready: string): Promise<void> {
  await p.tapTab('我的')
  await p.tap('.e2e-menu-procedures')
  await p.onPage(HOME)
  await p.one('.e2e-proc-gate')
  await p.tap(card)
  await p.onPage(route)
  await p.one(ready)
}

const SUBSCRIPTIONS = 'GET /api/me/subscriptions 200'
const loads = (p: MiniProgram) => p.requests.filter((r) => r === SUBSCRIPTIONS).length

/** Runs `open` (which opens a page asking at 提交) and waits for that page to load the moment's templates. */
async function withTemplates(p: MiniProgram, open: () => Promise<void>): Promise<void> {
  const before = loads(p)
  await open()
  await p.waitFor('the templates loaded', () => loads(p) > before)
}

async function waitStatus(p: MiniProgram, label: string): Promise<void> {
  await p.waitFor(`the status ${label}`, () => p.query('.e2e-proc-source-status').map(textOf)[0] === label)
}

describe('weapp: 就业手续 (student)', () => {
  it('生源信息核对: fill, a bad phone refused as typed, 保存并送审 → 待审核', {
    timeout: 90_000,
  }, async () => {
    mp = await loggedIn()
    await mp.tapTab('我的')
    await mp.tap('.e2e-menu-procedures')
    await mp.onPage(HOME)
    const gate = await textAt(mp, '.e2e-proc-gate')
    expect(gate).toContain('生源信息审核通过后才能签约和办理其他就业手续')
    expect(mp.query('.e2e-proc-gate-closed')).toHaveLength(1)
    expect(await textAt(mp, '.e2e-proc-home-source-status')).toBe('未确认')

    await withTemplates(mp, async () => {
      await mp?.tap('.e2e-proc-card-source-info')
      await mp?.onPage(SOURCE_INFO)
    })
    await waitStatus(mp, '未确认')
    // the school's record: read-only, the ID number masked
    expect(mp.text()).toContain('学校上报，不可修改')
    const locked = await textAt(mp, '.e2e-proc-locked')
    expect(locked).toContain(NAME)
    expect(locked).toContain(s.student.roster.studentNumber)
    expect(locked).toContain(s.student.roster.college)
    expect(locked).not.toContain(s.student.roster.idCard)

    // the contract's check as the student types
    await mp.fill('.e2e-proc-field-phone', '138')
    expect(await textAt(mp, '.e2e-field-error-proc-field-phone')).toBe('请输入 11 位手机号')
    await mp.fill('.e2e-proc-field-phone', '13812345678')
    expect(mp.query('.e2e-field-error-proc-field-phone')).toEqual([])

    // 保存并送审 with the rest missing: the fields say what is needed, nothing is sent
    mp.subscribeNext('accept')
    await mp.tap('.e2e-proc-submit')
    expect(await textAt(mp, '.e2e-field-error-proc-field-origin')).toBe('请填写生源地')
    expect(await textAt(mp, '.e2e-field-error-proc-field-ethnicity')).toBe('请选择民族')
    expect(mp.requests.filter((r) => r.startsWith('PUT /api/procedures/source-info'))).toEqual([])
    expect(mp.subscribeRequests.at(-1)).toEqual({ tmplIds: [TEMPLATE, SIGNING_TEMPLATE], fromTap: true })

    await mp.fill('.e2e-proc-field-origin', '浙江省杭州市西湖区')
    await mp.tap('.e2e-proc-field-political_status-league_member')
    await mp.choose('.e2e-proc-field-ethnicity', 0)
    await mp.fill('.e2e-proc-field-email', 'shen.zy@example.com')
    await mp.fill('.e2e-proc-field-home_address', '浙江省杭州市西湖区文三路 100 号')
    await mp.fill('.e2e-proc-field-family_contact', '沈父')
    await mp.fill('.e2e-proc-field-family_contact_phone', '13900139000')
    await mp.tap('.e2e-proc-field-difficulty-none')
    await mp.waitFor('the errors gone', () => mp?.query('.form-field__error').length === 0)

    // 保存 (a draft) keeps the status
    await mp.tap('.e2e-proc-save')
    await mp.waitFor('the 已保存 toast', () => mp?.toasts.some((t) => t.title === '已保存'))
    expect((await sourceInfoNow()).status).toBe('unconfirmed')

    mp.subscribeNext('accept')
    await mp.tap('.e2e-proc-submit')
    await waitStatus(mp, '待审核')
    expect(mp.subscribeRequests.at(-1)).toEqual({ tmplIds: [TEMPLATE, SIGNING_TEMPLATE], fromTap: true })
    expect(mp.requests).toContain('PUT /api/procedures/source-info 200')
    // under review: read-only, 撤回 and 修改后重新提交 offered
    expect(mp.query('.e2e-proc-form')).toEqual([])
    expect(mp.query('.e2e-proc-withdraw')).toHaveLength(1)
    expect(mp.query('.e2e-proc-resubmit')).toHaveLength(1)
    const now = await sourceInfoNow()
    expect(now.status).toBe('submitted')
    expect(now.editable).toMatchObject({
      origin: '浙江省杭州市西湖区',
      political_status: 'league_member',
      ethnicity: '汉族',
      phone: '13812345678',
      email: 'shen.zy@example.com',
      difficulty: 'none',
    })
  })

  it('returned with a reason, fixed and resubmitted; approved; a correction with a proof; the history', {
    timeout: 120_000,
  }, async () => {
    const id = (await sourceInfoNow()).id
    await decide(s.reviewer, 'source_info', id, 'return', '家庭地址请写到门牌号')

    mp = await loggedIn()
    const p = mp
    await withTemplates(p, () =>
      openFromHome(p, '.e2e-proc-card-source-info', SOURCE_INFO, '.e2e-proc-source-status'),
    )
    await waitStatus(mp, '已退回')
    expect(await textAt(mp, '.e2e-proc-return-reason')).toBe('家庭地址请写到门牌号')
    await mp.fill('.e2e-proc-field-home_address', '浙江省杭州市西湖区文三路 100 号 3 幢 201 室')
    mp.subscribeNext('accept')
    await mp.tap('.e2e-proc-submit')
    await waitStatus(mp, '待审核')
    expect((await sourceInfoNow()).editable.home_address).toBe('浙江省杭州市西湖区文三路 100 号 3 幢 201 室')

    await decide(s.reviewer, 'source_info', id, 'approve')
    mp.wx.navigateBack({ delta: 1 })
    await mp.onPage(HOME)
    await mp.tap('.e2e-proc-card-source-info')
    await mp.onPage(SOURCE_INFO)
    await waitStatus(mp, '审核通过')
    expect(mp.query('.e2e-proc-form')).toEqual([])

    // 信息纠错: the phone (editable) and the major (locked, so a proof is needed)
    await withTemplates(p, async () => {
      await p.tap('.e2e-proc-correct')
      await p.onPage(CORRECTION)
    })
    await mp.tap('.e2e-corr-pick-phone')
    expect(await textAt(mp, '.e2e-corr-old-phone')).toBe('13812345678')
    await mp.fill('.e2e-corr-field-phone', '13700137000')
    await mp.tap('.e2e-corr-pick-major')
    expect(await textAt(mp, '.e2e-corr-old-major')).toBe(String((await sourceInfoNow()).locked.major))
    await mp.fill('.e2e-corr-field-major', '计算机科学与技术')
    expect(await textAt(mp, '.e2e-corr-proof-note')).toContain('需上传证明材料')
    await mp.fill('.e2e-corr-reason', '换了手机号；专业为转专业后的专业')
    expect(await textAt(mp, '.e2e-corr-reason-count')).toBe('16/500')

    mp.subscribeNext('accept')
    await mp.tap('.e2e-corr-submit')
    expect(await textAt(mp, '.e2e-field-error-corr-proofs')).toBe('修改学校上报的信息需上传证明材料')
    expect(mp.requests.filter((r) => r.startsWith('POST /api/procedures/corrections '))).toEqual([])

    mp.chooseNextImage(TINY_PNG, 'proof.png')
    await mp.tap('.e2e-corr-proof')
    await mp.waitFor('the proof listed', () => mp?.query('.e2e-corr-proof-item').length === 1)
    expect(mp.requests).toContain('POST /api/procedures/corrections/proofs 201')
    mp.subscribeNext('accept')
    await mp.tap('.e2e-corr-submit')
    await mp.waitFor('the correction listed', () => mp?.query('.e2e-corr-item-pending').length === 1)
    expect(mp.requests).toContain('POST /api/procedures/corrections 201')
    const item = await textAt(mp, '.e2e-corr-item-pending')
    expect(item).toContain('本人手机：13812345678 → 13700137000')
    expect(item).toContain('待审核')

    const filed = await expectOk(CorrectionListResponse, api.url, '/api/procedures/corrections', {
      token: s.token,
    })
    expect(filed.items).toHaveLength(1)
    expect(filed.items[0]!.proofs).toHaveLength(1)
    await decide(s.reviewer, 'correction', filed.items[0]!.id, 'return', '请上传教务处的转专业证明')

    // the source info marks nothing pending any more; 核签明细 and 变更明细
    mp.wx.navigateBack({ delta: 2 })
    await mp.onPage(HOME)
    await mp.tap('.e2e-proc-card-history')
    await mp.onPage(HISTORY)
    await mp.waitFor('the entries', () => (mp?.query('.e2e-hist-entry').length ?? 0) >= 4)
    const review = mp.query('.e2e-hist-entry').map(textOf)
    expect(review).toHaveLength(4)
    expect(review.join('\n')).toContain('家庭地址请写到门牌号')
    expect(mp.query('.e2e-hist-entry-source_info-return')).toHaveLength(1)
    expect(mp.query('.e2e-hist-entry-source_info-approve')).toHaveLength(1)
    expect(review.every((t) => /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(t))).toBe(true)

    await mp.tap('.e2e-hist-tab-change')
    await mp.waitFor('the change entries', () => mp?.query('.e2e-hist-entry-correction-return').length === 1)
    const change = mp.query('.e2e-hist-entry').map(textOf).join('\n')
    expect(change).toContain('驳回')
    expect(change).toContain('请上传教务处的转专业证明')
    expect(change).toContain('13812345678 → 13700137000')
  })

  it('就业推荐表: counters, an education row, 保存并送审 → 待审核; approved shows the school’s opinions', {
    timeout: 90_000,
  }, async () => {
    mp = await loggedIn()
    const p = mp
    await withTemplates(p, () =>
      openFromHome(p, '.e2e-proc-card-recommendation', RECOMMENDATION, '.e2e-rec-status'),
    )
    expect(await textAt(p, '.e2e-rec-status')).toBe('草稿')
    await p.fill('.e2e-rec-health', '健康')
    expect(await textAt(p, '.e2e-rec-health-count')).toBe('2/20')
    await p.fill('.e2e-rec-self_evaluation', '热爱专业')
    expect(await textAt(p, '.e2e-rec-self_evaluation-count')).toBe('至少 20 字 · 4/800')

    // no education yet and a short self-evaluation: refused on the form, nothing sent
    p.subscribeNext('accept')
    await p.tap('.e2e-rec-submit')
    expect(await textAt(p, '.e2e-field-error-rec-education')).toBe('请至少填写一条教育经历')
    expect(await textAt(p, '.e2e-field-error-rec-self_evaluation')).toBe('自我评价至少 20 字')
    expect(p.requests.filter((r) => r.startsWith('PUT /api/procedures/recommendation'))).toEqual([])

    await p.tap('.e2e-rec-edu-add')
    await p.choose('.e2e-rec-edu-0-from', '2022-09')
    await p.choose('.e2e-rec-edu-0-to', '2026-06')
    await p.fill('.e2e-rec-edu-0-school', '浙江测试大学')
    await p.fill('.e2e-rec-edu-0-role', '班长')
    const self = '本人热爱专业，学习刻苦，积极参加社会实践，具有良好的团队协作精神。'
    await p.fill('.e2e-rec-self_evaluation', self)
    expect(await textAt(p, '.e2e-rec-self_evaluation-count')).toBe(`${Array.from(self).length}/800`)
    p.subscribeNext('accept')
    await p.tap('.e2e-rec-submit')
    await p.waitFor('待审核', () => p.query('.e2e-rec-status').map(textOf)[0] === '待审核')
    expect(p.subscribeRequests.at(-1)).toEqual({ tmplIds: [TEMPLATE, SIGNING_TEMPLATE], fromTap: true })
    expect(p.query('.e2e-rec-withdraw')).toHaveLength(1)
    const rec = await expectOk(RecommendationResponse, api.url, '/api/procedures/recommendation', {
      token: s.token,
    })
    expect(rec.fields.education).toEqual([
      { from: '2022-09', to: '2026-06', school: '浙江测试大学', role: '班长' },
    ])

    await decide(s.reviewer, 'recommendation', rec.id!, 'approve', null, {
      comment: '该生品学兼优，同意推荐。',
      recommendation: '推荐到各用人单位就业。',
    })
    p.wx.navigateBack({ delta: 1 })
    await p.onPage(HOME)
    await p.tap('.e2e-proc-card-recommendation')
    await p.onPage(RECOMMENDATION)
    await p.waitFor('审核通过', () => p.query('.e2e-rec-status').map(textOf)[0] === '审核通过')
    expect(await textAt(p, '.e2e-rec-comment')).toBe('该生品学兼优，同意推荐。')
    expect(await textAt(p, '.e2e-rec-recommendation')).toBe('推荐到各用人单位就业。')
    expect(p.query('.e2e-rec-pdf')).toHaveLength(1)
    expect(p.query('.e2e-rec-form')).toEqual([])
  })
})
