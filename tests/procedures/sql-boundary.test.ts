/**
 * The review flow's boundary as straight SQL with the user's claims, the way the Data API would
 * run a user's own token (conventions rule 1): no direct write moves a status or forges a log row,
 * nobody decides outside their scope, and the gate is the database's alone. What a refused call
 * left behind is read back through the service path.
 */
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { codeOf, sqlAs } from '../identity/sql'
import { makeSchool, makeUser } from '../support/fixtures'
import { COMPLETE_FIELDS, makeBoundStudent, makeReviewer } from '../support/procedures-fixtures'

const CS = '计算机学院'
const LANG = '外国语学院'
type Claims = Record<string, unknown>

async function call(claims: Claims, sql: string, params: unknown[] = []): Promise<Record<string, unknown>> {
  const r = await sqlAs<{ r: Record<string, unknown> }>(claims, sql, params)
  if (!r.ok) throw new Error(`${sql}: ${r.code} ${r.message}`)
  return r.rows[0]!.r
}
const submit = (claims: Claims) =>
  call(claims, 'select app.save_source_info($1, true) as r', [COMPLETE_FIELDS])
const decide = (
  claims: Claims,
  kind: string,
  id: string,
  decision = 'approve',
  reason: string | null = null,
) => call(claims, 'select app.decide_review($1, $2, $3, $4, null) as r', [kind, id, decision, reason])

async function service<T>(sql: string, params: unknown[] = []): Promise<T> {
  return withServiceTx('test: read back', async (db) => (await db.query(sql, params)).rows[0] as T)
}
const sourceOf = (studentId: string) =>
  service<{ id: string; status: string; decided_by: string | null; phone: string | null }>(
    'select id, status, decided_by, phone from public.source_infos where student_id = $1',
    [studentId],
  )
const logCount = (itemId: string) =>
  service<{ n: number }>('select count(*)::int as n from public.review_log where item_id = $1', [
    itemId,
  ]).then((r) => r.n)

