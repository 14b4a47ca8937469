/**
 * The student's 签约中心 in the mini-program build (dist/weapp) run by the headless runtime, against the
 * real API and database. The student's source info is approved, they applied to a verified company's
 * job, and the company sends a signing invitation straight in SQL with its member's claims (the Data
 * API's path, app.send_signing_invitation) that takes neither the archive nor the hukou. The student:
 * 就业手续's 签约中心 card says an invitation waits; 签约中心 lists it; the invitation page shows the
 * terms; 接受 asks for the three destinations (a missing one refused on its field, nothing sent), then
 * accepts; the agreement page shows its number and 待学校审核; back home, the card says so. Once the
 * school approves it, the home tab's card says 协议已生效; the student proposes 解约 on the termination
 * page and sees it 待对方答复 (the home tab card: 解约办理中).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../../api/_lib/db/tx'
import { AgreementListResponse } from '../../../src/contracts/signing'
import { makeJob } from '../../applications/fixtures'
import { sqlAs } from '../../identity/sql'
import { approvedSourceInfo, type Signed, signedStudent } from '../../procedures/api-support'
import { expectOk, withApi } from '../../support/api'
import { makeCompany, makeUser, TEST_PASSWORD, type TestUser } from '../../support/fixtures'
import { MiniProgram } from '../runtime/runtime'
import { textOf } from '../runtime/wxml'
import { weappDir } from '../support/build'
import { loginWithPassword } from './password-login'

const api = withApi()
const HOME = 'packages/procedures/pages/index/index'
const SIGNING = 'packages/signing/pages/index/index'
const INVITATION = 'packages/signing/pages/invitation/index'
const AGREEMENT = 'packages/signing/pages/agreement/index'
const NAME = '顾以宁'
const EMPLOYER_NAME = '杭州测试科技HR'
const EMPLOYER_SIGNING = 'packages/employer/pages/signing/index'
const TAB_HOME = 'pages/index/index'
const TERMINATION = 'packages/signing/pages/termination/index'

let s: Signed
let employer: TestUser
beforeAll(async () => {
  s = await signedStudent(api.url, { name: NAME })
  await approvedSourceInfo(api.url, s)
  const company = await makeCompany(true)
  employer = await makeUser({ role: 'employer', companyId: company, name: EMPLOYER_NAME })
  const job = await makeJob(company, { title: '前端开发工程师' })
  await withServiceTx('test fixture', (db) =>
    db.query(
      `insert into public.applications (job_id, company_id, student_id, status) values ($1, $2, $3, 'hired')`,
      [job, company, s.student.id],
    ),
  )
  const sent = await sqlAs<{ r: { outcome: string } }>(
    employer.claims,
    'select app.send_signing_invitation($1, $2) as r',
    [
      s.student.id,
      {
        position: '前端开发工程师',
        contract_years: 3,
        salary_monthly: 15000,
        work_place: '浙江省杭州市西湖区',
        reply_by: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        takes_archive: false,
        takes_hukou: false,
        note: '请于 7 月 1 日报到',
      },
    ],
  )
  if (!sent.ok) throw new Error(`send_signing_invitation: ${sent.code} ${sent.message}`)
  expect(sent.rows[0]!.r.outcome).toBe('sent')
})

let mp: MiniProgram | undefined
afterEach(() => {
  mp?.close()
  mp = undefined
})

async function textAt(p: MiniProgram, selector: string): Promise<string> {
  return textOf(await p.one(selector))
}

describe('weapp: 签约中心 (student)', () => {
  it('an invitation viewed and accepted with the archive/hukou destinations; the agreement under review', {
    timeout: 90_000,
  }, async () => {
    mp = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    const p = mp
    await p.launch()
    await loginWithPassword(p, { login: s.student.login, password: TEST_PASSWORD, displayName: NAME })
    await p.tapTab('我的')
    await p.tap('.e2e-menu-procedures')
    await p.onPage(HOME)
    await p.waitFor('the signing card state', () =>
      p.query('.e2e-proc-home-sign-status').map(textOf).includes('有待答复的签约邀请'),
    )

    await p.tap('.e2e-proc-card-signing')
    await p.onPage(SIGNING)
    expect(await textAt(p, '.e2e-sign-status-label')).toBe('有待答复的签约邀请')
    const rows = p.query('.e2e-sign-invitation')
    expect(rows).toHaveLength(1)
    expect(textOf(rows[0]!)).toContain('前端开发工程师')
    expect(textOf(rows[0]!)).toContain('15,000 元/月')
    expect(textOf(rows[0]!)).toContain('待答复')

    await p.tap(rows[0]!)
    await p.onPage(INVITATION)
    const terms = await textAt(p, '.e2e-sign-terms')
    expect(terms).toContain('3 年')
    expect(terms).toContain('浙江省杭州市西湖区')
    expect(terms).toContain('单位不接收')
    expect(p.text()).toContain('请于 7 月 1 日报到')

    // 接受 opens the destinations the employer does not take; a missing one is refused on its field
    await p.tap('.e2e-sign-accept')
    await p.one('.e2e-sign-detail-archiveTo')
    await p.fill('.e2e-sign-detail-archiveTo', '浙江省杭州市人才服务中心')
    await p.fill('.e2e-sign-detail-reportCardTo', '杭州市人力资源和社会保障局')
    await p.tap('.e2e-sign-accept')
    expect(await textAt(p, '.e2e-field-error-sign-detail-hukouTo')).toBe('请填写户口迁移地址')
    expect(p.requests.filter((r) => r.startsWith('POST /api/signing'))).toEqual([])

    await p.fill('.e2e-sign-detail-hukouTo', '浙江省杭州市西湖区集体户')
    await p.tap('.e2e-sign-accept')
    await p.onPage(AGREEMENT)
    const number = await textAt(p, '.e2e-sign-agreement-number')
    expect(number).toMatch(/^JY-\d{4}-[0-9A-F]{8}$/)
    expect(await textAt(p, '.e2e-sign-agreement-status')).toBe('待学校审核')
    expect(p.text()).toContain('浙江省杭州市西湖区集体户')
    expect(p.query('.e2e-sign-confirm')).toEqual([])

    const mine = await expectOk(AgreementListResponse, api.url, '/api/signing/agreements/mine', {
      token: s.token,
    })
    expect(mine.items).toHaveLength(1)
    expect(mine.items[0]).toMatchObject({
      number,
      status: 'pending_review',
      archiveTo: '浙江省杭州市人才服务中心',
      reportCardTo: '杭州市人力资源和社会保障局',
      hukouTo: '浙江省杭州市西湖区集体户',
    })

    // 签约中心 and the home card show the state
    p.wx.navigateBack({ delta: 1 })
    await p.onPage(SIGNING)
    await p.waitFor('the state 协议待学校审核', () =>
      p.query('.e2e-sign-status-label').map(textOf).includes('协议待学校审核'),
    )
    expect(await textAt(p, '.e2e-sign-agreement')).toContain(number)
    expect(p.query('.e2e-sign-invitation-accepted')).toHaveLength(1)
    p.wx.navigateBack({ delta: 1 })
    await p.onPage(HOME)
    await p.waitFor('the card 协议待学校审核', () =>
      p.query('.e2e-proc-home-sign-status').map(textOf).includes('协议待学校审核'),
    )
  })

  it('the employer amends the agreement in 签约管理; the student confirms it', {
    timeout: 90_000,
  }, async () => {
    mp = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    const p = mp
    await p.launch()
    await loginWithPassword(p, { login: employer.login, password: TEST_PASSWORD, displayName: EMPLOYER_NAME })
    await p.tap('.e2e-menu-employer-signing')
    await p.onPage(EMPLOYER_SIGNING)
    expect(await textAt(p, '.e2e-esign-invitation-status')).toBe('已接受')
    expect(p.query('.e2e-esign-withdraw')).toEqual([])
    expect(await textAt(p, '.e2e-esign-agreement-status')).toBe('待学校审核')
    await p.tap('.e2e-esign-amend')
    await p.fill('.e2e-esign-amend-field-salaryMonthly', '16000')
    await p.tap('.e2e-esign-amend-save')
    await p.waitFor('the state 待学生确认', () =>
      p.query('.e2e-esign-agreement-status').map(textOf).includes('待学生确认'),
    )
    expect(p.query('.e2e-esign-amend')).toEqual([])
    p.close()

    mp = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    const q = mp
    await q.launch()
    await loginWithPassword(q, { login: s.student.login, password: TEST_PASSWORD, displayName: NAME })
    await q.tap('.e2e-menu-procedures')
    await q.onPage(HOME)
    await q.waitFor('the card 协议待确认', () =>
      q.query('.e2e-proc-home-sign-status').map(textOf).includes('协议待确认'),
    )
    await q.tap('.e2e-proc-card-signing')
    await q.onPage(SIGNING)
    await q.tap('.e2e-sign-agreement')
    await q.onPage(AGREEMENT)
    expect(await textAt(q, '.e2e-sign-agreement-status')).toBe('待学生确认')
    expect(await textAt(q, '.e2e-sign-terms')).toContain('16,000 元/月')
    // what the amendment changed, old → new
    expect(q.query('.e2e-sign-amendment').map(textOf)).toEqual(['月薪（元）：15000 → 16000'])
    q.answerModal(true)
    await q.tap('.e2e-sign-confirm')
    await q.waitFor('the state 待学校审核', () =>
      q.query('.e2e-sign-agreement-status').map(textOf).includes('待学校审核'),
    )
    expect(q.query('.e2e-sign-confirm')).toEqual([])
  })

  it('the home tab card says 协议已生效; the student proposes 解约 and sees it pending', {
    timeout: 90_000,
  }, async () => {
    // the school approves the confirmed agreement (its reviewer's claims, the workbench's function)
    const [agreement] = await withServiceTx('test read', async (db) => {
      const { rows } = await db.query<{ id: string }>(
        'select id from public.agreements where student_id = $1',
        [s.student.id],
      )
      return rows
    })
    const d = await sqlAs<{ r: { outcome: string } }>(
      s.reviewer.claims,
      "select app.decide_review('agreement', $1, 'approve', null, null) as r",
      [agreement!.id],
    )
    expect(d.ok && d.rows[0]!.r.outcome).toBe('decided')

    mp = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    const p = mp
    await p.launch()
    await loginWithPassword(p, { login: s.student.login, password: TEST_PASSWORD, displayName: NAME })
    await p.tapTab('首页')
    await p.onPage(TAB_HOME)
    await p.waitFor('the home tab card 协议已生效', () =>
      p.query('.e2e-home-sign-status').map(textOf).includes('协议已生效'),
    )
    await p.tap('.e2e-home-sign-card')
    await p.onPage(SIGNING)
    await p.tap('.e2e-sign-agreement')
    await p.onPage(AGREEMENT)
    await p.tap('.e2e-sign-termination')
    await p.onPage(TERMINATION)
    await p.one('.e2e-termination-form')
    await p.tap('.e2e-termination-type-further_study')
    await p.fill('.e2e-termination-reason', '已被研究生录取，申请解除协议')
    await p.tap('.e2e-termination-submit')
    await p.waitFor('the termination 待对方答复', () =>
      p.query('.e2e-termination-status').map(textOf).includes('待对方答复'),
    )
    expect(p.query('.e2e-termination-form')).toEqual([])
    expect(p.query('.e2e-termination-withdraw')).toHaveLength(1)
    const [t] = await withServiceTx('test read', async (db) => {
      const { rows } = await db.query<{ status: string; type: string; proposer_role: string }>(
        'select status, type, proposer_role from public.terminations where agreement_id = $1',
        [agreement!.id],
      )
      return rows
    })
    expect(t).toEqual({ status: 'proposed', type: 'further_study', proposer_role: 'student' })
    p.wx.navigateBack({ delta: 1 })
    p.wx.navigateBack({ delta: 1 })
    p.wx.navigateBack({ delta: 1 })
    await p.onPage(TAB_HOME)
    await p.waitFor('the home tab card 解约办理中', () =>
      p.query('.e2e-home-sign-status').map(textOf).includes('解约办理中'),
    )
  })
})
