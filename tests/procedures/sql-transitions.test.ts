/**
 * Every state of the three review kinds × every action, as straight SQL with the users' claims
 * (the Data API's path): source info (unconfirmed → submitted → approved | returned), corrections
 * (pending → approved | rejected | withdrawn, applied to the record) and the recommendation form
 * (draft → submitted → approved | returned), with the audit row each step writes.
 */
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { sqlAs } from '../identity/sql'
import { makeSchool } from '../support/fixtures'
import {
  type BoundStudent,
  COMPLETE_FIELDS,
  makeBoundStudent,
  makeReviewer,
} from '../support/procedures-fixtures'

const CS = '计算机学院'
const LANG = '外国语学院'
type Claims = Record<string, unknown>
type Outcome = Record<string, unknown>

async function call(claims: Claims, sql: string, params: unknown[] = []): Promise<Outcome> {
  const r = await sqlAs<{ r: Outcome }>(claims, sql, params)
  if (!r.ok) throw new Error(`${sql}: ${r.code} ${r.message}`)
  return r.rows[0]!.r
}
/** The SQLSTATE of a refused call (or 'ok'). */
async function code(claims: Claims, sql: string, params: unknown[] = []): Promise<string> {
  const r = await sqlAs(claims, sql, params)
  return r.ok ? 'ok' : r.code
}
const SAVE = 'select app.save_source_info($1, $2) as r'
const save = (c: Claims, fields: object, submit = false) => call(c, SAVE, [fields, submit])
const withdraw = (c: Claims) => call(c, 'select app.withdraw_source_info() as r')
const DECIDE = 'select app.decide_review($1, $2, $3, $4, $5) as r'
const decide = (
  c: Claims,
  kind: string,
  id: string,
  decision: string,
  reason: string | null = null,
  extra?: object,
) => call(c, DECIDE, [kind, id, decision, reason, extra ?? null])
const FILE = 'select app.file_correction($1, $2, $3) as r'
const file = (c: Claims, changes: object, reason = '信息有误', keys: string[] = []) =>
  call(c, FILE, [changes, reason, keys])
const REC = 'select app.save_recommendation($1, $2) as r'
const FORM = {
  health: '健康',
  education: JSON.stringify([{ from: '2023-09', to: '2027-06', school: '某大学', role: '学生' }]),
  self_evaluation: '踏实肯干，乐于学习，善于与人合作，能吃苦耐劳。',
}
const formFields = (o: Record<string, unknown> = {}) =>
  JSON.stringify({ ...FORM, education: JSON.parse(FORM.education), ...o })

async function service<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return withServiceTx('test: read back', async (db) => (await db.query(sql, params)).rows as T[])
}
const source = async (s: BoundStudent) =>
  (
    await service<Record<string, unknown> & { id: string; status: string }>(
      'select * from public.source_infos where student_id = $1',
      [s.id],
    )
  )[0]!
const log = (itemId: string) =>
  service<{
    action: string
    from_status: string | null
    to_status: string
    reason: string | null
    changes: Record<string, { old: unknown; new: unknown }> | null
    actor_role: string
    actor_id: string | null
  }>(
    'select action, from_status, to_status, reason, changes, actor_role, actor_id from public.review_log where item_id = $1 order by id',
    [itemId],
  )
const queue = async (kind: string, itemId: string) =>
  (
    await service<{ status: string; awaiting: boolean; college: string; student_id: string }>(
      'select status, awaiting, college, student_id from public.review_items where kind = $1 and item_id = $2',
      [kind, itemId],
    )
  )[0]

async function world(college = CS) {
  const school = await makeSchool()
  const s = await makeBoundStudent(school, { college })
  const reviewer = await makeReviewer(school, college)
  return { school, s, reviewer }
}
async function approvedWorld(college = CS) {
  const w = await world(college)
  await save(w.s.claims, COMPLETE_FIELDS, true)
  const si = await source(w.s)
  expect(await decide(w.reviewer.claims, 'source_info', si.id, 'approve')).toMatchObject({
    outcome: 'decided',
  })
  return { ...w, si }
}

