/**
 * Decisions through the API: outcome → HTTP, the reason (list + free text), the recommendation's
 * approval fields, scope (another college's item is a 404, an admin's decision a 403), the student's
 * notification exactly once however often a keyed request is resent, and batch approval.
 */
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import {
  AlreadyDecidedDetails,
  BatchDecisionResponse,
  DecisionResponse,
  ReviewQueueResponse,
} from '../../src/contracts/reviews'
import { call, callParsed, expectOk, parseAnswer, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { makeReviewer } from '../support/procedures-fixtures'
import {
  approveSourceInfoAs,
  fileCorrection,
  reviewMessages,
  studentWithSourceInfo,
  submitRecommendation,
} from './support'

async function status(table: string, id: string): Promise<string> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ status: string }>(`select status from public.${table} where id = $1`, [
      id,
    ])
    return rows[0]!.status
  })
}

describe('review decisions', () => {
  const api = withApi()
  let school = ''
  const t = { cs: '', law: '', school: '', admin: '', otherSchool: '' }
  let csReviewer: Awaited<ReturnType<typeof makeReviewer>>

  beforeAll(async () => {
    school = await makeSchool()
    csReviewer = await makeReviewer(school, '计算机学院')
    t.cs = await loginAs(api.url, csReviewer)
    t.law = await loginAs(api.url, await makeReviewer(school, '法学院'))
    t.school = await loginAs(api.url, await makeReviewer(school))
    t.admin = await loginAs(api.url, await makeUser({ role: 'platform_admin' }))
    t.otherSchool = await loginAs(api.url, await makeReviewer(await makeSchool()))
  })

  const decide = (token: string, kind: string, id: string, body: unknown, key?: string) =>
    callParsed(DecisionResponse, api.url, `/api/reviews/${kind}/${id}/decision`, {
      token,
      body,
      headers: key ? { 'idempotency-key': key } : undefined,
    })

  it('approve: 200 with the new state, the student notified', async () => {
    const { student, id } = await studentWithSourceInfo(school)
    const r = await decide(t.cs, 'source_info', id, { decision: 'approve' })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ kind: 'source_info', id, status: 'approved', statusLabel: '审核通过' })
    expect(await status('source_infos', id)).toBe('approved')
    const msgs = await reviewMessages(student.id)
    expect(msgs).toHaveLength(1)
    expect(msgs[0]!.title).toBe('生源信息审核通过')
    expect(msgs[0]!.key).toMatch(new RegExp(`^review_decided:source_info:${id}:\\d+$`))
  })

  it('return needs a reason (400); the picked reason and the free text are joined; 其他 needs text', async () => {
    const { student, id } = await studentWithSourceInfo(school)
    const none = await decide(t.cs, 'source_info', id, { decision: 'return' })
    expect(none.status).toBe(400)
    expect(none.error.fields?.reason).toBeDefined()
    const unknownCode = await decide(t.cs, 'source_info', id, { decision: 'return', reasonCode: '随便写的' })
    expect(unknownCode.status).toBe(400)
    expect(unknownCode.error.fields?.reasonCode).toBeDefined()
    const other = await decide(t.cs, 'source_info', id, { decision: 'return', reasonCode: '其他' })
    expect(other.status).toBe(400)
    expect(await status('source_infos', id)).toBe('submitted')
    const r = await decide(t.cs, 'source_info', id, {
      decision: 'return',
      reasonCode: '联系方式有误',
      reason: '手机号少一位',
    })
    expect(r.status).toBe(200)
    expect(r.body.status).toBe('returned')
    const stored = await withServiceTx(
      'test: read back',
      async (db) =>
        (
          await db.query<{ return_reason: string }>(
            'select return_reason from public.source_infos where id = $1',
            [id],
          )
        ).rows[0]!.return_reason,
    )
    expect(stored).toBe('联系方式有误：手机号少一位')
    const msgs = await reviewMessages(student.id)
    expect(msgs).toHaveLength(1)
    expect(msgs[0]!.body).toContain('联系方式有误：手机号少一位')
  })

  it('a correction is rejected (驳回) with a reason; approving it changes the record', async () => {
    const { student, id } = await studentWithSourceInfo(school)
    await approveSourceInfoAs(csReviewer, id)
    const phone = await fileCorrection(student, { phone: '13700137000' })
    const email = await fileCorrection(student, { email: 'new@example.com' })
    const rejected = await decide(t.cs, 'correction', phone, {
      decision: 'return',
      reasonCode: '该信息无需修改',
    })
    expect(rejected.body).toMatchObject({ status: 'rejected', statusLabel: '已驳回' })
    const approved = await decide(t.cs, 'correction', email, { decision: 'approve' })
    expect(approved.body.status).toBe('approved')
    const now = await withServiceTx(
      'test: read back',
      async (db) =>
        (await db.query<{ email: string }>('select email from public.source_infos where id = $1', [id]))
          .rows[0]!.email,
    )
    expect(now).toBe('new@example.com')
    // the two correction decisions (the source info was approved in SQL, not through the API)
    expect((await reviewMessages(student.id)).map((m) => m.title)).toEqual([
      '信息纠错申请已驳回',
      '信息纠错申请审核通过',
    ])
  })

  it('a stale correction (the record moved since it was filed) is a 409 with the field', async () => {
    const { student, id } = await studentWithSourceInfo(school)
    await approveSourceInfoAs(csReviewer, id)
    const c = await fileCorrection(student, { phone: '13700137001' })
    await withServiceTx('test: the record moves', (db) =>
      db.query(`update public.source_infos set phone = '13600136000' where id = $1`, [id]),
    )
    const r = await decide(t.cs, 'correction', c, { decision: 'approve' })
    expect(r.status).toBe(409)
    expect(r.error.code).toBe('conflict')
    expect(r.error.details).toMatchObject({ reason: 'stale', field: 'phone', status: 'pending' })
  })

  it('a recommendation approval needs 学院意见 and 推荐意见 (400 with fields); then it is approved', async () => {
    const { student } = await studentWithSourceInfo(school)
    const form = await submitRecommendation(student)
    const bare = await decide(t.cs, 'recommendation', form, { decision: 'approve' })
    expect(bare.status).toBe(400)
    expect(Object.keys(bare.error.fields ?? {}).sort()).toEqual(['comment', 'recommendation'])
    const half = await decide(t.cs, 'recommendation', form, { decision: 'approve', comment: '表现优秀' })
    expect(half.status).toBe(400)
    expect(Object.keys(half.error.fields ?? {})).toEqual(['recommendation'])
    const ok = await decide(t.cs, 'recommendation', form, {
      decision: 'approve',
      comment: '该生表现优秀',
      recommendation: '同意推荐',
    })
    expect(ok.status).toBe(200)
    const row = await withServiceTx(
      'test: read back',
      async (db) =>
        (
          await db.query<{ school_comment: string; recommendation: string }>(
            'select school_comment, recommendation from public.recommendation_forms where id = $1',
            [form],
          )
        ).rows[0]!,
    )
    expect(row).toEqual({ school_comment: '该生表现优秀', recommendation: '同意推荐' })
  })

  it('another college’s item: not in the queue, its decision a 404, nothing changed; another school the same', async () => {
    const { student, id } = await studentWithSourceInfo(school, { college: '法学院' })
    const q = await expectOk(ReviewQueueResponse, api.url, '/api/reviews?limit=100', { token: t.cs })
    expect(q.items.some((i) => i.id === id)).toBe(false)
    const r = await decide(t.cs, 'source_info', id, { decision: 'approve' })
    expect(r.status).toBe(404)
    expect(r.error.code).toBe('not_found')
    const o = await decide(t.otherSchool, 'source_info', id, { decision: 'return', reason: '不在范围' })
    expect(o.status).toBe(404)
    expect((await call(api.url, `/api/reviews/source_info/${id}`, { token: t.cs })).status).toBe(404)
    expect(await status('source_infos', id)).toBe('submitted')
    expect(await reviewMessages(student.id)).toEqual([])
    // its own college's reviewer may
    expect((await decide(t.law, 'source_info', id, { decision: 'approve' })).status).toBe(200)
  })

  it('an admin reads the item but cannot decide it: 403', async () => {
    const { id } = await studentWithSourceInfo(school)
    expect((await call(api.url, `/api/reviews/source_info/${id}`, { token: t.admin })).status).toBe(200)
    const r = await decide(t.admin, 'source_info', id, { decision: 'approve' })
    expect(r.status).toBe(403)
    const b = await callParsed(BatchDecisionResponse, api.url, '/api/reviews/batch', {
      token: t.admin,
      body: { kind: 'source_info', ids: [id] },
    })
    expect(b.status).toBe(403)
    expect(await status('source_infos', id)).toBe('submitted')
  })

  it('an unknown item is a 404; a bad kind or id a 400', async () => {
    expect((await decide(t.cs, 'source_info', randomUUID(), { decision: 'approve' })).status).toBe(404)
    expect((await decide(t.cs, 'agreement', randomUUID(), { decision: 'approve' })).status).toBe(404)
    expect((await decide(t.cs, 'termination', randomUUID(), { decision: 'approve' })).status).toBe(404)
    expect((await decide(t.cs, 'no_such_kind', randomUUID(), { decision: 'approve' })).status).toBe(400)
    expect((await decide(t.cs, 'source_info', 'x', { decision: 'approve' })).status).toBe(400)
  })

  it('already decided: 409 already_decided with the state now', async () => {
    const { id } = await studentWithSourceInfo(school)
    expect((await decide(t.school, 'source_info', id, { decision: 'approve' })).status).toBe(200)
    const r = await decide(t.cs, 'source_info', id, { decision: 'return', reason: '晚了' })
    expect(r.status).toBe(409)
    expect(r.error.code).toBe('already_decided')
    const d = AlreadyDecidedDetails.parse(r.error.details)
    expect(d.status).toBe('approved')
    expect(d.statusLabel).toBe('审核通过')
    expect(Date.parse(d.decidedAt!)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('the same Idempotency-Key resent: one decision, one message, the first answer replayed', async () => {
    const { student, id } = await studentWithSourceInfo(school)
    const key = `k${randomUUID().replace(/-/g, '')}`
    const body = { decision: 'return', reasonCode: '生源地填写不规范' }
    const answers = await Promise.all([1, 2, 3].map(() => decide(t.cs, 'source_info', id, body, key)))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    const again = await decide(t.cs, 'source_info', id, body, key)
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body).toEqual(answers[0]!.body)
    expect(await reviewMessages(student.id)).toHaveLength(1)
    // a new key is a new request: already decided, and still one message
    const fresh = await decide(t.cs, 'source_info', id, body, `k${randomUUID().replace(/-/g, '')}`)
    expect(fresh.status).toBe(409)
    expect(await reviewMessages(student.id)).toHaveLength(1)
  })

  it('batch approve: approves the awaiting ones in scope, skips decided and out-of-scope ones, notifies each approved', async () => {
    const a = await studentWithSourceInfo(school)
    const b = await studentWithSourceInfo(school)
    const decided = await studentWithSourceInfo(school)
    const law = await studentWithSourceInfo(school, { college: '法学院' })
    await approveSourceInfoAs(csReviewer, decided.id)
    const ids = [a.id, b.id, decided.id, law.id]
    const key = `k${randomUUID().replace(/-/g, '')}`
    const send = () =>
      call(api.url, '/api/reviews/batch', {
        token: t.cs,
        body: { kind: 'source_info', ids },
        headers: { 'idempotency-key': key },
      })
    const r = parseAnswer(BatchDecisionResponse, await send())
    expect(r.status).toBe(200)
    expect([...r.body.approved].sort()).toEqual([a.id, b.id].sort())
    expect(r.body.skipped).toEqual(
      expect.arrayContaining([
        { id: decided.id, outcome: 'not_pending', status: 'approved' },
        { id: law.id, outcome: 'not_found', status: null },
      ]),
    )
    expect(r.body.skipped).toHaveLength(2)
    // resent: replayed, nobody notified twice
    expect(parseAnswer(BatchDecisionResponse, await send()).body).toEqual(r.body)
    expect(await reviewMessages(a.student.id)).toHaveLength(1)
    expect(await reviewMessages(b.student.id)).toHaveLength(1)
    expect(await reviewMessages(law.student.id)).toHaveLength(0)
    expect(await status('source_infos', law.id)).toBe('submitted')
  })

  it('batch: corrections are not batch-approvable; recommendation batches need the opinions', async () => {
    const s = await studentWithSourceInfo(school)
    await approveSourceInfoAs(csReviewer, s.id)
    const c = await fileCorrection(s.student, { qq: '123456789' })
    const no = await callParsed(BatchDecisionResponse, api.url, '/api/reviews/batch', {
      token: t.cs,
      body: { kind: 'correction', ids: [c] },
    })
    expect(no.status).toBe(400)
    const form = await submitRecommendation(s.student)
    const bare = await callParsed(BatchDecisionResponse, api.url, '/api/reviews/batch', {
      token: t.cs,
      body: { kind: 'recommendation', ids: [form] },
    })
    expect(bare.status).toBe(400)
    expect(bare.error.fields?.comment).toBeDefined()
    const ok = await callParsed(BatchDecisionResponse, api.url, '/api/reviews/batch', {
      token: t.cs,
      body: { kind: 'recommendation', ids: [form], comment: '良好', recommendation: '同意推荐' },
    })
    expect(ok.body.approved).toEqual([form])
  })
})
