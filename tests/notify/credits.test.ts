/**
 * Subscribe-message credits (issue 13 item 3) through the real API and database: the report of
 * wx.requestSubscribeMessage's answers adds one credit per accept (and none twice for a resent
 * report), other answers only record themselves, bad reports change nothing; the moments name the
 * configured templates; the sender's spend is one guarded statement that never goes below zero,
 * whatever runs at once.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { serviceStatements, withServiceTx } from '../../api/_lib/db/tx'
import { useSubscribeCredit } from '../../api/_lib/notify/credits'
import { SubscriptionReportResponse, SubscriptionState } from '../../src/contracts/subscriptions'
import { key, type Person, studentOf } from '../events/support'
import { call, errorOf, expectOk, parseAnswer, withApi } from '../support/api'
import { withFileEnv } from '../support/env'
import { makeSchool } from '../support/fixtures'

const api = withApi()
let school: string
withFileEnv({
  WECHAT_TPL_INTERVIEW_INVITED: 'tpl-interview',
  WECHAT_TPL_APPLICATION_STATUS: 'tpl-status',
  WECHAT_TPL_EVENT_REMINDER: 'tpl-reminder',
})

beforeAll(async () => {
  school = await makeSchool('订阅测试大学')
})

const report = (p: Person, results: unknown, k = key()) =>
  call(api.url, '/api/me/subscriptions', {
    method: 'POST',
    token: p.token,
    headers: { 'idempotency-key': k },
    body: { results },
  })

async function creditsOf(userId: string): Promise<Record<string, number>> {
  return withServiceTx('test check', async (db) => {
    const { rows } = await db.query<{ template_id: string; credits: number }>(
      'select template_id, credits from public.subscribe_credits where user_id = $1',
      [userId],
    )
    return Object.fromEntries(rows.map((r) => [r.template_id, r.credits]))
  })
}

describe('reporting what wx.requestSubscribeMessage answered', () => {
  it('the moments name the configured templates, at most 3 a call; a new user holds no credit', async () => {
    const s = await studentOf(school)
    const state = await expectOk(SubscriptionState, api.url, '/api/me/subscriptions', { token: s.token })
    // interview_result's template is not configured here: left out, not sent as an empty id
    expect(state.moments).toEqual({
      apply: ['tpl-interview', 'tpl-status'],
      register: ['tpl-reminder'],
      push: [],
      procedure: [],
      signing: [],
    })
    expect(state.credits).toEqual([])
  })

  it('an accept is one credit; a resent report (same key) adds nothing; other answers only record', async () => {
    const s = await studentOf(school)
    const k = key()
    const results = [
      { templateId: 'tpl-interview', result: 'accept' },
      { templateId: 'tpl-status', result: 'reject' },
    ]
    const first = await report(s, results, k)
    expect(first.status).toBe(200)
    expect(parseAnswer(SubscriptionReportResponse, first).body.credits).toEqual([
      { templateId: 'tpl-interview', credits: 1, lastResult: 'accept' },
      { templateId: 'tpl-status', credits: 0, lastResult: 'reject' },
    ])
    // the phone resends after a lost answer: the first answer again, nothing added
    const again = await report(s, results, k)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(await creditsOf(s.user.id)).toEqual({ 'tpl-interview': 1, 'tpl-status': 0 })
    // 总是保持以上选择: the next tap answers accept without a popup: one more credit
    await report(s, [{ templateId: 'tpl-interview', result: 'accept' }])
    // the main switch turned off (errCode 20004): recorded, credits kept
    await report(s, [{ templateId: 'tpl-interview', result: 'switch_off' }])
    const state = await expectOk(SubscriptionState, api.url, '/api/me/subscriptions', { token: s.token })
    expect(state.credits).toEqual([
      { templateId: 'tpl-interview', credits: 2, lastResult: 'switch_off' },
      { templateId: 'tpl-status', credits: 0, lastResult: 'reject' },
    ])
  })

  it('refuses a bad report with a clear error and changes nothing', async () => {
    const s = await studentOf(school)
    for (const results of [
      [],
      [{ templateId: 'tpl interview', result: 'accept' }],
      [{ templateId: 'tpl-interview', result: 'maybe' }],
      Array.from({ length: 21 }, () => ({ templateId: 'tpl-interview', result: 'accept' })),
    ]) {
      const r = await report(s, results)
      expect(r.status).toBe(400)
      expect(errorOf(r).code).toBe('validation_failed')
      expect(errorOf(r).message).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(await creditsOf(s.user.id)).toEqual({})
    const anon = await call(api.url, '/api/me/subscriptions', {
      method: 'POST',
      headers: { 'idempotency-key': key() },
      body: { results: [{ templateId: 'tpl-interview', result: 'accept' }] },
    })
    expect(anon.status).toBe(401)
  })

  it('keeps at most 100 credits per template', async () => {
    const s = await studentOf(school)
    for (let i = 0; i < 6; i++)
      await report(
        s,
        Array.from({ length: 20 }, () => ({ templateId: 'tpl-many', result: 'accept' })),
      )
    expect(await creditsOf(s.user.id)).toEqual({ 'tpl-many': 100 })
  })
})

describe('the sender spends credits', () => {
  const db = serviceStatements('test: credits')

  it('spend answers what is left, or −1 with none (no WeChat call); refund and clear', async () => {
    const s = await studentOf(school)
    await report(s, [
      { templateId: 'tpl-a', result: 'accept' },
      { templateId: 'tpl-a', result: 'accept' },
    ])
    expect(await useSubscribeCredit(db, s.user.id, 'tpl-a', 'spend')).toBe(1)
    expect(await useSubscribeCredit(db, s.user.id, 'tpl-a', 'spend')).toBe(0)
    expect(await useSubscribeCredit(db, s.user.id, 'tpl-a', 'spend')).toBe(-1)
    expect(await useSubscribeCredit(db, s.user.id, 'tpl-never', 'spend')).toBe(-1)
    // a send that failed before WeChat could use the credit gives it back
    expect(await useSubscribeCredit(db, s.user.id, 'tpl-a', 'refund')).toBe(1)
    // 43101: WeChat holds none, whatever we counted
    expect(await useSubscribeCredit(db, s.user.id, 'tpl-a', 'clear')).toBe(0)
    expect(await creditsOf(s.user.id)).toEqual({ 'tpl-a': 0 })
    await expect(useSubscribeCredit(db, s.user.id, 'tpl-a', 'steal' as never)).rejects.toMatchObject({
      code: 'validation_failed',
    })
  })

  it('20 senders at once on 5 credits: exactly 5 spends succeed, none below zero', async () => {
    const s = await studentOf(school)
    await report(
      s,
      Array.from({ length: 5 }, () => ({ templateId: 'tpl-race', result: 'accept' })),
    )
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => useSubscribeCredit(db, s.user.id, 'tpl-race', 'spend')),
    )
    expect(answers.filter((a) => a >= 0).sort()).toEqual([0, 1, 2, 3, 4])
    expect(answers.filter((a) => a === -1)).toHaveLength(15)
    expect(await creditsOf(s.user.id)).toEqual({ 'tpl-race': 0 })
  })

  it('a user may not spend, refund or clear through the database', async () => {
    const s = await studentOf(school)
    const err = await withServiceTx('test: as the user', async (tx) => {
      await tx.query(
        `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`,
        [JSON.stringify({ role: 'authenticated', sub: s.user.id })],
      )
      return tx
        .query(`select app.use_subscribe_credit($1, 'tpl-a', 'refund')`, [s.user.id])
        .then(() => null)
        .catch((e: { code?: string }) => e.code)
    }).catch((e: { code?: string }) => e.code)
    expect(err).toBe('42501')
  })
})