describe('source info: every state × every action', () => {
  it('unconfirmed: save keeps the state, an incomplete submission names what is missing, withdraw and decide find nothing pending', async () => {
    const { s, reviewer } = await world()
    const si = await source(s)
    expect(si.status).toBe('unconfirmed')
    expect(await save(s.claims, { phone: '13700137000', qq: '' })).toEqual({
      outcome: 'saved',
      status: 'unconfirmed',
    })
    expect(await save(s.claims, { origin: '浙江省杭州市' }, true)).toEqual({
      outcome: 'incomplete',
      missing: [
        'difficulty',
        'email',
        'ethnicity',
        'family_contact',
        'family_contact_phone',
        'home_address',
        'political_status',
      ],
    })
    expect((await source(s)).status).toBe('unconfirmed')
    expect(await withdraw(s.claims)).toEqual({ outcome: 'not_pending', status: 'unconfirmed' })
    expect(await decide(reviewer.claims, 'source_info', si.id, 'approve')).toMatchObject({
      outcome: 'not_pending',
      status: 'unconfirmed',
    })
    expect(await queue('source_info', si.id)).toBeUndefined()
    expect(await log(si.id)).toEqual([])
  })

  it('only editable fields may be saved; a locked one (or any other column) is refused and nothing is saved', async () => {
    const { s } = await world()
    for (const fields of [
      { college: LANG },
      { major: '人工智能' },
      { status: 'approved' },
      { phone: '13700137000', gender: 'male' },
    ]) {
      expect(await code(s.claims, SAVE, [fields, false]), JSON.stringify(fields)).toBe('22023')
    }
    expect(await code(s.claims, SAVE, [{ phone: '12' }, false])).toBe('23514')
    expect(await code(s.claims, SAVE, [{ political_status: 'king' }, false])).toBe('23514')
    expect((await source(s)).phone).toBeNull()
  })

  it('submit → submitted (queued, logged with the changes); save is refused, resubmission allowed, withdraw returns it', async () => {
    const { s, school } = await world()
    expect(await save(s.claims, COMPLETE_FIELDS, true)).toEqual({ outcome: 'submitted', status: 'submitted' })
    const si = await source(s)
    expect(si).toMatchObject({ status: 'submitted', phone: COMPLETE_FIELDS.phone, school_id: school })
    expect(await queue('source_info', si.id)).toMatchObject({
      status: 'submitted',
      awaiting: true,
      college: CS,
    })
    expect(await save(s.claims, { phone: '13700137000' })).toEqual({
      outcome: 'not_editable',
      status: 'submitted',
    })
    expect(await save(s.claims, { phone: '13700137000' }, true)).toEqual({
      outcome: 'submitted',
      status: 'submitted',
    })
    expect(await withdraw(s.claims)).toEqual({ outcome: 'withdrawn', status: 'unconfirmed' })
    expect(await source(s)).toMatchObject({ status: 'unconfirmed', submitted_at: null, phone: '13700137000' })
    expect(await queue('source_info', si.id)).toMatchObject({ status: 'withdrawn', awaiting: false })
    const steps = await log(si.id)
    expect(steps.map((l) => [l.action, l.from_status, l.to_status, l.actor_role, l.actor_id])).toEqual([
      ['submit', 'unconfirmed', 'submitted', 'student', s.id],
      ['resubmit', 'submitted', 'submitted', 'student', s.id],
      ['withdraw', 'submitted', 'unconfirmed', 'student', s.id],
    ])
    expect(steps[0]!.changes).toMatchObject({ phone: { old: null, new: COMPLETE_FIELDS.phone } })
    expect(steps[1]!.changes).toEqual({ phone: { old: COMPLETE_FIELDS.phone, new: '13700137000' } })
    expect(await save(s.claims, {}, true)).toEqual({ outcome: 'submitted', status: 'submitted' })
  })

  it('return needs a reason; returned → save keeps the reason, resubmission clears it; then approved is locked', async () => {
    const { s, reviewer } = await world()
    await save(s.claims, COMPLETE_FIELDS, true)
    const si = await source(s)
    expect(await code(reviewer.claims, DECIDE, ['source_info', si.id, 'return', null, null])).toBe('22023')
    expect(await code(reviewer.claims, DECIDE, ['source_info', si.id, 'return', '   ', null])).toBe('22023')
    expect(await code(reviewer.claims, DECIDE, ['source_info', si.id, 'reject', '理由', null])).toBe('22023')
    expect((await source(s)).status).toBe('submitted')
    expect(await decide(reviewer.claims, 'source_info', si.id, 'return', ' 家庭地址不完整 ')).toMatchObject({
      outcome: 'decided',
      status: 'returned',
      student_id: s.id,
    })
    expect(await source(s)).toMatchObject({
      status: 'returned',
      return_reason: '家庭地址不完整',
      decided_by: reviewer.id,
    })
    expect(await queue('source_info', si.id)).toMatchObject({ status: 'returned', awaiting: false })
    expect(await withdraw(s.claims)).toEqual({ outcome: 'not_pending', status: 'returned' })
    expect(await decide(reviewer.claims, 'source_info', si.id, 'approve')).toMatchObject({
      outcome: 'not_pending',
      status: 'returned',
    })
    expect(await save(s.claims, { home_address: '浙江省杭州市西湖区文三路 100 号 3 单元' })).toEqual({
      outcome: 'saved',
      status: 'returned',
    })
    expect((await source(s)).return_reason).toBe('家庭地址不完整')
    expect(await save(s.claims, { ethnicity: '回族' }, true)).toEqual({
      outcome: 'submitted',
      status: 'submitted',
    })
    expect(await source(s)).toMatchObject({ status: 'submitted', return_reason: null })
    expect(await queue('source_info', si.id)).toMatchObject({ status: 'submitted', awaiting: true })
    expect(await decide(reviewer.claims, 'source_info', si.id, 'approve', '核对无误')).toMatchObject({
      outcome: 'decided',
      status: 'approved',
    })
    expect(await source(s)).toMatchObject({ status: 'approved', decided_by: reviewer.id })
    // approved: locked for the student (corrections only), decided for the reviewer
    expect(await save(s.claims, { phone: '13700137000' })).toEqual({ outcome: 'locked', status: 'approved' })
    expect(await save(s.claims, {}, true)).toEqual({ outcome: 'locked', status: 'approved' })
    expect(await withdraw(s.claims)).toEqual({ outcome: 'not_pending', status: 'approved' })
    expect(await decide(reviewer.claims, 'source_info', si.id, 'return', '再看看')).toMatchObject({
      outcome: 'not_pending',
      status: 'approved',
    })
    const steps = await log(si.id)
    expect(steps.map((l) => [l.action, l.from_status, l.to_status, l.actor_role, l.reason])).toEqual([
      ['submit', 'unconfirmed', 'submitted', 'student', null],
      ['return', 'submitted', 'returned', 'school_staff', '家庭地址不完整'],
      ['submit', 'returned', 'submitted', 'student', null],
      ['approve', 'submitted', 'approved', 'school_staff', '核对无误'],
    ])
    expect(steps[1]!.actor_id).toBe(reviewer.id)
    // what differs from the previous submission, the address saved in between included
    expect(steps[2]!.changes).toEqual({
      ethnicity: { old: COMPLETE_FIELDS.ethnicity, new: '回族' },
      home_address: { old: COMPLETE_FIELDS.home_address, new: '浙江省杭州市西湖区文三路 100 号 3 单元' },
    })
    expect((await source(s)).home_address).toBe('浙江省杭州市西湖区文三路 100 号 3 单元')
  })

  it('batch approval approves the submitted ones, skips decided ones and those out of scope', async () => {
    const school = await makeSchool()
    const reviewer = await makeReviewer(school, CS)
    const [a, b, c] = [
      await makeBoundStudent(school, { college: CS }),
      await makeBoundStudent(school, { college: CS }),
      await makeBoundStudent(school, { college: LANG }),
    ]
    for (const s of [a, b, c]) await save(s.claims, COMPLETE_FIELDS, true)
    const [sa, sb, sc] = [await source(a), await source(b), await source(c)]
    await decide(reviewer.claims, 'source_info', sb.id, 'return', '有误')
    const out = (await call(
      reviewer.claims,
      "select app.decide_reviews('source_info', $1, '批量通过', null) as r",
      [[sa.id, sb.id, sc.id, sa.id]],
    )) as unknown as Outcome[]
    const byId = Object.fromEntries(
      out.map((o) => [o.id, o.outcome === 'not_pending' ? `not_pending:${o.status}` : o.outcome]),
    )
    expect(out).toHaveLength(3)
    expect(byId).toEqual({ [sa.id]: 'decided', [sb.id]: 'not_pending:returned', [sc.id]: 'not_found' })
    expect([(await source(a)).status, (await source(b)).status, (await source(c)).status]).toEqual([
      'approved',
      'returned',
      'submitted',
    ])
    expect((await log(sa.id)).at(-1)).toMatchObject({ action: 'approve', reason: '批量通过' })
    // corrections change the record: never in batches
    expect(
      await code(reviewer.claims, "select app.decide_reviews('correction', $1, null, null)", [[sa.id]]),
    ).toBe('22023')
    expect(await code(reviewer.claims, "select app.decide_reviews('source_info', '{}', null, null)")).toBe(
      '22023',
    )
  })
})

