/**
 * The workbench's queue through the API: RLS does the scoping (college-level reviewers their
 * college, school-level the school, another school nothing, admins everything read-only), the
 * filters narrow it, pages are keyset pages (awaiting oldest first).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { ReviewCountsWithScope, ReviewQueueResponse } from '../../src/contracts/reviews'
import { callParsed, expectOk, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { makeReviewer } from '../support/procedures-fixtures'
import { approveSourceInfoAs, fileCorrection, studentWithSourceInfo, submitRecommendation } from './support'

describe('review queue', () => {
  const api = withApi()
  const w = {
    school: '',
    other: '',
    cs: [] as string[],
    law: [] as string[],
    tokens: { cs: '', law: '', school: '', otherSchool: '', admin: '', student: '' },
    correction: '',
    recommendation: '',
  }

  beforeAll(async () => {
    w.school = await makeSchool()
    w.other = await makeSchool()
    for (let i = 0; i < 3; i++) {
      w.cs.push((await studentWithSourceInfo(w.school, { college: '计算机学院', name: `计算机${i}` })).id)
    }
    for (let i = 0; i < 2; i++) {
      w.law.push(
        (await studentWithSourceInfo(w.school, { college: '法学院', name: `法学${i}`, graduationYear: 2028 }))
          .id,
      )
    }
    await studentWithSourceInfo(w.other, { college: '计算机学院' })
    const csReviewer = await makeReviewer(w.school, '计算机学院')
    // one approved cs student files a correction and a recommendation form
    const extra = await studentWithSourceInfo(w.school, { college: '计算机学院', name: '纠错生' })
    await approveSourceInfoAs(csReviewer, extra.id)
    w.correction = await fileCorrection(extra.student, { phone: '13700137000' })
    w.recommendation = await submitRecommendation(extra.student)
    w.tokens.cs = await loginAs(api.url, csReviewer)
    w.tokens.law = await loginAs(api.url, await makeReviewer(w.school, '法学院'))
    w.tokens.school = await loginAs(api.url, await makeReviewer(w.school))
    w.tokens.otherSchool = await loginAs(api.url, await makeReviewer(w.other))
    w.tokens.admin = await loginAs(api.url, await makeUser({ role: 'platform_admin' }))
    w.tokens.student = await loginAs(api.url, extra.student)
  })

  const queue = (token: string, q = '') =>
    expectOk(ReviewQueueResponse, api.url, `/api/reviews${q}`, { token })

  it('a college reviewer sees only their college’s items; school-level staff the whole school', async () => {
    const cs = await queue(w.tokens.cs, '?kind=source_info')
    expect(cs.items.map((i) => i.id).sort()).toEqual([...w.cs].sort())
    expect(cs.items.every((i) => i.college === '计算机学院' && i.awaiting)).toBe(true)
    const law = await queue(w.tokens.law)
    expect(law.items.map((i) => i.id).sort()).toEqual([...w.law].sort())
    const school = await queue(w.tokens.school, '?kind=source_info')
    expect(school.items.map((i) => i.id).sort()).toEqual([...w.cs, ...w.law].sort())
    const all = await queue(w.tokens.school)
    expect(all.items.map((i) => i.kind).sort()).toEqual([
      'correction',
      'recommendation',
      ...Array(5).fill('source_info'),
    ])
  })

  it('another school’s staff see nothing of it; an admin sees it; a student has no queue', async () => {
    const other = await queue(w.tokens.otherSchool)
    expect(other.items).toHaveLength(1)
    expect(other.items.some((i) => w.cs.includes(i.id))).toBe(false)
    const admin = await queue(w.tokens.admin, '?limit=100')
    expect(w.cs.every((id) => admin.items.some((i) => i.id === id))).toBe(true)
    expect((await queue(w.tokens.student)).items).toEqual([])
  })

  it('counts per kind and the scope', async () => {
    const cs = await expectOk(ReviewCountsWithScope, api.url, '/api/reviews/counts', { token: w.tokens.cs })
    expect(cs.counts).toEqual({
      source_info: 3,
      correction: 1,
      recommendation: 1,
      agreement: 0,
      destination: 0,
      destination_request: 0,
      termination: 0,
    })
    expect(cs.total).toBe(5)
    expect(cs.scope).toEqual({ college: '计算机学院', readOnly: false, colleges: ['计算机学院'] })
    const school = await expectOk(ReviewCountsWithScope, api.url, '/api/reviews/counts', {
      token: w.tokens.school,
    })
    expect(school.counts.source_info).toBe(5)
    expect(school.scope).toEqual({ college: null, readOnly: false, colleges: ['法学院', '计算机学院'] })
    const admin = await expectOk(ReviewCountsWithScope, api.url, '/api/reviews/counts', {
      token: w.tokens.admin,
    })
    expect(admin.scope.readOnly).toBe(true)
  })

  it('summaries say what each item is', async () => {
    const all = await queue(w.tokens.cs)
    expect(all.items.find((i) => i.kind === 'correction')?.summary).toBe('申请修改：本人手机')
    expect(all.items.find((i) => i.kind === 'recommendation')?.summary).toBe('首次提交推荐表')
    expect(all.items.find((i) => i.kind === 'source_info')?.summary).toBe('首次提交生源信息')
    expect(all.items.find((i) => i.kind === 'correction')?.statusLabel).toBe('待审核')
  })

  it('filters: college, major, graduation year, search by name or number prefix, status, submitted days', async () => {
    const byCollege = await queue(w.tokens.school, '?kind=source_info&college=%E6%B3%95%E5%AD%A6%E9%99%A2')
    expect(byCollege.items.map((i) => i.id).sort()).toEqual([...w.law].sort())
    // a college-level reviewer asking for another college gets nothing, not that college
    expect((await queue(w.tokens.cs, `?college=${encodeURIComponent('法学院')}`)).items).toEqual([])
    expect((await queue(w.tokens.school, '?graduationYear=2028')).items.map((i) => i.id).sort()).toEqual(
      [...w.law].sort(),
    )
    await withServiceTx('test: a major', (db) =>
      db.query(
        `update public.roster_entries set major = '数据科学' where name = '计算机1' and school_id = $1`,
        [w.school],
      ),
    )
    const major = await queue(w.tokens.school, `?major=${encodeURIComponent('数据科学')}`)
    expect(major.items.map((i) => i.studentName)).toEqual(['计算机1'])
    const byName = await queue(w.tokens.school, `?q=${encodeURIComponent('法学')}`)
    expect(byName.items).toHaveLength(2)
    const number = byName.items[0]!.studentNumber
    const byNumber = await queue(w.tokens.school, `?q=${number.slice(0, 10)}`)
    expect(byNumber.items.map((i) => i.studentNumber)).toContain(number)
    // LIKE wildcards are literal
    expect((await queue(w.tokens.school, '?q=%25')).items).toEqual([])
    expect(
      (await queue(w.tokens.school, '?status=decided&kind=source_info')).items.map((i) => i.status),
    ).toEqual(['approved'])
    expect((await queue(w.tokens.school, '?status=all&kind=source_info')).items).toHaveLength(6)
    // submitted days are China days: one item moved to 2026-03-01 00:30 in Shanghai (2026-02-28 in UTC)
    await withServiceTx('test: an old item', (db) =>
      db.query(`update public.review_items set submitted_at = '2026-03-01 00:30+08' where item_id = $1`, [
        w.law[0],
      ]),
    )
    const day = await queue(w.tokens.school, '?submittedFrom=2026-03-01&submittedTo=2026-03-01')
    expect(day.items.map((i) => i.id)).toEqual([w.law[0]])
    expect((await queue(w.tokens.school, '?submittedTo=2026-02-28')).items).toEqual([])
    const after = await queue(w.tokens.school, '?submittedFrom=2026-03-02&kind=source_info')
    expect(after.items.map((i) => i.id)).not.toContain(w.law[0])
    expect(after.items).toHaveLength(4)
  })

  it('keyset pages: awaiting oldest first, none skipped or repeated; a bad cursor is a 400', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const q: string = `?limit=2${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`
      const page: ReviewQueueResponse = await queue(w.tokens.school, q)
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
      pages++
    } while (cursor && pages < 10)
    const whole = await queue(w.tokens.school)
    expect(seen).toEqual(whole.items.map((i) => i.id))
    expect(new Set(seen).size).toBe(7)
    const times = whole.items.map((i) => i.submittedAt)
    expect([...times].sort()).toEqual(times)
    const decided = await queue(w.tokens.school, '?status=all')
    const dt = decided.items.map((i) => i.submittedAt)
    expect([...dt].sort().reverse()).toEqual(dt)
    const bad = await callParsed(ReviewQueueResponse, api.url, '/api/reviews?after=nonsense', {
      token: w.tokens.school,
    })
    expect(bad.status).toBe(400)
    expect(bad.error.fields?.after).toBeDefined()
  })
})
