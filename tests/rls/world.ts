/**
 * The one shared world every table entry of the RLS matrix is checked against: two schools, each
 * with two colleges' worth of roster records, bound and unbound students, three companies, and one
 * user per role (plus the "other" users the cross-school / cross-company cases aim at).
 * Made once per test file through the service path, as system jobs would.
 */
import type { AccessClaims } from '../../api/_lib/auth/jwt'
import { type Db, type DbClaims, withServiceTx } from '../../api/_lib/db/tx'
import { seedApplicationsWorld } from '../applications/fixtures'
import { makeCompany, makeSchool, makeUser } from '../support/fixtures'
import { makeRosterEntry } from '../support/roster-fixtures'

/**
 * Who acts. Every table entry states, for each of these, what each operation does.
 * - student: bound to roster a1 (school A, college CS)
 * - applicant: a student with no school yet (unbound), with a pending manual review at school A
 * - employer: member of company A (unverified)
 * - schoolStaff: school-level staff of school A (college null)
 * - collegeStaff: college-level staff of school A, college CS
 * - fairStaff: fair staff of no particular school, assigned to school A's published event
 * - admin: platform admin
 */
export const ACTORS = [
  'anon',
  'student',
  'applicant',
  'employer',
  'schoolStaff',
  'collegeStaff',
  'fairStaff',
  'admin',
] as const
export type Actor = (typeof ACTORS)[number]

/** Every user of the world: the acting ones plus the "others" the cross-scope cases target. */
export const USERS = [
  'student', // school A, college CS, bound to roster a1
  'studentA2', // school A, college Lang, bound to roster a2
  'studentB1', // school B, bound to roster b1
  'applicant', // no school; pending review at school A
  'applicantB', // no school; pending review at school B
  'applicantNull', // no school; pending review with no school (platform reviews it)
  'employer', // company A
  'employerB', // company B
  'schoolStaff', // school A, school level
  'collegeStaff', // school A, college CS
  'staffB', // school B, school level
  'fairStaff', // no school; assigned to event a
  'fairStaffB', // school B; assigned to event b
  'admin',
] as const
export type UserLabel = (typeof USERS)[number]

export const COLLEGE_CS = '计算机学院'
export const COLLEGE_LANG = '外国语学院'

export interface World {
  schools: { a: string; b: string }
  /** a: employer's own, unverified; b: another company, unverified; v: verified (public to users) */
  companies: { a: string; b: string; v: string }
  users: Record<UserLabel, { id: string; claims: AccessClaims }>
  /** a1 CS bound(student) · a2 Lang bound(studentA2) · a3 CS free · a4 Lang free · b1 bound(studentB1) · b2 free */
  roster: Record<'a1' | 'a2' | 'a3' | 'a4' | 'b1' | 'b2', string>
  /** a: school A published · aDraft: school A draft · b: school B published */
  events: { a: string; aDraft: string; b: string }
}

export function claimsOf(w: World, actor: Actor): DbClaims | null {
  return actor === 'anon' ? null : w.users[actor].claims
}

export function userIdOf(w: World, actor: Actor): string | null {
  return actor === 'anon' ? null : w.users[actor].id
}

