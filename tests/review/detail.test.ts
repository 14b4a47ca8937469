/**
 * GET /api/reviews/[kind]/[id]: each kind's diff sections (source info: the locked record and the
 * submitted fields, what changed since the previous submission marked; correction: old → new,
 * locked flags, proofs with links staff can open; recommendation: the form), the trail with names.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { ReviewDetail } from '../../src/contracts/reviews'
import { call, expectOk, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { COMPLETE_FIELDS, makeReviewer } from '../support/procedures-fixtures'
import {
  approveSourceInfoAs,
  fileCorrection,
  proofKey,
  studentWithSourceInfo,
  submitRecommendation,
  submitSourceInfo,
} from './support'

describe('review detail', () => {
  const api = withApi()
  let school = ''
  let reviewer: Awaited<ReturnType<typeof makeReviewer>>
  const t = { cs: '', admin: '', student: '' }

  beforeAll(async () => {
    school = await makeSchool()
    reviewer = await makeReviewer(school, '计算机学院')
    t.cs = await loginAs(api.url, reviewer)
    t.admin = await loginAs(api.url, await makeUser({ role: 'platform_admin' }))
  })

  const detail = (kind: string, id: string, token = t.cs) =>
    expectOk(ReviewDetail, api.url, `/api/reviews/${kind}/${id}`, { token })
  const decide = (kind: string, id: string, body: unknown) =>
    call(api.url, `/api/reviews/${kind}/${id}/decision`, { token: t.cs, body })

  it('source info: the locked record, the submitted fields, the changes since the returned submission marked', async () => {
    const { student, id } = await studentWithSourceInfo(school, { name: '王小明' })
    const first = await detail('source_info', id)
    expect(first.item).toMatchObject({ kind: 'source_info', id, studentName: '王小明', status: 'submitted' })
    expect(first.decidable).toBe(true)
    expect(first.approvalNeeds).toEqual([])
    const [locked, editable] = first.sections
    expect(locked!.title).toContain('锁定')
    expect(locked!.rows.every((r) => r.locked && !r.changed)).toBe(true)
    expect(locked!.rows.find((r) => r.field === 'college')?.after).toBe('计算机学院')
    expect(locked!.rows.find((r) => r.field === 'degree_level')?.after).toBe('本科')
    expect(locked!.rows.find((r) => r.field === 'schooling_years')?.after).toBe('4 年')
    expect(locked!.rows.find((r) => r.field === 'enrolled_on')?.after).toBe('2023-09-01')
    expect(editable!.rows.find((r) => r.field === 'political_status')?.after).toBe('共青团员')
    expect(editable!.rows.find((r) => r.field === 'difficulty')?.after).toBe('非困难生')
    // a first submission has nothing "changed since the previous one"
    expect(editable!.rows.some((r) => r.changed)).toBe(false)

    expect((await decide('source_info', id, { decision: 'return', reasonCode: '联系方式有误' })).status).toBe(
      200,
    )
    await submitSourceInfo(student, {
      ...COMPLETE_FIELDS,
      phone: '13911112222',
      political_status: 'party_member',
    })
    const second = await detail('source_info', id)
    const changed = second.sections[1]!.rows.filter((r) => r.changed)
    expect(changed).toEqual([
      expect.objectContaining({
        field: 'political_status',
        before: '共青团员',
        after: '中共党员',
        locked: false,
      }),
      expect.objectContaining({ field: 'phone', before: '13800138000', after: '13911112222' }),
    ])
    expect(second.item.summary).toBe('退回后重新提交，修改：政治面貌、本人手机')
    expect(second.trail.map((e) => [e.action, e.actionLabel])).toEqual([
      ['submit', '提交审核'],
      ['return', '退回'],
      ['submit', '提交审核'],
    ])
    expect(second.trail[1]).toMatchObject({
      reason: '联系方式有误',
      actorRole: 'school_staff',
      actorName: '计算机学院老师',
    })
    // an admin reads it, may not decide it
    const admin = await detail('source_info', id, t.admin)
    expect(admin.decidable).toBe(false)
  })

  it('correction: old → new per field, locked flags, the student’s reason and signed proof links', async () => {
    const { student, id } = await studentWithSourceInfo(school)
    await approveSourceInfoAs(reviewer, id)
    const keys = [proofKey(student, 'jpg'), proofKey(student, 'pdf')]
    const c = await fileCorrection(
      student,
      { major: '人工智能', phone: '13712345678' },
      keys,
      '转专业后未更新',
    )
    const d = await detail('correction', c)
    expect(d.item.summary).toBe('申请修改：专业、本人手机（含锁定信息，2 份证明）')
    expect(d.sections).toHaveLength(1)
    const rows = d.sections[0]!.rows
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'major',
          before: '软件工程',
          after: '人工智能',
          changed: true,
          locked: true,
        }),
        expect.objectContaining({
          field: 'phone',
          before: '13800138000',
          after: '13712345678',
          locked: false,
        }),
      ]),
    )
    expect(d.studentReason).toBe('转专业后未更新')
    expect(d.proofs.map((p) => p.name)).toEqual(['证明材料 1.jpg', '证明材料 2.pdf'])
    expect(d.proofs[0]!.url).toMatch(/^\/api\/storage\/resumes\/correction-proofs\/.+\?exp=\d+&sig=/)
    expect(d.trail.map((e) => e.action)).toEqual(['file'])
    // decided: 驳回 in the trail, no longer decidable
    expect(
      (await decide('correction', c, { decision: 'return', reasonCode: '证明材料不足或不清晰' })).status,
    ).toBe(200)
    const after = await detail('correction', c)
    expect(after.decidable).toBe(false)
    expect(after.item.statusLabel).toBe('已驳回')
    expect(after.trail.at(-1)).toMatchObject({
      action: 'return',
      actionLabel: '驳回',
      reason: '证明材料不足或不清晰',
    })
  })

  it('recommendation: the form’s fields, approvalNeeds, and the school’s opinions once approved', async () => {
    const { student } = await studentWithSourceInfo(school)
    const form = await submitRecommendation(student)
    const d = await detail('recommendation', form)
    expect(d.approvalNeeds).toEqual(['comment', 'recommendation'])
    const rows = d.sections[0]!.rows
    expect(rows.map((r) => r.label)).toEqual(['健康状况', '教育经历', '在校任职情况', '奖惩情况', '自我评价'])
    expect(rows.find((r) => r.field === 'education')?.after).toBe('2019-09 至 2022-06  杭州第二中学（班长）')
    const ok = await decide('recommendation', form, {
      decision: 'approve',
      comment: '品学兼优',
      recommendation: '推荐就业',
    })
    expect(ok.status).toBe(200)
    const after = await detail('recommendation', form)
    expect(after.sections[1]!.rows.map((r) => [r.label, r.after])).toEqual([
      ['学院意见', '品学兼优'],
      ['推荐意见', '推荐就业'],
    ])
  })

  it('outside the scope: 404 (another college, a student, an unknown id)', async () => {
    const { student, id } = await studentWithSourceInfo(school, { college: '法学院' })
    expect((await call(api.url, `/api/reviews/source_info/${id}`, { token: t.cs })).status).toBe(404)
    const own = await loginAs(api.url, student)
    expect((await call(api.url, `/api/reviews/source_info/${id}`, { token: own })).status).toBe(404)
    expect((await call(api.url, `/api/reviews/correction/${id}`, { token: t.admin })).status).toBe(404)
  })
})