describe('corrections', () => {
  it('only once approved; then each field in one pending correction, a locked field needs a proof, a real change only', async () => {
    const { s, reviewer } = await world()
    expect(await file(s.claims, { phone: '13700137000' })).toEqual({
      outcome: 'not_approved',
      status: 'unconfirmed',
    })
    await save(s.claims, COMPLETE_FIELDS, true)
    expect(await file(s.claims, { phone: '13700137000' })).toEqual({
      outcome: 'not_approved',
      status: 'submitted',
    })
    const si = await source(s)
    await decide(reviewer.claims, 'source_info', si.id, 'approve')

    const phone = await file(s.claims, { phone: '13700137000' }, ' 换号了 ')
    expect(phone).toMatchObject({ outcome: 'filed' })
    const id = String(phone.id)
    expect(await log(id)).toEqual([
      {
        action: 'file',
        from_status: null,
        to_status: 'pending',
        reason: '换号了',
        changes: { phone: { old: COMPLETE_FIELDS.phone, new: '13700137000' } },
        actor_role: 'student',
        actor_id: s.id,
      },
    ])
    expect(await queue('correction', id)).toMatchObject({ status: 'pending', awaiting: true, college: CS })
    expect(await file(s.claims, { phone: '13600136000', email: 'new@example.com' })).toEqual({
      outcome: 'field_pending',
      field: 'phone',
    })
    expect(await file(s.claims, { major: '人工智能' })).toEqual({
      outcome: 'proof_required',
      fields: ['major'],
    })
    expect(await file(s.claims, { major: '人工智能', email: 'new@example.com' }, '转专业')).toEqual({
      outcome: 'proof_required',
      fields: ['major'],
    })
    expect(
      await file(s.claims, { email: COMPLETE_FIELDS.email, ethnicity: ` ${COMPLETE_FIELDS.ethnicity}` }),
    ).toEqual({
      outcome: 'no_change',
    })
    expect(
      await file(s.claims, { schooling_years: '4' }, '学制', [`correction-proofs/${s.id}/a.jpg`]),
    ).toEqual({
      outcome: 'no_change',
    })
    const major = await file(s.claims, { major: '人工智能' }, '转专业', [
      `correction-proofs/${s.id}/转专业.pdf`,
    ])
    expect(major).toMatchObject({ outcome: 'filed' })
    const rows = await service(
      'select changes, proof_keys, status from public.source_info_corrections where id = $1',
      [major.id],
    )
    expect(rows[0]).toEqual({
      changes: { major: { old: '软件工程', new: '人工智能' } },
      proof_keys: [`correction-proofs/${s.id}/转专业.pdf`],
      status: 'pending',
    })
    // nothing of the record moved while pending
    expect((await source(s)).phone).toBe(COMPLETE_FIELDS.phone)
    // a correction in one's name only: another student cannot withdraw it
    const other = await makeBoundStudent(s.schoolId, { college: CS })
    expect(await call(other.claims, 'select app.withdraw_correction($1) as r', [id])).toEqual({
      outcome: 'not_found',
    })
    expect(await call(s.claims, 'select app.withdraw_correction($1) as r', [id])).toEqual({
      outcome: 'withdrawn',
      status: 'withdrawn',
    })
    expect(await call(s.claims, 'select app.withdraw_correction($1) as r', [id])).toEqual({
      outcome: 'not_pending',
      status: 'withdrawn',
    })
    expect(await decide(reviewer.claims, 'correction', id, 'approve')).toMatchObject({
      outcome: 'not_pending',
      status: 'withdrawn',
    })
    expect((await log(id)).map((l) => l.action)).toEqual(['file', 'withdraw'])
    // the field is free again
    expect(await file(s.claims, { phone: '13600136000' })).toMatchObject({ outcome: 'filed' })
  })

  it('values the record itself refuses are refused, and nothing is filed or changed', async () => {
    const { s } = await approvedWorld()
    const proof = [`correction-proofs/${s.id}/a.jpg`]
    const before = await source(s)
    for (const [changes, expected] of [
      [{ qq: '12' }, '23514'],
      [{ phone: 'abc' }, '23514'],
      [{ difficulty: 'rich' }, '23514'],
      [{ enrolled_on: '2023-13-01' }, '22008'],
      [{ schooling_years: '9' }, '23514'],
      [{ graduation_year: 'soon' }, '22P02'],
      [{ degree_level: 'emperor' }, '23514'],
      [{ gender: 'unknown' }, '23514'],
    ] as const) {
      const got = await code(s.claims, FILE, [changes, '更正', proof])
      expect(
        got.startsWith('22') || got.startsWith('23') ? got : `unexpected ${got}`,
        JSON.stringify(changes),
      ).toBe(expected)
    }
    expect(
      await service('select id from public.source_info_corrections where student_id = $1', [s.id]),
    ).toEqual([])
    const after = await source(s)
    expect(after).toEqual(before)
    const roster = await service(
      'select major, enrolled_on::text, schooling_years::text from public.roster_entries where id = $1',
      [s.roster.id],
    )
    expect(roster[0]).toEqual({ major: '软件工程', enrolled_on: '2023-09-01', schooling_years: '4.0' })
  })

  it('approval applies the values (roster for locked fields, the source info for editable ones) and keeps the history', async () => {
    const { s, reviewer } = await approvedWorld()
    const phone = await file(s.claims, { phone: '13700137000', qq: '123456789' }, '换号了')
    const enrol = await file(s.claims, { enrolled_on: '2023-09-03', schooling_years: 5 }, '入学日期有误', [
      `correction-proofs/${s.id}/通知书.jpg`,
    ])
    expect(await decide(reviewer.claims, 'correction', String(phone.id), 'approve', '核实')).toMatchObject({
      outcome: 'decided',
      status: 'approved',
    })
    expect(await source(s)).toMatchObject({ phone: '13700137000', qq: '123456789', status: 'approved' })
    expect(await decide(reviewer.claims, 'correction', String(enrol.id), 'approve')).toMatchObject({
      outcome: 'decided',
    })
    const roster = await service(
      'select enrolled_on::text, schooling_years::text from public.roster_entries where id = $1',
      [s.roster.id],
    )
    expect(roster[0]).toEqual({ enrolled_on: '2023-09-03', schooling_years: '5.0' })
    const steps = await log(String(phone.id))
    expect(steps.map((l) => [l.action, l.from_status, l.to_status, l.actor_role, l.reason])).toEqual([
      ['file', null, 'pending', 'student', '换号了'],
      ['approve', 'pending', 'approved', 'school_staff', '核实'],
    ])
    expect(steps[1]!.changes).toEqual({
      phone: { old: COMPLETE_FIELDS.phone, new: '13700137000' },
      qq: { old: null, new: '123456789' },
    })
    expect(steps[1]!.actor_id).toBe(reviewer.id)
    expect(await queue('correction', String(phone.id))).toMatchObject({ status: 'approved', awaiting: false })
    // the gate stays open: the record is still approved
    expect((await service<{ ok: boolean }>('select app.can_do_procedures($1) as ok', [s.id]))[0]!.ok).toBe(
      true,
    )
  })

  it('rejection needs a reason and changes nothing', async () => {
    const { s, reviewer } = await approvedWorld()
    const id = String((await file(s.claims, { email: 'new@example.com' })).id)
    expect(await code(reviewer.claims, DECIDE, ['correction', id, 'return', '', null])).toBe('22023')
    expect(await decide(reviewer.claims, 'correction', id, 'return', '无证明材料')).toMatchObject({
      outcome: 'decided',
      status: 'rejected',
    })
    const rows = await service(
      'select status, reject_reason, decided_by from public.source_info_corrections where id = $1',
      [id],
    )
    expect(rows[0]).toEqual({ status: 'rejected', reject_reason: '无证明材料', decided_by: reviewer.id })
    expect((await source(s)).email).toBe(COMPLETE_FIELDS.email)
    expect((await log(id)).at(-1)).toMatchObject({
      action: 'return',
      from_status: 'pending',
      to_status: 'rejected',
      reason: '无证明材料',
      changes: { email: { old: COMPLETE_FIELDS.email, new: 'new@example.com' } },
    })
    expect(await call(s.claims, 'select app.withdraw_correction($1) as r', [id])).toEqual({
      outcome: 'not_pending',
      status: 'rejected',
    })
  })

  it('a college change moves the record, its items, the queue and the log to the new college (and reviewer)', async () => {
    const { s, reviewer, school } = await approvedWorld()
    const langReviewer = await makeReviewer(school, LANG)
    await call(s.claims, REC, [formFields(), true])
    const form = (
      await service<{ id: string }>('select id from public.recommendation_forms where student_id = $1', [
        s.id,
      ])
    )[0]!
    const phone = String((await file(s.claims, { phone: '13700137000' })).id)
    const college = String(
      (await file(s.claims, { college: LANG, major: '英语' }, '转院', [`correction-proofs/${s.id}/转院.pdf`]))
        .id,
    )
    expect(await decide(reviewer.claims, 'correction', college, 'approve')).toMatchObject({
      outcome: 'decided',
    })
    const roster = await service('select college, major from public.roster_entries where id = $1', [
      s.roster.id,
    ])
    expect(roster[0]).toEqual({ college: LANG, major: '英语' })
    expect((await source(s)).college).toBe(LANG)
    const colleges = await service<{ t: string; college: string }>(
      `select 'correction' as t, college from public.source_info_corrections where student_id = $1
       union all select 'recommendation', college from public.recommendation_forms where student_id = $1
       union all select 'log', college from public.review_log where student_id = $1
       union all select 'queue', college from public.review_items where student_id = $1`,
      [s.id],
    )
    expect(colleges.length).toBeGreaterThan(6)
    expect(colleges.filter((c) => c.college !== LANG)).toEqual([])
    const items = await service<{ kind: string; major: string }>(
      'select kind, major from public.review_items where student_id = $1 order by kind',
      [s.id],
    )
    expect(items.every((i) => i.major === '英语')).toBe(true)
    // the CS reviewer no longer covers the student; the Lang reviewer does
    expect(await decide(reviewer.claims, 'correction', phone, 'approve')).toEqual({ outcome: 'not_found' })
    expect(await decide(reviewer.claims, 'recommendation', form.id, 'return', '补充')).toEqual({
      outcome: 'not_found',
    })
    expect(
      await sqlAs(reviewer.claims, 'select id from public.source_infos where student_id = $1', [s.id]),
    ).toMatchObject({
      ok: true,
      rows: [],
    })
    expect(await decide(langReviewer.claims, 'correction', phone, 'approve')).toMatchObject({
      outcome: 'decided',
    })
    expect(
      await sqlAs(
        langReviewer.claims,
        "select kind from public.review_items where student_id = $1 and kind = 'recommendation'",
        [s.id],
      ),
    ).toMatchObject({ ok: true, rows: [{ kind: 'recommendation' }] })
  })

  it('a correction whose record changed after filing is stale: not applied, still pending', async () => {
    const { s, reviewer } = await approvedWorld()
    const major = String(
      (await file(s.claims, { major: '人工智能' }, '转专业', [`correction-proofs/${s.id}/a.pdf`])).id,
    )
    const phone = String((await file(s.claims, { phone: '13700137000' })).id)
    // the school re-imports the record, and the system path edits the phone
    await withServiceTx('test: re-import', async (db) => {
      await db.query("update public.roster_entries set major = '数据科学' where id = $1", [s.roster.id])
      await db.query("update public.source_infos set phone = '13500135000' where student_id = $1", [s.id])
    })
    expect(await decide(reviewer.claims, 'correction', major, 'approve')).toEqual({
      outcome: 'stale',
      status: 'pending',
      field: 'major',
    })
    expect(await decide(reviewer.claims, 'correction', phone, 'approve')).toEqual({
      outcome: 'stale',
      status: 'pending',
      field: 'phone',
    })
    expect(
      (await service('select major from public.roster_entries where id = $1', [s.roster.id]))[0],
    ).toEqual({
      major: '数据科学',
    })
    expect((await source(s)).phone).toBe('13500135000')
    const statuses = await service<{ status: string }>(
      'select status from public.source_info_corrections where id = any ($1) order by status',
      [[major, phone]],
    )
    expect(statuses.map((r) => r.status)).toEqual(['pending', 'pending'])
    expect((await log(major)).map((l) => l.action)).toEqual(['file'])
    // a stale request may still be rejected (with a reason)
    expect(await decide(reviewer.claims, 'correction', major, 'return', '信息已更新')).toMatchObject({
      outcome: 'decided',
      status: 'rejected',
    })
  })
})

