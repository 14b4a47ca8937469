/**
 * Subscribe messages in the mini-program build (dist/weapp) run by the headless runtime, against the
 * real API and database: after 立即报名 the fair's page offers 开启活动提醒; its tap calls
 * `wx.requestSubscribeMessage` within the tap (WeChat refuses it otherwise) with the configured
 * reminder template, and every answer the runtime's popup gives — accept, reject, ban, filter, and
 * the main switch off (errCode 20004) — reaches the API and moves the credits as it should: one
 * per accept, none otherwise; the page says what happened. After 投递简历 the job page asks for the
 * application's three templates in one call.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../../api/_lib/db/tx'
import { withApi } from '../../support/api'
import { withEnv, withFileEnv } from '../../support/env'
import { makeSchool, makeUser, TEST_PASSWORD, type TestUser } from '../../support/fixtures'
import { MiniProgram } from '../runtime/runtime'
import { textOf } from '../runtime/wxml'
import { weappDir } from '../support/build'
import { addPublishedEvent } from './event-ticket-fixtures'
import { addCompany, addJob, addResume, boundStudent, completeResume } from './job-hunt-fixtures'
import { loginWithPassword } from './password-login'

const api = withApi()
const DETAIL = 'packages/events/pages/detail/index'
const JOB = 'packages/jobs/pages/detail/index'
const INTENTION = 'packages/career/pages/intention/index'
const TEMPLATE = 'tpl-weapp-reminder'
const STUDENT = '林知夏'

let student: TestUser
let eventId: string
withFileEnv({ WECHAT_TPL_EVENT_REMINDER: TEMPLATE })
beforeAll(async () => {
  const schoolId = await makeSchool('订阅示范大学')
  student = await makeUser({ role: 'student', schoolId, name: STUDENT })
  eventId = await addPublishedEvent({ schoolId, title: '冬季专场招聘会', city: '杭州' })
})

async function credit(): Promise<{ credits: number; last: string } | null> {
  return withServiceTx('test check', async (db) => {
    const { rows } = await db.query<{ credits: number; last: string }>(
      'select credits, last_result as last from public.subscribe_credits where user_id = $1 and template_id = $2',
      [student.id, TEMPLATE],
    )
    return rows[0] ?? null
  })
}

describe('weapp: 开启活动提醒 after registering', () => {
  it('asks within the tap; accept, reject, ban, filter and 20004 reach the API', {
    timeout: 60_000,
  }, async () => {
    const p = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    try {
      await p.launch()
      await loginWithPassword(p, { login: student.login, password: TEST_PASSWORD, displayName: STUDENT })
      // the fair's page, as a list or the poster's code opens it
      p.wx.navigateTo({ url: `/${DETAIL}?id=${eventId}` })
      await p.onPage(DETAIL)
      await p.tap(await p.one('.e2e-event-register'))
      await p.waitFor('报名成功', () => p.query('.e2e-event-outcome').map(textOf)[0] === '报名成功')

      const ask = async (answer: Parameters<MiniProgram['subscribeNext']>[0], note: RegExp) => {
        const posts = p.requests.filter((r) => r.startsWith('POST /api/me/subscriptions')).length
        p.subscribeNext(answer)
        await p.tap(await p.one('.e2e-subscribe-ask'))
        await p.waitFor(
          'the report',
          () => p.requests.filter((r) => r.startsWith('POST /api/me/subscriptions ')).length > posts,
        )
        await p.waitFor('the note', () => note.test(p.query('.e2e-subscribe-note').map(textOf).join('')))
      }

      await ask('accept', /已开启微信通知/)
      expect(p.subscribeRequests.at(-1)).toEqual({ tmplIds: [TEMPLATE], fromTap: true })
      expect(await credit()).toEqual({ credits: 1, last: 'accept' })
      // 总是保持以上选择: WeChat answers accept again without a popup: one more
      await ask('accept', /已开启微信通知/)
      expect(await credit()).toEqual({ credits: 2, last: 'accept' })
      for (const answer of ['reject', 'ban', 'filter'] as const) {
        await ask(answer, /未开启微信通知/)
        expect(await credit()).toEqual({ credits: 2, last: answer })
      }
      await ask('switch_off', /已关闭订阅消息/)
      expect(await credit()).toEqual({ credits: 2, last: 'switch_off' })
      expect(p.subscribeRequests.every((r) => r.fromTap)).toBe(true)
      expect(
        p.requests
          .filter((r) => r.startsWith('POST /api/me/subscriptions '))
          .every((r) => r.endsWith(' 200')),
      ).toBe(true)
    } finally {
      p.close()
    }
  })

  it('after 投递简历 the job page offers the application’s notifications: 3 templates in one call', {
    timeout: 60_000,
  }, async () => {
    const ids = {
      WECHAT_TPL_INTERVIEW_INVITED: 'tpl-w-interview',
      WECHAT_TPL_APPLICATION_STATUS: 'tpl-w-status',
      WECHAT_TPL_INTERVIEW_RESULT: 'tpl-w-result',
    }
    const p = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    await withEnv(ids, async () => {
      const { user } = await boundStudent(api.url, '许嘉禾')
      await addResume(user.id, 'zh', '中文简历', completeResume('许嘉禾'))
      const jobId = await addJob(await addCompany('星河数据（杭州）有限公司', true), {
        title: '数据分析师',
        cities: ['杭州'],
      })
      await p.launch()
      await loginWithPassword(p, { login: user.login, password: TEST_PASSWORD, displayName: '许嘉禾' })
      p.wx.navigateTo({ url: `/${JOB}?id=${jobId}` })
      await p.onPage(JOB)
      await p.tap('.e2e-apply-open')
      await p.waitFor(
        'the resume chosen',
        () => p.query('.e2e-apply-resume-zh.resume-option--on').length === 1,
      )
      await p.tap('.e2e-apply-submit')
      await p.waitFor('已投递', () => p.query('.e2e-apply-status').map(textOf)[0] === '已投递')
      p.subscribeNext({ 'tpl-w-interview': 'accept', 'tpl-w-status': 'accept', 'tpl-w-result': 'reject' })
      await p.tap(await p.one('.e2e-subscribe-ask'))
      await p.waitFor('the note', () =>
        /已开启微信通知/.test(p.query('.e2e-subscribe-note').map(textOf).join('')),
      )
      expect(p.subscribeRequests.at(-1)).toEqual({
        tmplIds: ['tpl-w-interview', 'tpl-w-status', 'tpl-w-result'],
        fromTap: true,
      })
      const held = await withServiceTx('test check', async (db) => {
        const { rows } = await db.query<{ t: string; n: number }>(
          'select template_id as t, credits as n from public.subscribe_credits where user_id = $1 order by 1',
          [user.id],
        )
        return rows
      })
      expect(held).toEqual([
        { t: 'tpl-w-interview', n: 1 },
        { t: 'tpl-w-result', n: 0 },
        { t: 'tpl-w-status', n: 1 },
      ])
    }).finally(() => p.close())
  })

  it('推送设置 on the 求职意向 page offers the job push and the daily digest in one call', {
    timeout: 60_000,
  }, async () => {
    const ids = { WECHAT_TPL_JOB_PUSHED: 'tpl-w-pushed', WECHAT_TPL_JOB_DIGEST: 'tpl-w-digest' }
    const p = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    await withEnv(ids, async () => {
      const { user } = await boundStudent(api.url, '顾清和')
      await p.launch()
      await loginWithPassword(p, { login: user.login, password: TEST_PASSWORD, displayName: '顾清和' })
      p.wx.navigateTo({ url: `/${INTENTION}` })
      await p.onPage(INTENTION)
      await p.waitFor('推送设置', () => p.query('.e2e-push-settings .e2e-subscribe-ask').length === 1)
      p.subscribeNext({ 'tpl-w-pushed': 'accept', 'tpl-w-digest': 'accept' })
      await p.tap(await p.one('.e2e-push-settings .e2e-subscribe-ask'))
      await p.waitFor('the note', () =>
        /已开启微信通知/.test(p.query('.e2e-subscribe-note').map(textOf).join('')),
      )
      expect(p.subscribeRequests.at(-1)).toEqual({ tmplIds: ['tpl-w-pushed', 'tpl-w-digest'], fromTap: true })
      const held = await withServiceTx('test check', async (db) => {
        const { rows } = await db.query<{ t: string; n: number }>(
          'select template_id as t, credits as n from public.subscribe_credits where user_id = $1 order by 1',
          [user.id],
        )
        return rows
      })
      expect(held).toEqual([
        { t: 'tpl-w-digest', n: 1 },
        { t: 'tpl-w-pushed', n: 1 },
      ])
    }).finally(() => p.close())
  })

  it('the runtime refuses a popup outside a tap, as WeChat does', async () => {
    const p = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
    try {
      await p.launch()
      const answer = await new Promise<Record<string, unknown>>((resolve) =>
        p.wx.requestSubscribeMessage({ tmplIds: [TEMPLATE], success: resolve, fail: resolve }),
      )
      expect(answer).toMatchObject({ errCode: 10005 })
    } finally {
      p.close()
    }
  })
})
