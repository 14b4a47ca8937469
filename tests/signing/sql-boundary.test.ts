/**
 * The signing tables' boundary as the Data API would meet it: straight SQL with each party's
 * claims. No user role moves a status column, writes an employment record, or calls the internal
 * functions; an employer reaches only its company's agreements; only school staff decide, within
 * their scope; and the unique partial index holds one in-progress agreement per student even on
 * the service path.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../support/fixtures'
import {
  AMEND,
  accepted,
  type Claims,
  CONFIRM,
  call,
  code,
  decide,
  type Employer,
  employmentOf,
  invited,
  LANG,
  makeEmployer,
  makeSigningSchool,
  makeSigningStudent,
  service,
  statusOf,
} from './support'

let school: Awaited<ReturnType<typeof makeSigningSchool>>
let employer: Employer
let employerB: Employer
let student: TestUser
let agreement: string
let invitation: string
let parties: [string, Claims][]

const snapshot = (id: string) =>
  service<Record<string, unknown>>(
    'select status, salary_monthly, decided_by, decided_at, updated_at from public.agreements where id = $1',
    [id],
  )

beforeAll(async () => {
  school = await makeSigningSchool()
  employer = await makeEmployer()
  employerB = await makeEmployer()
  student = await makeSigningStudent(school)
  agreement = await accepted(employer, student)
  invitation = await invited(employerB, student)
  parties = [
    ['student', student.claims],
    ['employer', employer.claims],
    ['school staff', school.staff.claims],
    ['college staff', school.csStaff.claims],
  ]
})

describe('direct writes are refused (42501) for every party', () => {
  it('agreements.status and signing_invitations.status cannot be set', async () => {
    const before = await snapshot(agreement)
    for (const [who, claims] of parties) {
      expect(
        await code(claims, "update public.agreements set status = 'approved' where id = $1", [agreement]),
        who,
      ).toBe('42501')
      expect(
        await code(claims, "update public.signing_invitations set status = 'accepted' where id = $1", [
          invitation,
        ]),
        who,
      ).toBe('42501')
      expect(
        await code(
          claims,
          "update public.signing_invitations set reply_by = now() + interval '60 days' where id = $1",
          [invitation],
        ),
        who,
      ).toBe('42501')
      expect(await code(claims, 'delete from public.agreements where id = $1', [agreement]), who).toBe(
        '42501',
      )
    }
    expect(await snapshot(agreement)).toEqual(before)
    expect(await statusOf('signing_invitations', invitation)).toBe('pending')
  })

  it('no employment record can be inserted', async () => {
    for (const [who, claims] of parties) {
      expect(
        await code(
          claims,
          `insert into public.employment_records (student_id, agreement_id, school_id, college, employer_name, position, work_place)
           values ($1, $2, $3, '计算机学院', '某公司', '工程师', '北京市')`,
          [student.id, agreement, school.id],
        ),
        who,
      ).toBe('42501')
    }
    expect(await employmentOf(student.id)).toEqual([])
  })

  it('app.decide_agreement and app.signing_block are not callable', async () => {
    for (const [who, claims] of parties) {
      expect(
        await code(claims, "select app.decide_agreement($1, 'approve', null, '{}')", [agreement]),
        who,
      ).toBe('42501')
      expect(await code(claims, 'select app.signing_block($1)', [student.id]), who).toBe('42501')
      expect(
        await code(
          claims,
          "select app.signing_next('agreement', 'pending_review', 'approve', 'school_staff')",
        ),
        who,
      ).toBe('42501')
      expect(await code(claims, 'select * from app.signing_transitions'), who).toBe('42501')
    }
    expect(await statusOf('agreements', agreement)).toBe('pending_review')
  })
})

describe('functions keep to the caller’s scope', () => {
  it('an employer cannot amend another company’s agreement (not_found)', async () => {
    const before = await snapshot(agreement)
    expect(await call(employerB.claims, AMEND, [agreement, { salary_monthly: 20000 }])).toEqual({
      outcome: 'not_found',
    })
    expect(await snapshot(agreement)).toEqual(before)
  })

  it('a token claiming another company does not help (the company comes from the database)', async () => {
    const forged = { ...employerB.claims, company_id: employer.companyId }
    expect(await call(forged, AMEND, [agreement, { salary_monthly: 20000 }])).toEqual({
      outcome: 'not_found',
    })
  })

  it('the employer cannot confirm for the student, nor the student amend', async () => {
    expect(await call(employer.claims, CONFIRM, [agreement])).toEqual({ outcome: 'not_found' })
    expect(await call(student.claims, AMEND, [agreement, { salary_monthly: 20000 }])).toEqual({
      outcome: 'not_found',
    })
  })

  it('an employer or a student cannot decide through app.decide_review (forbidden)', async () => {
    expect(await decide(employer as TestUser, agreement, 'approve')).toEqual({ outcome: 'forbidden' })
    expect(await decide(student, agreement, 'approve')).toEqual({ outcome: 'forbidden' })
    expect(await statusOf('agreements', agreement)).toBe('pending_review')
    expect(await employmentOf(student.id)).toEqual([])
  })

  it('a college reviewer cannot decide another college’s agreement (not_found; nothing changed)', async () => {
    const lang = await makeSigningStudent(school, { college: LANG })
    const id = await accepted(employer, lang)
    const before = await snapshot(id)
    expect(await decide(school.csStaff, id, 'approve')).toEqual({ outcome: 'not_found' })
    expect(await decide(school.csStaff, id, 'return', '理由')).toEqual({ outcome: 'not_found' })
    expect(await snapshot(id)).toEqual(before)
    expect(await employmentOf(lang.id)).toEqual([])
    const log = await service(
      "select 1 from public.review_log where item_id = $1 and action in ('approve', 'return')",
      [id],
    )
    expect(log).toEqual([])
  })

  it('a reviewer of another school finds nothing', async () => {
    const other = await makeSigningSchool()
    expect(await decide(other.staff, agreement, 'approve')).toEqual({ outcome: 'not_found' })
    expect(await statusOf('agreements', agreement)).toBe('pending_review')
  })
})

describe('the unique partial index agreements_one_in_progress', () => {
  it('refuses a second in-progress agreement even on the service path (23505)', async () => {
    let caught = ''
    try {
      await service(
        `insert into public.agreements (number, kind, student_id, school_id, college, employer_name, position,
           contract_years, salary_monthly, work_place, takes_archive, archive_to, takes_hukou, hukou_to, status,
           credit_code, scan_keys)
         select 'JY-2026-0000FFFF', 'offline', student_id, school_id, college, '另一家公司', '工程师',
           3, 10000, '上海市', false, '生源地人才中心', false, '生源地派出所', 'pending_review',
           '91310000MA1FL0000X', array['signing-proofs/' || student_id || '/scan.pdf']
         from public.agreements where id = $1`,
        [agreement],
      )
    } catch (err) {
      const e = err as { code?: string; cause?: { code?: string; constraint?: string } }
      caught = `${e.cause?.code ?? e.code} ${e.cause?.constraint ?? ''}`.trim()
    }
    expect(caught).toBe('23505 agreements_one_in_progress')
    const rows = await service('select id from public.agreements where student_id = $1', [student.id])
    expect(rows).toHaveLength(1)
  })
})
