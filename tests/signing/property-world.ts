/**
 * The world of the signing property test (tests/signing/property.test.ts) and what it reads back:
 * two approved students of one school who applied to both companies' jobs, two verified employers,
 * the school's two reviewers, all signed in; and a snapshot of every signing row of the students,
 * read with the service role after each step.
 */
import { withServiceTx } from '../../api/_lib/db/tx'
import { loginAs, makeSchool, type TestUser } from '../support/fixtures'
import { makeReviewer } from '../support/procedures-fixtures'
import { applied, type Employer, makeEmployer, makeSigningSchool, makeSigningStudent } from './support'

export interface Actor {
  user: TestUser
  token: string
  /** review_log's actor_role of this actor's steps */
  role: 'student' | 'employer' | 'school_staff'
}
export interface EmployerActor extends Actor {
  companyId: string
}
export interface World {
  students: [Actor, Actor]
  employers: [EmployerActor, EmployerActor]
  /** the school-level reviewer and the students' college reviewer */
  staff: [Actor, Actor]
  /** a reviewer of another school: never in scope */
  foreignStaff: Actor
}

const signIn = async (base: string, user: TestUser, role: Actor['role']): Promise<Actor> => ({
  user,
  token: await loginAs(base, user),
  role,
})

/** A reviewer of a school of their own, shared by the runs (no run's rows are in their scope). */
export async function makeForeignStaff(base: string): Promise<Actor> {
  return signIn(base, await makeReviewer(await makeSchool()), 'school_staff')
}

export async function makeWorld(base: string, foreignStaff: Actor): Promise<World> {
  const [school, e0, e1] = await Promise.all([makeSigningSchool(), makeEmployer(), makeEmployer()])
  const [s0, s1] = await Promise.all([makeSigningStudent(school), makeSigningStudent(school)])
  const emp = async (e: Employer): Promise<EmployerActor> => ({
    ...(await signIn(base, e, 'employer')),
    companyId: e.companyId,
  })
  const [students, employers, staff] = await Promise.all([
    Promise.all([signIn(base, s0, 'student'), signIn(base, s1, 'student')]),
    Promise.all([emp(e0), emp(e1)]),
    Promise.all([signIn(base, school.staff, 'school_staff'), signIn(base, school.csStaff, 'school_staff')]),
    ...[s0, s1].flatMap((s) => [e0, e1].map((e) => applied(s, e.companyId))),
  ])
  return { students, employers, staff, foreignStaff }
}

export type Row = Record<string, unknown> & { id: string; status: string }
export interface LogRow {
  id: string
  kind: string
  item_id: string
  actor_id: string | null
  actor_role: string
  action: string
  from_status: string | null
  to_status: string
}
export interface Snapshot {
  invitation: Row[]
  agreement: Row[]
  termination: Row[]
  employment: Row[]
  log: LogRow[]
}
/** The tables whose rows carry an audited status, by review_log kind. */
export const AUDITED = {
  invitation: 'signing_invitations',
  agreement: 'agreements',
  termination: 'terminations',
} as const
export type AuditedKind = keyof typeof AUDITED

/** Every row (all columns, as JSON) of the world's students, newest first; their whole review log. */
export async function snapshot(w: World): Promise<Snapshot> {
  const ids = w.students.map((s) => s.user.id)
  return withServiceTx('test: property snapshot', async (db) => {
    const rows = async (table: string) =>
      (
        await db.query<{ r: Row }>(
          `select to_jsonb(t) as r from public.${table} t where student_id = any($1::uuid[])
           order by created_at desc, id`,
          [ids],
        )
      ).rows.map((x) => x.r)
    const log = await db.query<LogRow>(
      `select id::text, kind, item_id, actor_id, actor_role, action, from_status, to_status
       from public.review_log l where student_id = any($1::uuid[]) order by l.id`,
      [ids],
    )
    return {
      invitation: await rows(AUDITED.invitation),
      agreement: await rows(AUDITED.agreement),
      termination: await rows(AUDITED.termination),
      employment: await rows('employment_records'),
      log: log.rows,
    }
  })
}

/** app.signing_transitions as "kind|from|action|actor" → to (read once, with the service role). */
export async function transitions(): Promise<Map<string, string>> {
  return withServiceTx('test: property transitions', async (db) => {
    const { rows } = await db.query<Record<string, string>>(
      'select kind, from_status, action, actor, to_status from app.signing_transitions',
    )
    return new Map(rows.map((t) => [`${t.kind}|${t.from_status}|${t.action}|${t.actor}`, t.to_status!]))
  })
}
