/**
 * GET /api/procedures/history: the student's review_log, newest first, keyset-paged; decisions
 * with their time and reason, a correction's changes as rows, never who decided (actor_id).
 */
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { CorrectionResponse, HistoryResponse, SourceInfoResponse } from '../../src/contracts/procedures'
import { sqlAs } from '../identity/sql'
import { callParsed, withApi } from '../support/api'
import { COMPLETE_FIELDS } from '../support/procedures-fixtures'
import { approvedSourceInfo, decide, signedStudent } from './api-support'

const api = withApi()
const PATH = '/api/procedures/history'

describe('history (核签明细 / 变更明细)', () => {
  it('shows every step and decision with time and reason; a correction’s refusal reads 驳回', async () => {
    const s = await signedStudent(api.url)
    const put = (submit: boolean) =>
      callParsed(SourceInfoResponse, api.url, '/api/procedures/source-info', {
        method: 'PUT',
        token: s.token,
        body: { fields: COMPLETE_FIELDS, submit },
      })
    const id = (await put(true)).body
    await decide(s.reviewer, 'source_info', id.id, 'return', '请核对家庭地址')
    await approvedSourceInfo(api.url, s)
    const phone = await callParsed(CorrectionResponse, api.url, '/api/procedures/corrections', {
      token: s.token,
      body: { changes: { phone: '13700137000' }, reason: '换了手机号' },
    })
    const qq = await callParsed(CorrectionResponse, api.url, '/api/procedures/corrections', {
      token: s.token,
      body: { changes: { qq: '12345678' }, reason: '补充 QQ' },
    })
    await decide(s.reviewer, 'correction', phone.body.id, 'approve')
    await decide(s.reviewer, 'correction', qq.body.id, 'return', '号码与本人不符')

    const r = await callParsed(HistoryResponse, api.url, PATH, { token: s.token })
    expect(r.status).toBe(200)
    const steps = r.body.items.map((e) => [e.kind, e.action, e.label, e.reason, e.byStudent])
    expect(steps).toEqual([
      ['correction', 'return', '驳回', '号码与本人不符', false],
      ['correction', 'approve', '审核通过', null, false],
      ['correction', 'file', '申请纠错', '补充 QQ', true],
      ['correction', 'file', '申请纠错', '换了手机号', true],
      ['source_info', 'approve', '审核通过', null, false],
      ['source_info', 'submit', '提交审核', null, true],
      ['source_info', 'return', '退回', '请核对家庭地址', false],
      ['source_info', 'submit', '提交审核', null, true],
    ])
    const approvedPhone = r.body.items[1]!
    expect(approvedPhone).toMatchObject({
      itemId: phone.body.id,
      fromStatus: 'pending',
      toStatus: 'approved',
      changes: [{ field: 'phone', old: '13800138000', new: '13700137000' }],
    })
    // the first submission's changes: the fields it filled
    expect(r.body.items[7]!.changes.map((c) => c.field)).toContain('phone')
    for (const e of r.body.items) expect(Date.parse(e.at)).not.toBeNaN()
    expect(r.body.nextCursor).toBeNull()

    // the answer never names who decided; the column is not even readable by the student
    expect(JSON.stringify(r.raw)).not.toContain(s.reviewer.id)
    expect(JSON.stringify(r.raw)).not.toMatch(/actor/i)
    const direct = await sqlAs(s.student.claims, 'select actor_id from public.review_log limit 1')
    expect(direct).toMatchObject({ ok: false, code: '42501' })
    // another student sees none of it
    const other = await signedStudent(api.url)
    expect((await callParsed(HistoryResponse, api.url, PATH, { token: other.token })).body.items).toEqual([])
  })

  it('pages by cursor, newest first: rows of one transaction neither skipped nor repeated', async () => {
    const s = await signedStudent(api.url)
    await withServiceTx('test fixture', (db) =>
      db.query(
        `insert into public.review_log (kind, item_id, student_id, school_id, college, actor_role, action, from_status, to_status)
         select 'source_info', gen_random_uuid(), $1, $2, $3, 'student', 'submit', 'unconfirmed', 'submitted'
         from generate_series(1, 25)`,
        [s.student.id, s.student.schoolId, s.student.roster.college],
      ),
    )
    const first = await callParsed(HistoryResponse, api.url, `${PATH}?limit=10`, { token: s.token })
    expect(first.body.items).toHaveLength(10)
    expect(first.body.nextCursor).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z\|\d+$/)
    const seen = [...first.body.items]
    let cursor = first.body.nextCursor
    while (cursor) {
      const page = await callParsed(
        HistoryResponse,
        api.url,
        `${PATH}?limit=10&before=${encodeURIComponent(cursor)}`,
        {
          token: s.token,
        },
      )
      seen.push(...page.body.items)
      cursor = page.body.nextCursor
    }
    expect(seen).toHaveLength(25)
    expect(new Set(seen.map((e) => e.id)).size).toBe(25)
    const ids = seen.map((e) => Number(e.id))
    expect(ids).toEqual([...ids].sort((a, b) => b - a))

    for (const bad of ['nonsense', '2026-01-01T00:00:00.000000Z|abc', '2026-01-01|1|2']) {
      const r = await callParsed(HistoryResponse, api.url, `${PATH}?before=${encodeURIComponent(bad)}`, {
        token: s.token,
      })
      expect(r.status).toBe(400)
      expect(r.error.fields).toEqual({ before: '分页参数无效' })
    }
  })
})