describe('review flow: direct SQL with a student’s claims', () => {
  it('a student cannot approve their own source info by updating it, nor edit it directly', async () => {
    const school = await makeSchool()
    const s = await makeBoundStudent(school, { college: CS })
    await submit(s.claims)
    expect(
      await codeOf(s.claims, "update public.source_infos set status = 'approved' where student_id = $1", [
        s.id,
      ]),
    ).toBe('42501')
    expect(
      await codeOf(s.claims, 'update public.source_infos set decided_by = $1, decided_at = now()', [s.id]),
    ).toBe('42501')
    expect(await codeOf(s.claims, "update public.source_infos set phone = '13700137000'")).toBe('42501')
    expect(await codeOf(s.claims, 'delete from public.source_infos')).toBe('42501')
    const row = await sourceOf(s.id)
    expect(row).toMatchObject({ status: 'submitted', decided_by: null, phone: COMPLETE_FIELDS.phone })
    // … and their own record is readable, the rows of the flow only through the functions
    const own = await sqlAs<{ status: string }>(s.claims, 'select status from public.source_infos')
    expect(own).toMatchObject({ ok: true, rows: [{ status: 'submitted' }] })
  })

  it('a student cannot forge, rewrite or delete a review_log row, nor touch the queue', async () => {
    const school = await makeSchool()
    const s = await makeBoundStudent(school, { college: CS })
    await submit(s.claims)
    const { id } = await sourceOf(s.id)
    expect(
      await codeOf(
        s.claims,
        `insert into public.review_log (kind, item_id, student_id, school_id, college, actor_role, action, from_status, to_status)
         values ('source_info', $1, $2, $3, $4, 'school_staff', 'approve', 'submitted', 'approved')`,
        [id, s.id, school, CS],
      ),
    ).toBe('42501')
    expect(
      await codeOf(s.claims, "update public.review_log set reason = '改过' where student_id = $1", [s.id]),
    ).toBe('42501')
    expect(await codeOf(s.claims, 'delete from public.review_log where student_id = $1', [s.id])).toBe(
      '42501',
    )
    expect(
      await codeOf(
        s.claims,
        `insert into public.review_items (kind, item_id, student_id, school_id, college, major, graduation_year,
           student_name, student_number, status, submitted_at)
         values ('recommendation', gen_random_uuid(), $1, $2, $3, '软件工程', 2027, '伪造', '1', 'submitted', now())`,
        [s.id, school, CS],
      ),
    ).toBe('42501')
    expect(
      await codeOf(s.claims, "update public.review_items set status = 'approved' where item_id = $1", [id]),
    ).toBe('42501')
    expect(await codeOf(s.claims, 'delete from public.review_items where item_id = $1', [id])).toBe('42501')
    // the queue is staff-only: the student reads no row of it, not even their own item
    expect(await sqlAs(s.claims, 'select * from public.review_items')).toMatchObject({ ok: true, rows: [] })
    expect(await logCount(id)).toBe(1)
    const item = await service<{ status: string }>(
      "select status from public.review_items where kind = 'source_info' and item_id = $1",
      [id],
    )
    expect(item.status).toBe('submitted')
  })

  it('a student cannot approve their own submission through the workbench function, nor call a kind’s decide function', async () => {
    const school = await makeSchool()
    const s = await makeBoundStudent(school, { college: CS })
    await submit(s.claims)
    const { id } = await sourceOf(s.id)
    expect(await decide(s.claims, 'source_info', id)).toEqual({ outcome: 'forbidden' })
    for (const fn of ['decide_source_info', 'decide_correction', 'decide_recommendation']) {
      expect(await codeOf(s.claims, `select app.${fn}($1, 'approve', null, '{}')`, [id]), fn).toBe('42501')
    }
    expect(
      await codeOf(s.claims, 'select app.apply_source_info_values($1, $2)', [id, { phone: '13700137000' }]),
    ).toBe('42501')
    expect(
      await codeOf(
        s.claims,
        "select app.write_review_log('source_info', $1, $2, $3, $4, 'approve', 'submitted', 'approved', null, null)",
        [id, s.id, school, CS],
      ),
    ).toBe('42501')
    expect((await sourceOf(s.id)).status).toBe('submitted')
    expect(await logCount(id)).toBe(1)
  })

  it('a correction cannot carry another student’s proof file', async () => {
    const school = await makeSchool()
    const [s, other] = [
      await makeBoundStudent(school, { college: CS }),
      await makeBoundStudent(school, { college: CS }),
    ]
    const reviewer = await makeReviewer(school)
    await submit(s.claims)
    expect(await decide(reviewer.claims, 'source_info', (await sourceOf(s.id)).id)).toMatchObject({
      outcome: 'decided',
    })
    for (const key of [
      `correction-proofs/${other.id}/证明.jpg`,
      `correction-proofs/${s.id}/../${other.id}/证明.jpg`,
    ]) {
      expect(
        await codeOf(s.claims, "select app.file_correction($1, '转专业', $2)", [
          { major: '人工智能' },
          [key],
        ]),
        key,
      ).toBe('22023')
    }
    const n = await service<{ n: number }>(
      'select count(*)::int as n from public.source_info_corrections where student_id = $1',
      [s.id],
    )
    expect(n.n).toBe(0)
  })

  it('nobody with a user role reads review_log.actor_id (who decided); the rest of the step is the student’s', async () => {
    const school = await makeSchool()
    const s = await makeBoundStudent(school, { college: CS })
    const reviewer = await makeReviewer(school, CS)
    await submit(s.claims)
    const { id } = await sourceOf(s.id)
    await decide(reviewer.claims, 'source_info', id, 'return', '家庭地址不完整')
    const admin = await makeUser({ role: 'platform_admin' })
    for (const claims of [s.claims, reviewer.claims, admin.claims]) {
      expect(await codeOf(claims, 'select actor_id from public.review_log where item_id = $1', [id])).toBe(
        '42501',
      )
      expect(await codeOf(claims, 'select * from public.review_log where item_id = $1', [id])).toBe('42501')
    }
    const seen = await sqlAs(
      s.claims,
      'select action, from_status, to_status, reason, actor_role from public.review_log where item_id = $1 order by id',
      [id],
    )
    expect(seen).toMatchObject({
      ok: true,
      rows: [
        {
          action: 'submit',
          from_status: 'unconfirmed',
          to_status: 'submitted',
          reason: null,
          actor_role: 'student',
        },
        {
          action: 'return',
          from_status: 'submitted',
          to_status: 'returned',
          reason: '家庭地址不完整',
          actor_role: 'school_staff',
        },
      ],
    })
    // the full trail (who) is for staff and admins, through the function
    const trail = await sqlAs<{ actor_name: string | null }>(
      admin.claims,
      "select actor_name from app.review_trail('source_info', $1) order by id",
      [id],
    )
    expect(trail).toMatchObject({
      ok: true,
      rows: [{ actor_name: s.roster.name }, { actor_name: `${CS}老师` }],
    })
    const none = await sqlAs(s.claims, "select * from app.review_trail('source_info', $1)", [id])
    expect(none).toMatchObject({ ok: true, rows: [] })
  })
})

