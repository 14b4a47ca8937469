/**
 * Other destinations (其他去向登记) as straight SQL with the users' claims (the Data API's path):
 * the definitions drive the checks, save / submit / edit / remove while unreviewed, the school's
 * decision (approval writes the employment record), corrections and removals of an approved one
 * through requests, a signing-category destination blocking an invitation, and two submissions at
 * once making one destination. Every audit row is a step of app.signing_transitions.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { begun, someoneWaits } from '../support/held-call'
import {
  approvedDestination,
  decideDestination,
  FURTHER_STUDY,
  furtherStudyProofs,
  LABOUR_CONTRACT,
  labourProofs,
  proofKey,
  REMOVE,
  REQUEST,
  SAVE,
  save,
  submittedStudy,
  WITHDRAW_REQUEST,
} from './destinations-support'
import {
  accepted,
  answer,
  CS,
  call,
  code,
  type Employer,
  invited,
  LANG,
  makeEmployer,
  makeSigningSchool,
  makeSigningStudent,
  service,
} from './support'

let school: Awaited<ReturnType<typeof makeSigningSchool>>
let employer: Employer
const students: string[] = []
const student = async (o: { college?: string; approved?: boolean } = {}) => {
  const s = await makeSigningStudent(school, o)
  students.push(s.id)
  return s
}
const destination = async (id: string) =>
  (
    await service<{
      status: string
      fields: Record<string, unknown>
      category: string
      ended_at: Date | null
    }>('select status, fields, category, ended_at from public.destinations where id = $1', [id])
  )[0]!
const records = (studentId: string) =>
  service<{
    destination_id: string
    status: string
    employer_name: string
    position: string
    work_place: string
  }>(
    'select destination_id, status, employer_name, position, work_place from public.employment_records where student_id = $1',
    [studentId],
  )

beforeAll(async () => {
  school = await makeSigningSchool()
  employer = await makeEmployer()
})

describe('the definitions', () => {
  it('14 national categories, each with its group, national code, fields; select fields have options', async () => {
    const cats = await service<{ code: string; grp: string; national_code: string; blocks_signing: boolean }>(
      'select code, grp, national_code, blocks_signing from app.destination_categories order by sort',
    )
    expect(cats.map((c) => c.national_code)).toEqual([
      '10',
      '11',
      '12',
      '46',
      '50',
      '51',
      '52',
      '75',
      '76',
      '80',
      '85',
      '70',
      '71',
      '72',
    ])
    expect(cats.filter((c) => c.blocks_signing).map((c) => c.code)).toEqual([
      'agreement_job',
      'labour_contract',
    ])
    const noFields = await service(
      `select c.code from app.destination_categories c
       where not exists (select 1 from app.destination_fields f where f.category = c.code)`,
    )
    expect(noFields).toEqual([])
  })

  it('a signed-in user reads them (the form is built from them)', async () => {
    const s = await student()
    const r = await call(
      s.claims,
      "select jsonb_build_object('outcome', 'ok', 'n', count(*)) as r from app.destination_fields where category = 'further_study'",
    )
    expect(r.n).toBe(4)
  })
})

describe('save and submit: the definitions drive the checks', () => {
  it('a draft may be incomplete; its submission without the required field or proof is incomplete', async () => {
    const s = await student()
    const d = await save(s, null, 'further_study', { school: '浙江大学' }, {}, false)
    expect(d).toMatchObject({ outcome: 'saved', status: 'draft' })
    const id = String(d.id)
    const r = await save(s, id, 'further_study', { school: '浙江大学', degree: 'master' }, {}, true)
    expect(r).toEqual({
      outcome: 'incomplete',
      missing_fields: ['major'],
      missing_proofs: ['admission_letter'],
    })
    expect((await destination(id)).status).toBe('draft')
    expect((await destination(id)).fields).toEqual({ school: '浙江大学' })
    const ok = await save(s, id, 'further_study', FURTHER_STUDY, furtherStudyProofs(s), true)
    expect(ok).toMatchObject({ outcome: 'submitted', status: 'submitted' })
  })

  it('a field of another category, an unknown category or proof → 22023; nothing is written', async () => {
    const s = await student()
    expect(
      await code(s.claims, SAVE, [null, 'further_study', { ...FURTHER_STUDY, credit_code: 'x' }, {}, false]),
    ).toBe('22023')
    expect(await code(s.claims, SAVE, [null, 'no_such', {}, {}, false])).toBe('22023')
    expect(await code(s.claims, SAVE, [null, 'further_study', {}, { offer: [proofKey(s)] }, false])).toBe(
      '22023',
    )
    expect(await code(s.claims, SAVE, [null, 'further_study', null, {}, false])).toBe('22023')
    expect(await service('select 1 from public.destinations where student_id = $1', [s.id])).toEqual([])
  })

  it('values break their definitions → invalid with the reason of each', async () => {
    const s = await student()
    const r = await save(
      s,
      null,
      'labour_contract',
      {
        ...LABOUR_CONTRACT,
        credit_code: '123',
        contract_start: '2027-02-30',
        position: 'x'.repeat(51),
      },
      { labour_contract: [`signing-proofs/${students[0]}/00000000-0000-4000-8000-000000000000.pdf`] },
      false,
    )
    expect(r).toEqual({
      outcome: 'invalid',
      fields: {
        credit_code: 'bad_credit_code',
        contract_start: 'bad_date',
        position: 'too_long',
        labour_contract: 'not_own_upload',
      },
    })
    const sel = await save(s, null, 'further_study', { ...FURTHER_STUDY, degree: 'bachelor' }, {}, false)
    expect(sel).toEqual({ outcome: 'invalid', fields: { degree: 'not_an_option' } })
  })

  it('no approved source info → not_eligible; a second destination → exists; staff may not save', async () => {
    const s = await student({ approved: false })
    expect(await save(s, null, 'awaiting', {}, {}, false)).toEqual({
      outcome: 'not_eligible',
      reason: 'source_info_not_approved',
    })
    const t = await student()
    const first = await save(t, null, 'awaiting', {}, {}, false)
    expect(await save(t, null, 'awaiting', {}, {}, true)).toEqual({ outcome: 'exists', id: first.id })
    expect(await save(school.staff, null, 'awaiting', {}, {}, false)).toEqual({ outcome: 'forbidden' })
  })

  it('an agreement in progress → not_eligible agreement_in_progress', async () => {
    const s = await student()
    await accepted(employer, s)
    expect(await save(s, null, 'further_study', FURTHER_STUDY, furtherStudyProofs(s), true)).toEqual({
      outcome: 'not_eligible',
      reason: 'agreement_in_progress',
    })
  })
})

describe('edits and removal while unreviewed; the review', () => {
  it('a submitted one is edited (stays submitted, still complete); returned → edited → resubmitted', async () => {
    const s = await student()
    const id = await submittedStudy(s)
    expect(
      await save(
        s,
        id,
        'further_study',
        { ...FURTHER_STUDY, major: '软件工程' },
        furtherStudyProofs(s),
        false,
      ),
    ).toMatchObject({ outcome: 'saved', status: 'submitted' })
    expect(await save(s, id, 'further_study', { school: '浙江大学' }, {}, false)).toMatchObject({
      outcome: 'incomplete',
    })
    expect(
      await decideDestination(school.staff, 'destination', id, 'return', '录取通知书不清晰'),
    ).toMatchObject({
      outcome: 'decided',
      status: 'returned',
    })
    expect(await save(s, id, 'further_study', { school: '浙江大学' }, {}, false)).toMatchObject({
      outcome: 'saved',
      status: 'returned',
    })
    expect(await save(s, id, 'further_study', FURTHER_STUDY, furtherStudyProofs(s), true)).toMatchObject({
      outcome: 'submitted',
      status: 'submitted',
    })
  })

  it('the student removes an unreviewed one (ended_at set), then registers another', async () => {
    const s = await student()
    const id = await submittedStudy(s)
    expect(await call(s.claims, REMOVE, [id])).toEqual({ outcome: 'removed', status: 'removed' })
    expect((await destination(id)).ended_at).not.toBeNull()
    expect(await call(s.claims, REMOVE, [id])).toEqual({ outcome: 'not_removable', status: 'removed' })
    expect(await save(s, null, 'awaiting', {}, {}, true)).toMatchObject({ outcome: 'submitted' })
  })

  it('approval writes the employment record from the mapped fields; then no edit and no removal', async () => {
    const s = await student()
    const id = await approvedDestination(s, school.staff)
    expect(await records(s.id)).toEqual([
      {
        destination_id: id,
        status: 'active',
        employer_name: '浙江大学',
        position: '计算机科学与技术',
        work_place: '浙江省杭州市',
      },
    ])
    expect(await save(s, id, 'further_study', FURTHER_STUDY, furtherStudyProofs(s), true)).toEqual({
      outcome: 'not_editable',
      status: 'approved',
    })
    expect(await call(s.claims, REMOVE, [id])).toEqual({ outcome: 'not_removable', status: 'approved' })
    expect(await decideDestination(school.staff, 'destination', id, 'approve')).toMatchObject({
      outcome: 'not_pending',
    })
  })

  it('another student, a college reviewer of another college: not_found', async () => {
    const s = await student({ college: LANG })
    const id = await submittedStudy(s)
    const other = await student()
    expect(await call(other.claims, REMOVE, [id])).toEqual({ outcome: 'not_found' })
    expect(await decideDestination(school.csStaff, 'destination', id, 'approve')).toEqual({
      outcome: 'not_found',
    })
    expect(await decideDestination(school.staff, 'destination', id, 'approve')).toMatchObject({
      outcome: 'decided',
    })
  })

  it('no direct writes for the student', async () => {
    const s = await student()
    const id = await submittedStudy(s)
    expect(
      await code(s.claims, "update public.destinations set status = 'approved' where id = $1", [id]),
    ).toBe('42501')
    expect(await code(s.claims, 'select app.decide_destination($1, $2, null, null)', [id, 'approve'])).toBe(
      '42501',
    )
  })
})

describe('changes of an approved destination: requests', () => {
  it('a correction is checked like a submission, one pending at a time, approved into destination and record', async () => {
    const s = await student()
    const id = await approvedDestination(s, school.staff)
    expect(await call(s.claims, REQUEST, [id, 'correction', { degree: 'phd' }, '专业填错', []])).toEqual({
      outcome: 'invalid',
      fields: { degree: 'not_an_option' },
    })
    expect(await call(s.claims, REQUEST, [id, 'correction', { major: null }, '专业填错', []])).toMatchObject({
      outcome: 'incomplete',
      missing_fields: ['major'],
    })
    expect(
      await call(s.claims, REQUEST, [id, 'correction', { major: '计算机科学与技术' }, '专业', []]),
    ).toEqual({
      outcome: 'no_change',
    })
    expect(await code(s.claims, REQUEST, [id, 'correction', { credit_code: 'x' }, '专业填错', []])).toBe(
      '22023',
    )
    const r = await call(s.claims, REQUEST, [
      id,
      'correction',
      { major: '软件工程' },
      '专业填错',
      [proofKey(s)],
    ])
    expect(r).toMatchObject({ outcome: 'requested', status: 'pending' })
    expect(await call(s.claims, REQUEST, [id, 'removal', null, '改为就业', []])).toEqual({
      outcome: 'pending_exists',
      id: r.id,
    })
    expect(
      await decideDestination(school.staff, 'destination_request', String(r.id), 'approve'),
    ).toMatchObject({
      outcome: 'decided',
      status: 'approved',
    })
    expect((await destination(id)).fields.major).toBe('软件工程')
    expect((await records(s.id))[0]!.position).toBe('软件工程')
  })

  it('withdraw, reject (the destination stays), approve a removal (destination removed, record closed)', async () => {
    const s = await student()
    const id = await approvedDestination(s, school.staff)
    const a = await call(s.claims, REQUEST, [id, 'removal', null, '改为就业', []])
    expect(await call(s.claims, WITHDRAW_REQUEST, [a.id])).toEqual({
      outcome: 'withdrawn',
      status: 'withdrawn',
    })
    expect(await call(s.claims, WITHDRAW_REQUEST, [a.id])).toEqual({
      outcome: 'not_pending',
      status: 'withdrawn',
    })
    const b = await call(s.claims, REQUEST, [id, 'removal', null, '改为就业', []])
    expect(
      await decideDestination(school.staff, 'destination_request', String(b.id), 'return', '请补充材料'),
    ).toMatchObject({ outcome: 'decided', status: 'rejected' })
    expect((await destination(id)).status).toBe('approved')
    const c = await call(s.claims, REQUEST, [id, 'removal', null, '改为就业', []])
    expect(
      await decideDestination(school.staff, 'destination_request', String(c.id), 'approve'),
    ).toMatchObject({
      outcome: 'decided',
    })
    expect((await destination(id)).status).toBe('removed')
    expect((await records(s.id))[0]!.status).toBe('closed')
    expect(await save(s, null, 'awaiting', {}, {}, true)).toMatchObject({ outcome: 'submitted' })
  })

  it('requests of an unapproved destination → not_approved; of another student → not_found', async () => {
    const s = await student()
    const id = await submittedStudy(s)
    expect(await call(s.claims, REQUEST, [id, 'removal', null, '改为就业', []])).toEqual({
      outcome: 'not_approved',
      status: 'submitted',
    })
    const t = await student()
    expect(await call(t.claims, REQUEST, [id, 'removal', null, '改为就业', []])).toEqual({
      outcome: 'not_found',
    })
    expect(await code(s.claims, REQUEST, [id, 'removal', { major: 'x' }, '改为就业', []])).toBe('22023')
    expect(await code(s.claims, REQUEST, [id, 'removal', null, ' ', []])).toBe('22023')
  })
})

describe('a signing-category destination (签约类) and the signing', () => {
  it('approved labour contract → app.signing_block says destination_effective; an acceptance is refused', async () => {
    const s = await student()
    const inv = await invited(employer, s)
    await approvedDestination(s, school.staff, 'labour_contract')
    const [b] = await service<{ b: string }>('select app.signing_block($1) as b', [s.id])
    expect(b!.b).toBe('destination_effective')
    expect(await answer(s, inv, true)).toEqual({ outcome: 'not_eligible', reason: 'destination_effective' })
  })

  it('a further-study destination does not block; an agreement accepted meanwhile stops its approval', async () => {
    const s = await student()
    const id = await submittedStudy(s)
    const [b] = await service<{ b: string | null }>('select app.signing_block($1) as b', [s.id])
    expect(b!.b).toBeNull()
    await accepted(employer, s)
    expect(await decideDestination(school.staff, 'destination', id, 'approve')).toEqual({
      outcome: 'not_eligible',
      reason: 'agreement_in_progress',
    })
    expect((await destination(id)).status).toBe('submitted')
  })
})

describe('races', () => {
  it('two first submissions at once → one destination, the other exists', async () => {
    for (let round = 0; round < 20; round++) {
      const s = await student()
      const results = await Promise.all([
        save(s, null, 'further_study', FURTHER_STUDY, furtherStudyProofs(s), true),
        save(s, null, 'labour_contract', LABOUR_CONTRACT, labourProofs(s), true),
      ])
      expect(results.map((r) => r.outcome).sort()).toEqual(['exists', 'submitted'])
      expect(await service('select 1 from public.destinations where student_id = $1', [s.id])).toHaveLength(1)
    }
  })

  it('forced overlap: the second waits on the student lock, then sees the first', async () => {
    const s = await student()
    const first = await begun(s.claims, SAVE, [null, 'awaiting', {}, {}, true])
    const second = save(s, null, 'awaiting', {}, {}, true)
    await someoneWaits()
    await first.commit()
    expect(await second).toMatchObject({ outcome: 'exists' })
  })
})

describe('the audit trail', () => {
  it('every review_log row of these tests is a step of app.signing_transitions', async () => {
    const bad = await service(
      `select l.kind, l.action, l.from_status, l.to_status, l.actor_role from public.review_log l
       where l.student_id = any ($1::uuid[]) and l.kind in ('destination', 'destination_request')
         and not exists (select 1 from app.signing_transitions t
           where t.kind = l.kind and t.from_status = coalesce(l.from_status, 'new') and t.action = l.action
             and t.actor = l.actor_role and t.to_status = l.to_status)`,
      [students],
    )
    expect(bad).toEqual([])
    expect(CS).toBeTruthy()
  })
})
