/**
 * Test data of the applications flow, made through the service path as system jobs would: job
 * posts, online resumes, privacy settings, and (for the RLS matrices) one shared set of
 * applications, snapshots, interviews and invitations in the matrix world.
 */
import { randomUUID } from 'node:crypto'
import { type Db, withServiceTx } from '../../api/_lib/db/tx'
import type { Row } from '../rls/spec'
import type { World } from '../rls/world'

/** A resume content at exactly 60 %: the three sections every resume shows, filled in. */
export function completeContent(name = '张三', phone = '13800138000'): Record<string, unknown> {
  return {
    personal: { name, gender: 'male', phone, email: 'zhangsan@example.com', city: '北京' },
    intention: { position: '前端工程师', cities: ['北京', '上海'] },
    education: [
      { school: '北京大学', major: '计算机科学与技术', degree: 'bachelor', start: '2022-09', end: '2026-06' },
    ],
  }
}

/** 60 % short of the education section: 35 % */
export function incompleteContent(name = '李四'): Record<string, unknown> {
  const c = completeContent(name)
  delete c.education
  return c
}

export interface JobOpts {
  status?: 'draft' | 'published' | 'closed'
  title?: string
  /** days from today (China date); negative = past */
  deadlineDays?: number
}

export async function insertJob(db: Db, companyId: string, opts: JobOpts = {}): Promise<string> {
  const status = opts.status ?? 'published'
  const { rows } = await db.query<{ id: string }>(
    `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max, nature,
       description, deadline, status, published_at, closed_at)
     values ($1, $2, 'tech', 'internet', array['北京'], 8000, 12000, 'full_time', '岗位职责……',
       (now() at time zone 'Asia/Shanghai')::date + $3::int, $4,
       case when $4 <> 'draft' then now() end, case when $4 = 'closed' then now() end)
     returning id`,
    [companyId, opts.title ?? `前端工程师${randomUUID().slice(0, 4)}`, opts.deadlineDays ?? 30, status],
  )
  return rows[0]!.id
}

export function makeJob(companyId: string, opts: JobOpts = {}): Promise<string> {
  return withServiceTx('test fixture', (db) => insertJob(db, companyId, opts))
}

/** The user's online resume in `lang` with this content (replaced if it exists). */
export async function upsertResume(
  db: Db,
  userId: string,
  content: Record<string, unknown>,
  lang: 'zh' | 'en' = 'zh',
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into public.resumes (user_id, lang, content) values ($1, $2, $3)
     on conflict (user_id, lang) do update set content = excluded.content
     returning id`,
    [userId, lang, content],
  )
  return rows[0]!.id
}

export function makeResume(
  userId: string,
  content: Record<string, unknown> = completeContent(),
  lang: 'zh' | 'en' = 'zh',
): Promise<string> {
  return withServiceTx('test fixture', (db) => upsertResume(db, userId, content, lang))
}

export function setPrivacy(
  userId: string,
  p: { searchable?: boolean; phoneVisible?: boolean },
): Promise<void> {
  return withServiceTx('test fixture', async (db) => {
    await db.query(
      `insert into public.privacy_settings (user_id, resume_searchable, phone_visible) values ($1, $2, $3)
       on conflict (user_id) do update set resume_searchable = excluded.resume_searchable,
         phone_visible = excluded.phone_visible`,
      [userId, p.searchable ?? false, p.phoneVisible ?? false],
    )
  })
}

export function makeAttachment(userId: string, fileName = '我的简历.pdf'): Promise<string> {
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.resume_attachments (user_id, file_name, storage_path, size_bytes)
       values ($1, $2, $3, 1234) returning id`,
      [userId, fileName, `resumes/${userId}/${randomUUID()}.pdf`],
    )
    return rows[0]!.id
  })
}

/** An application with its snapshot, written directly (the matrices' fixed rows). */
async function insertApplication(
  db: Db,
  a: { jobId: string; companyId: string; studentId: string; status?: string },
): Promise<string> {
  const status = a.status ?? 'submitted'
  const { rows } = await db.query<{ id: string }>(
    `insert into public.applications (job_id, company_id, student_id, status, viewed_at, interview_at, withdrawn_at)
     values ($1, $2, $3, $4, case when $4 in ('viewed', 'interview') then now() end,
       case when $4 = 'interview' then now() end, case when $4 = 'withdrawn' then now() end)
     returning id`,
    [a.jobId, a.companyId, a.studentId, status],
  )
  const id = rows[0]!.id
  await db.query(
    `insert into public.resume_snapshots (application_id, company_id, student_id, lang, content, completeness)
     values ($1, $2, $3, 'zh', $4, 60)`,
    [id, a.companyId, a.studentId, completeContent('矩阵学生')],
  )
  return id
}