describe('review flow: deciding outside one’s scope is refused by the database', () => {
  it('a college reviewer of CS cannot decide a Lang student’s items; nothing changes', async () => {
    const school = await makeSchool()
    const lang = await makeBoundStudent(school, { college: LANG })
    const csReviewer = await makeReviewer(school, CS)
    const schoolReviewer = await makeReviewer(school)
    await submit(lang.claims)
    const { id } = await sourceOf(lang.id)
    expect(await decide(csReviewer.claims, 'source_info', id)).toEqual({ outcome: 'not_found' })
    expect(await decide(csReviewer.claims, 'source_info', id, 'return', '不通过')).toEqual({
      outcome: 'not_found',
    })
    expect(
      await call(csReviewer.claims, "select app.decide_reviews('source_info', $1, null, null) as r", [[id]]),
    ).toEqual([{ id, outcome: 'not_found' }])
    expect(await sourceOf(lang.id)).toMatchObject({ status: 'submitted', decided_by: null })
    expect(await logCount(id)).toBe(1)
    // nor reads them
    expect(
      await sqlAs(csReviewer.claims, 'select id from public.source_infos where id = $1', [id]),
    ).toMatchObject({
      ok: true,
      rows: [],
    })
    expect(
      await sqlAs(csReviewer.claims, 'select item_id from public.review_items where item_id = $1', [id]),
    ).toMatchObject({ ok: true, rows: [] })

    // the Lang student's correction and form: also not_found for CS
    expect(await decide(schoolReviewer.claims, 'source_info', id)).toMatchObject({
      outcome: 'decided',
      status: 'approved',
    })
    const filed = await call(lang.claims, "select app.file_correction($1, '换号了', '{}') as r", [
      { phone: '13700137000' },
    ])
    expect(await decide(csReviewer.claims, 'correction', String(filed.id))).toEqual({ outcome: 'not_found' })
    const c = await service<{ status: string }>(
      'select status from public.source_info_corrections where id = $1',
      [filed.id],
    )
    expect(c.status).toBe('pending')
    expect((await sourceOf(lang.id)).phone).toBe(COMPLETE_FIELDS.phone)
  })

  it('school-level staff of another school cannot decide; an admin cannot decide at all', async () => {
    const [school, other] = [await makeSchool(), await makeSchool()]
    const s = await makeBoundStudent(school, { college: CS })
    const foreign = await makeReviewer(other)
    const foreignCS = await makeReviewer(other, CS)
    const admin = await makeUser({ role: 'platform_admin' })
    await submit(s.claims)
    const { id } = await sourceOf(s.id)
    expect(await decide(foreign.claims, 'source_info', id)).toEqual({ outcome: 'not_found' })
    expect(await decide(foreignCS.claims, 'source_info', id)).toEqual({ outcome: 'not_found' })
    expect(await decide(admin.claims, 'source_info', id)).toEqual({ outcome: 'forbidden' })
    expect(await decide(admin.claims, 'source_info', id, 'return', '不通过')).toEqual({
      outcome: 'forbidden',
    })
    expect(
      await call(admin.claims, "select app.decide_reviews('source_info', $1, null, null) as r", [[id]]),
    ).toEqual([{ id, outcome: 'forbidden' }])
    expect(await sourceOf(s.id)).toMatchObject({ status: 'submitted', decided_by: null })
    expect(await logCount(id)).toBe(1)
    // admins read everything, read-only
    expect(
      await sqlAs(admin.claims, 'select status from public.source_infos where id = $1', [id]),
    ).toMatchObject({
      ok: true,
      rows: [{ status: 'submitted' }],
    })
    expect(
      await codeOf(admin.claims, "update public.source_infos set status = 'approved' where id = $1", [id]),
    ).toBe('42501')
  })

  it('a disabled reviewer’s still-valid token decides nothing', async () => {
    const school = await makeSchool()
    const s = await makeBoundStudent(school, { college: CS })
    const reviewer = await makeReviewer(school)
    await submit(s.claims)
    await withServiceTx('test: disable', (db) =>
      db.query('update public.app_users set disabled_at = now() where id = $1', [reviewer.id]),
    )
    const { id } = await sourceOf(s.id)
    expect(await decide(reviewer.claims, 'source_info', id)).toEqual({ outcome: 'forbidden' })
    expect((await sourceOf(s.id)).status).toBe('submitted')
  })
})

describe('the identity-authentication gate', () => {
  it('app.can_do_procedures is not executable by a user role; it is true only once the source info is approved', async () => {
    const school = await makeSchool()
    const s = await makeBoundStudent(school, { college: CS })
    const reviewer = await makeReviewer(school, CS)
    const gate = () =>
      service<{ ok: boolean }>('select app.can_do_procedures($1) as ok', [s.id]).then((r) => r.ok)
    for (const claims of [s.claims, reviewer.claims, null]) {
      expect(await codeOf(claims, 'select app.can_do_procedures($1)', [s.id])).toBe('42501')
    }
    expect(await gate()).toBe(false)
    await submit(s.claims)
    expect(await gate()).toBe(false)
    const { id } = await sourceOf(s.id)
    await decide(reviewer.claims, 'source_info', id, 'return', '民族填写有误')
    expect(await gate()).toBe(false)
    await submit(s.claims)
    await decide(reviewer.claims, 'source_info', id)
    expect(await gate()).toBe(true)
    expect(await service<{ ok: boolean }>('select app.can_do_procedures(null) as ok').then((r) => r.ok)).toBe(
      false,
    )
    // unbound or disabled: closed again
    await withServiceTx('test: disable', (db) =>
      db.query('update public.app_users set disabled_at = now() where id = $1', [s.id]),
    )
    expect(await gate()).toBe(false)
  })
})