async function makeEvent(schoolId: string, status: 'draft' | 'published'): Promise<string> {
  return withServiceTx('rls matrix world', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.events (school_id, kind, mode, title, venue, starts_at, ends_at, status)
       values ($1, 'fair', 'onsite', '双选会', '体育馆', now() + interval '7 days', now() + interval '7 days 3 hours', $2)
       returning id`,
      [schoolId, status],
    )
    return rows[0]!.id
  })
}

export async function seedWorld(): Promise<World> {
  const [a, b] = [await makeSchool('矩阵甲大学'), await makeSchool('矩阵乙大学')]
  const companies = { a: await makeCompany(false), b: await makeCompany(false), v: await makeCompany(true) }

  const spec: Record<
    UserLabel,
    {
      role: 'student' | 'employer' | 'school_staff' | 'fair_staff' | 'platform_admin'
      schoolId?: string
      companyId?: string
    }
  > = {
    student: { role: 'student', schoolId: a },
    studentA2: { role: 'student', schoolId: a },
    studentB1: { role: 'student', schoolId: b },
    applicant: { role: 'student' },
    applicantB: { role: 'student' },
    applicantNull: { role: 'student' },
    employer: { role: 'employer', companyId: companies.a },
    employerB: { role: 'employer', companyId: companies.b },
    schoolStaff: { role: 'school_staff', schoolId: a },
    collegeStaff: { role: 'school_staff', schoolId: a },
    staffB: { role: 'school_staff', schoolId: b },
    fairStaff: { role: 'fair_staff' },
    fairStaffB: { role: 'fair_staff', schoolId: b },
    admin: { role: 'platform_admin' },
  }
  const users = {} as World['users']
  for (const label of USERS) {
    const s = spec[label]
    const u = await makeUser({ role: s.role, schoolId: s.schoolId ?? null, companyId: s.companyId ?? null })
    users[label] = { id: u.id, claims: u.claims }
  }

  const roster = {
    a1: (await makeRosterEntry(a, { college: COLLEGE_CS, name: '甲一' })).id,
    a2: (await makeRosterEntry(a, { college: COLLEGE_LANG, name: '甲二' })).id,
    a3: (await makeRosterEntry(a, { college: COLLEGE_CS, name: '甲三' })).id,
    a4: (await makeRosterEntry(a, { college: COLLEGE_LANG, name: '甲四' })).id,
    b1: (await makeRosterEntry(b, { college: COLLEGE_CS, name: '乙一' })).id,
    b2: (await makeRosterEntry(b, { college: COLLEGE_CS, name: '乙二' })).id,
  }

  await withServiceTx('rls matrix world', async (db) => {
    // college-level staff: the college lives on the user row (claims carry no college)
    await db.query('update public.app_users set college = $2 where id = $1', [
      users.collegeStaff.id,
      COLLEGE_CS,
    ])
    const bind = [
      [roster.a1, users.student.id],
      [roster.a2, users.studentA2.id],
      [roster.b1, users.studentB1.id],
    ]
    for (const [entry, user] of bind) {
      await db.query('update public.roster_entries set bound_user_id = $2, bound_at = now() where id = $1', [
        entry,
        user,
      ])
      await db.query('update public.app_users set verified_at = now() where id = $1', [user])
    }
  })

  const events = {
    a: await makeEvent(a, 'published'),
    aDraft: await makeEvent(a, 'draft'),
    b: await makeEvent(b, 'published'),
  }
  await withServiceTx('rls matrix world', async (db) => {
    await db.query('insert into public.event_staff (event_id, user_id) values ($1, $2), ($3, $4)', [
      events.a,
      users.fairStaff.id,
      events.b,
      users.fairStaffB.id,
    ])
  })

  return { schools: { a, b }, companies, users, roster, events }
}

// ================================================================ the review flow's records
/** The three bound students' labels in the review flow: own = student (A, CS), a2 = studentA2 (A, Lang), b1 = studentB1 (B). */
export const REVIEW_LABELS = ['own', 'a2', 'b1'] as const
export type ReviewLabel = (typeof REVIEW_LABELS)[number]
const REVIEW_STUDENT: Record<ReviewLabel, UserLabel> = { own: 'student', a2: 'studentA2', b1: 'studentB1' }
const REVIEW_DECIDER: Record<ReviewLabel, UserLabel> = { own: 'schoolStaff', a2: 'schoolStaff', b1: 'staffB' }

/** Editable fields that complete a source-info record (as tests/support/procedures-fixtures.ts). */
export const SOURCE_FIELDS = {
  origin: '浙江省杭州市西湖区',
  political_status: 'league_member',
  ethnicity: '汉族',
  phone: '13800138000',
  email: 'student@example.com',
  home_address: '浙江省杭州市西湖区文三路 100 号',
  family_contact: '张父',
  family_contact_phone: '13900139000',
  difficulty: 'none',
} as const

/** A complete recommendation form. */
export const RECOMMENDATION_FIELDS = {
  health: '健康',
  education: [{ from: '2023-09', to: '2027-06', school: '矩阵甲大学', role: '学生' }],
  positions: '班长',
  awards: '校一等奖学金',
  self_evaluation: '踏实肯干，乐于学习，善于与人合作，能吃苦耐劳。',
} as const

/**
 * Per bound student (own, a2, b1): the source info (submitted by the student, approved by
 * school-level staff of their school), one pending correction (qq → 123456789) and a submitted
 * recommendation form; `log` is the source info's approval row of review_log.
 */
export interface ReviewWorld {
  source: Record<ReviewLabel, string>
  correction: Record<ReviewLabel, string>
  recommendation: Record<ReviewLabel, string>
  log: Record<ReviewLabel, string>
}

/** Runs `sql` as `claims` (role authenticated) inside a service transaction, then back to the service role. */
async function asUserIn(db: Db, claims: DbClaims, sql: string, params: unknown[]): Promise<unknown> {
  await db.query(
    "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
    [JSON.stringify(claims)],
  )
  const { rows } = await db.query<{ r: unknown }>(sql, params)
  await db.query(
    "select set_config('role', 'service_role', true), set_config('request.jwt.claims', $1, true)",
    [JSON.stringify({ role: 'service_role' })],
  )
  return rows[0]?.r
}

const reviewWorlds = new WeakMap<World, Promise<ReviewWorld>>()

/** The review flow's records, made once per world through the users' own functions (memoised). */
export function seedReviewWorld(db: Db, w: World): Promise<ReviewWorld> {
  let p = reviewWorlds.get(w)
  if (!p) {
    p = (async () => {
      const out: ReviewWorld = { source: {}, correction: {}, recommendation: {}, log: {} } as ReviewWorld
      for (const label of REVIEW_LABELS) {
        const student = w.users[REVIEW_STUDENT[label]]
        const decider = w.users[REVIEW_DECIDER[label]]
        const expect = (got: unknown, outcome: string) => {
          if ((got as { outcome?: string })?.outcome !== outcome)
            throw new Error(`review world (${label}): expected ${outcome}, got ${JSON.stringify(got)}`)
          return got as Record<string, unknown>
        }
        expect(
          await asUserIn(db, student.claims, 'select app.save_source_info($1, true) as r', [SOURCE_FIELDS]),
          'submitted',
        )
        const { rows } = await db.query<{ id: string }>(
          'select id from public.source_infos where student_id = $1',
          [student.id],
        )
        out.source[label] = rows[0]!.id
        expect(
          await asUserIn(
            db,
            decider.claims,
            "select app.decide_review('source_info', $1, 'approve', null, null) as r",
            [out.source[label]],
          ),
          'decided',
        )
        const filed = expect(
          await asUserIn(db, student.claims, "select app.file_correction($1, '号码填错了', '{}') as r", [
            { qq: '123456789' },
          ]),
          'filed',
        )
        out.correction[label] = String(filed.id)
        expect(
          await asUserIn(db, student.claims, 'select app.save_recommendation($1, true) as r', [
            JSON.stringify(RECOMMENDATION_FIELDS),
          ]),
          'submitted',
        )
        const { rows: forms } = await db.query<{ id: string }>(
          'select id from public.recommendation_forms where student_id = $1',
          [student.id],
        )
        out.recommendation[label] = forms[0]!.id
        const { rows: log } = await db.query<{ id: string }>(
          "select id::text from public.review_log where item_id = $1 and action = 'approve'",
          [out.source[label]],
        )
        out.log[label] = log[0]!.id
      }
      return out
    })()
    reviewWorlds.set(w, p)
  }
  return p
}

// ================================================================ the signing flow's records
/** Terms of an invitation the employer takes the archive and the hukou with (no details asked of the student). */
export function signingTerms(o: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    position: '前端工程师',
    contract_years: 3,
    salary_monthly: 12000,
    work_place: '北京市海淀区',
    reply_by: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
    takes_archive: true,
    archive_to: '北京市海淀区人才服务中心',
    takes_hukou: true,
    hukou_to: '北京市公安局海淀分局',
    ...o,
  }
}

/**
 * The signing flow's records, made once per world through the users' own functions (memoised), on
 * top of the review world (approved source infos) and the applications world (appA: student → A,
 * appA2: studentA2 → A, appB: studentB1 → B). Companies A and B are verified only while they send
 * (the world's A and B stay unverified).
 *   invitation  own (A → student, accepted) · ownPending (A → student, pending, sent afterwards)
 *               · a2 (A → studentA2, accepted) · b1 (B → studentB1, accepted)
 *   agreement   own (student, A, approved by schoolStaff) · a2 (studentA2, A, approved by schoolStaff)
 *               · b1 (studentB1, B, approved by staffB)
 *   employment  own · a2 · b1 (one per approved agreement)
 */
export interface SigningWorld {
  invitation: Record<ReviewLabel | 'ownPending', string>
  agreement: Record<ReviewLabel, string>
  employment: Record<ReviewLabel, string>
}

const signingWorlds = new WeakMap<World, Promise<SigningWorld>>()

export function seedSigningWorld(db: Db, w: World): Promise<SigningWorld> {
  let p = signingWorlds.get(w)
  if (!p) {
    p = (async () => {
      await seedReviewWorld(db, w)
      // an employer invites a student who applied to one of its jobs
      await seedApplicationsWorld(db, w)
      const expect = (got: unknown, outcome: string, what: string) => {
        if ((got as { outcome?: string })?.outcome !== outcome)
          throw new Error(`signing world (${what}): expected ${outcome}, got ${JSON.stringify(got)}`)
        return got as Record<string, unknown>
      }
      const verify = (on: boolean) =>
        db.query('update public.companies set verified = $3 where id in ($1, $2)', [
          w.companies.a,
          w.companies.b,
          on,
        ])
      const SENDER: Record<ReviewLabel, UserLabel> = { own: 'employer', a2: 'employer', b1: 'employerB' }
      const send = async (sender: UserLabel, student: UserLabel, what: string) =>
        String(
          expect(
            await asUserIn(db, w.users[sender].claims, 'select app.send_signing_invitation($1, $2) as r', [
              w.users[student].id,
              signingTerms(),
            ]),
            'sent',
            what,
          ).id,
        )
      const out = { invitation: {}, agreement: {}, employment: {} } as SigningWorld
      await verify(true)
      for (const label of REVIEW_LABELS) {
        out.invitation[label] = await send(SENDER[label], REVIEW_STUDENT[label], label)
        const accepted = expect(
          await asUserIn(
            db,
            w.users[REVIEW_STUDENT[label]].claims,
            "select app.answer_signing_invitation($1, true, '{}') as r",
            [out.invitation[label]],
          ),
          'accepted',
          label,
        )
        out.agreement[label] = String(accepted.agreement_id)
      }
      out.invitation.ownPending = await send('employer', 'student', 'ownPending')
      await verify(false)
      for (const label of REVIEW_LABELS) {
        expect(
          await asUserIn(
            db,
            w.users[REVIEW_DECIDER[label]].claims,
            "select app.decide_review('agreement', $1, 'approve', null, null) as r",
            [out.agreement[label]],
          ),
          'decided',
          `approve ${label}`,
        )
        const { rows } = await db.query<{ id: string }>(
          'select id from public.employment_records where agreement_id = $1',
          [out.agreement[label]],
        )
        out.employment[label] = rows[0]!.id
      }
      return out
    })()
    signingWorlds.set(w, p)
  }
  return p
}