/**
 * The rows both RLS matrices (tables and functions) use, made once per world:
 *   jobs   jobA, jobA2, jobA3 (company A, published; A is unverified) · jobADraft · jobB (company B)
 *          · jobV (company V, verified, published) · jobClosed (company V, closed)
 *   resume the student's zh resume, complete (60 %)
 *   apps   appA (student → jobA, submitted) · appIv (student → jobA2, interview) · appA2
 *          (studentA2 → jobA) · appB (studentB1 → jobB) · appWithdrawn (student → jobA3, withdrawn)
 *   ivA    appIv's interview, invited, in two days · ivB (appB's, company B)
 *   invV   company V invites the student to jobV (pending) · invB (company B → studentB1, jobB)
 */
const made = new WeakMap<World, Promise<Record<string, Row>>>()
const resolved = new WeakMap<World, Record<string, Row>>()

/** The ids seedApplicationsWorld made for this world (after it ran): for a case's values. */
export function worldIds(w: World): Record<string, string> {
  const r = resolved.get(w)
  if (!r) throw new Error('seedApplicationsWorld has not run for this world')
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.id as string]))
}

export function seedApplicationsWorld(db: Db, w: World): Promise<Record<string, Row>> {
  let p = made.get(w)
  if (!p) {
    p = (async () => {
      const jobA = await insertJob(db, w.companies.a)
      const jobA2 = await insertJob(db, w.companies.a)
      const jobA3 = await insertJob(db, w.companies.a)
      const jobADraft = await insertJob(db, w.companies.a, { status: 'draft' })
      const jobB = await insertJob(db, w.companies.b)
      const jobV = await insertJob(db, w.companies.v)
      const jobClosed = await insertJob(db, w.companies.v, { status: 'closed' })
      const resume = await upsertResume(db, w.users.student.id, completeContent('矩阵学生'))
      const student = w.users.student.id
      const appA = await insertApplication(db, { jobId: jobA, companyId: w.companies.a, studentId: student })
      const appIv = await insertApplication(db, {
        jobId: jobA2,
        companyId: w.companies.a,
        studentId: student,
        status: 'interview',
      })
      const appA2 = await insertApplication(db, {
        jobId: jobA,
        companyId: w.companies.a,
        studentId: w.users.studentA2.id,
      })
      const appB = await insertApplication(db, {
        jobId: jobB,
        companyId: w.companies.b,
        studentId: w.users.studentB1.id,
      })
      const appWithdrawn = await insertApplication(db, {
        jobId: jobA3,
        companyId: w.companies.a,
        studentId: student,
        status: 'withdrawn',
      })
      const interview = async (app: string, job: string, company: string, studentId: string) => {
        const { rows } = await db.query<{ id: string }>(
          `insert into public.interviews (application_id, company_id, student_id, job_id, mode, video_url,
             starts_at, contact)
           values ($1, $2, $3, $4, 'video', 'https://meet.example.com/room', now() + interval '2 days', '王经理')
           returning id`,
          [app, company, studentId, job],
        )
        return rows[0]!.id
      }
      const ivA = await interview(appIv, jobA2, w.companies.a, student)
      const ivB = await interview(appB, jobB, w.companies.b, w.users.studentB1.id)
      const invite = async (job: string, company: string, studentId: string) => {
        const { rows } = await db.query<{ id: string }>(
          `insert into public.job_invites (job_id, company_id, student_id, student_name)
           values ($1, $2, $3, '矩阵学生') returning id`,
          [job, company, studentId],
        )
        return rows[0]!.id
      }
      const invV = await invite(jobV, w.companies.v, student)
      const invB = await invite(jobB, w.companies.b, w.users.studentB1.id)
      const ids = {
        jobA,
        jobA2,
        jobA3,
        jobADraft,
        jobB,
        jobV,
        jobClosed,
        resume,
        appA,
        appIv,
        appA2,
        appB,
        appWithdrawn,
        ivA,
        ivB,
        invV,
        invB,
      }
      const out = Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, { id }]))
      resolved.set(w, out)
      return out
    })()
    made.set(w, p)
  }
  return p
}