describe('recommendation form', () => {
  it('draft → submitted → returned → submitted → approved with the school’s opinion, each step logged', async () => {
    const { s, reviewer } = await world()
    expect(await call(s.claims, REC, [JSON.stringify({ awards: '校一等奖学金' }), false])).toEqual({
      outcome: 'saved',
      status: 'draft',
    })
    expect(await call(s.claims, REC, [JSON.stringify({ self_evaluation: '很好' }), true])).toEqual({
      outcome: 'incomplete',
      missing: ['health', 'education', 'self_evaluation'],
    })
    expect(await code(s.claims, REC, [JSON.stringify({ self_evaluation: '好'.repeat(801) }), false])).toBe(
      '23514',
    )
    expect(await code(s.claims, REC, [JSON.stringify({ school_comment: '优秀' }), false])).toBe('22023')
    expect(await call(s.claims, 'select app.withdraw_recommendation() as r')).toEqual({
      outcome: 'not_pending',
      status: 'draft',
    })
    expect(await call(s.claims, REC, [formFields(), true])).toEqual({
      outcome: 'submitted',
      status: 'submitted',
    })
    const form = (
      await service<{ id: string; status: string; awards: string }>(
        'select id, status, awards from public.recommendation_forms where student_id = $1',
        [s.id],
      )
    )[0]!
    expect(form).toMatchObject({ status: 'submitted', awards: '校一等奖学金' })
    expect(await queue('recommendation', form.id)).toMatchObject({ status: 'submitted', awaiting: true })
    expect(await call(s.claims, REC, [formFields(), false])).toEqual({
      outcome: 'not_editable',
      status: 'submitted',
    })
    expect(await call(s.claims, 'select app.withdraw_recommendation() as r')).toEqual({
      outcome: 'withdrawn',
      status: 'draft',
    })
    expect(await queue('recommendation', form.id)).toMatchObject({ status: 'withdrawn', awaiting: false })
    expect(await call(s.claims, REC, [formFields(), true])).toMatchObject({ outcome: 'submitted' })
    expect(await call(s.claims, REC, [formFields({ positions: '班长' }), true])).toMatchObject({
      outcome: 'submitted',
    })
    expect(await code(reviewer.claims, DECIDE, ['recommendation', form.id, 'return', null, null])).toBe(
      '22023',
    )
    expect(
      await decide(reviewer.claims, 'recommendation', form.id, 'return', '自我评价过于简单'),
    ).toMatchObject({
      outcome: 'decided',
      status: 'returned',
    })
    expect(
      await call(s.claims, REC, [
        formFields({ self_evaluation: `${FORM.self_evaluation}曾获优秀学生干部称号。` }),
        false,
      ]),
    ).toEqual({
      outcome: 'saved',
      status: 'returned',
    })
    expect(await call(s.claims, REC, [JSON.stringify({}), true])).toEqual({
      outcome: 'submitted',
      status: 'submitted',
    })
    // approval needs the school's comment and recommendation
    for (const extra of [null, {}, { comment: '优秀' }, { comment: ' ', recommendation: '推荐' }]) {
      expect(
        await code(reviewer.claims, DECIDE, ['recommendation', form.id, 'approve', null, extra]),
        JSON.stringify(extra),
      ).toBe('22023')
    }
    expect(
      (await service('select status from public.recommendation_forms where id = $1', [form.id]))[0],
    ).toEqual({
      status: 'submitted',
    })
    expect(
      await decide(reviewer.claims, 'recommendation', form.id, 'approve', null, {
        comment: '该生品学兼优',
        recommendation: '同意推荐',
      }),
    ).toMatchObject({ outcome: 'decided', status: 'approved' })
    const approved = await service(
      'select status, school_comment, recommendation, decided_by, return_reason from public.recommendation_forms where id = $1',
      [form.id],
    )
    expect(approved[0]).toEqual({
      status: 'approved',
      school_comment: '该生品学兼优',
      recommendation: '同意推荐',
      decided_by: reviewer.id,
      return_reason: null,
    })
    expect(await call(s.claims, REC, [formFields(), false])).toEqual({
      outcome: 'locked',
      status: 'approved',
    })
    expect(await call(s.claims, 'select app.withdraw_recommendation() as r')).toEqual({
      outcome: 'not_pending',
      status: 'approved',
    })
    const steps = await log(form.id)
    expect(steps.map((l) => [l.action, l.from_status, l.to_status, l.actor_role])).toEqual([
      ['submit', 'draft', 'submitted', 'student'],
      ['withdraw', 'submitted', 'draft', 'student'],
      ['submit', 'draft', 'submitted', 'student'],
      ['resubmit', 'submitted', 'submitted', 'student'],
      ['return', 'submitted', 'returned', 'school_staff'],
      ['submit', 'returned', 'submitted', 'student'],
      ['approve', 'submitted', 'approved', 'school_staff'],
    ])
    expect(steps[4]!.reason).toBe('自我评价过于简单')
    expect(steps[6]!.changes).toEqual({
      school_comment: { old: null, new: '该生品学兼优' },
      recommendation: { old: null, new: '同意推荐' },
    })
  })

  it('batch approval of forms shares one opinion and refuses the batch without it', async () => {
    const school = await makeSchool()
    const reviewer = await makeReviewer(school)
    const [a, b] = [
      await makeBoundStudent(school, { college: CS }),
      await makeBoundStudent(school, { college: LANG }),
    ]
    for (const s of [a, b]) await call(s.claims, REC, [formFields(), true])
    const ids = (
      await service<{ id: string }>(
        'select id from public.recommendation_forms where student_id = any ($1)',
        [[a.id, b.id]],
      )
    ).map((r) => r.id)
    expect(
      await code(reviewer.claims, "select app.decide_reviews('recommendation', $1, null, null)", [ids]),
    ).toBe('22023')
    const out = (await call(
      reviewer.claims,
      "select app.decide_reviews('recommendation', $1, null, $2) as r",
      [ids, { comment: '表现良好', recommendation: '推荐' }],
    )) as unknown as Outcome[]
    expect(out.map((o) => o.outcome)).toEqual(['decided', 'decided'])
    const rows = await service<{ status: string; school_comment: string }>(
      'select status, school_comment from public.recommendation_forms where id = any ($1)',
      [ids],
    )
    expect(rows).toEqual([
      { status: 'approved', school_comment: '表现良好' },
      { status: 'approved', school_comment: '表现良好' },
    ])
  })
})

