/**
 * Subscribe messages in the mini-program build (dist/weapp) run by the headless runtime, against the
 * real API and database: after 立即报名 the fair's page offers 开启活动提醒; its tap calls
 * `wx.requestSubscribeMessage` within the tap (WeChat refuses it otherwise) with the configured
 * reminder template, and every answer the runtime's popup gives — accept, reject, ban, filter, and
 * the main switch off (errCode 20004) — reaches the API and moves the credits as it should: one
 * per accept, none otherwise; the page says what happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../../api/_lib/db/tx'
import { withApi } from '../../support/api'
import { makeSchool, makeUser, TEST_PASSWORD, type TestUser } from '../../support/fixtures'
import { MiniProgram } from '../runtime/runtime'
import { textOf } from '../runtime/wxml'
import { weappDir } from '../support/build'
import { addPublishedEvent } from './event-ticket-fixtures'
import { loginWithPassword } from './password-login'

const api = withApi()
const DETAIL = 'packages/events/pages/detail/index'
const TEMPLATE = 'tpl-weapp-reminder'
const STUDENT = '林知夏'

let student: TestUser
let eventId: string
let saved: string | undefined
beforeAll(async () => {
  saved = process.env.WECHAT_TPL_EVENT_REMINDER
  process.env.WECHAT_TPL_EVENT_REMINDER = TEMPLATE
  const schoolId = await makeSchool('订阅示范大学')
  student = await makeUser({ role: 'student', schoolId, name: STUDENT })
  eventId = await addPublishedEvent({ schoolId, title: '冬季专场招聘会', city: '杭州' })
})
afterAll(() => {
  if (saved === undefined) delete process.env.WECHAT_TPL_EVENT_REMINDER
  else process.env.WECHAT_TPL_EVENT_REMINDER = saved
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