describe('the record follows the roster entry', () => {
  it('rebinding the roster entry to a new user moves the source info (and its queue row) to them', async () => {
    const { s, reviewer, school } = await world()
    await save(s.claims, COMPLETE_FIELDS, true)
    const si = await source(s)
    const next = await makeBoundStudent(school, { college: CS })
    await withServiceTx('test: rebind', async (db) => {
      await db.query('update public.roster_entries set bound_user_id = null, bound_at = null where id = $1', [
        s.roster.id,
      ])
      // the new user's own record goes first (one record per user)
      await db.query('update public.roster_entries set bound_user_id = null, bound_at = null where id = $1', [
        next.roster.id,
      ])
      await db.query('delete from public.source_infos where student_id = $1', [next.id])
      await db.query('update public.roster_entries set bound_user_id = $2, bound_at = now() where id = $1', [
        s.roster.id,
        next.id,
      ])
    })
    const moved = await service<{ id: string; student_id: string }>(
      'select id, student_id from public.source_infos where roster_entry_id = $1',
      [s.roster.id],
    )
    expect(moved).toEqual([{ id: si.id, student_id: next.id }])
    expect(await sqlAs(s.claims, 'select id from public.source_infos')).toMatchObject({ ok: true, rows: [] })
    expect(await sqlAs(next.claims, 'select id from public.source_infos')).toMatchObject({
      ok: true,
      rows: [{ id: si.id }],
    })
    expect(await save(s.claims, { phone: '13700137000' })).toEqual({ outcome: 'not_bound' })
    expect(await queue('source_info', si.id)).toMatchObject({ student_id: next.id })
    expect(await decide(reviewer.claims, 'source_info', si.id, 'approve')).toMatchObject({
      outcome: 'decided',
      student_id: next.id,
    })
  })
})
