import { resumeMissing } from '../../../src/contracts/resume-completeness'
import {
  type EducationDegree,
  type ResumeAttachment,
  type ResumeContent,
  type ResumeDetail,
  type ResumeLang,
  type ResumeListResponse,
  type ResumeSummary,
  readStoredContent,
  SetDefaultOutcome,
  type SetDefaultResponse,
} from '../../../src/contracts/resumes'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'

interface ResumeRow {
  id: string
  lang: ResumeLang
  title: string
  is_default: boolean
  completeness: number
  content: unknown
  updated_at: Date
}

const COLUMNS = 'id, lang, title, is_default, completeness, content, updated_at'

/**
 * The stored completeness is the database's (a generated column); the missing items come from the
 * shared rule on the same content, which the twin test keeps equal to app.resume_missing.
 */
function toSummary(r: ResumeRow): ResumeSummary {
  return {
    id: r.id,
    lang: r.lang,
    title: r.title,
    isDefault: r.is_default,
    completeness: r.completeness,
    missing: resumeMissing(r.content),
    updatedAt: r.updated_at.toISOString(),
  }
}

function toDetail(r: ResumeRow): ResumeDetail {
  return { ...toSummary(r), content: readStoredContent(r.content) }
}

async function requireStudent(db: Db): Promise<void> {
  const { rows } = await db.query<{ role: string | null }>('select app.my_role() as role')
  if (rows[0]?.role !== 'student') throw new AppError('forbidden', '只有学生账号可以管理简历')
}

function notFound(): AppError {
  return new AppError('not_found', '简历不存在或已删除', { details: { target: 'resume' } })
}

/** The caller's online resumes (zh, then en) and live attachments (newest first). */
export async function listResumes(db: Db): Promise<ResumeListResponse> {
  await requireStudent(db)
  const r = await db.query<ResumeRow>(
    `select ${COLUMNS} from public.resumes where user_id = auth.uid() order by lang = 'en', created_at`,
  )
  const a = await db.query<{ id: string; file_name: string; size_bytes: number; created_at: Date }>(
    `select id, file_name, size_bytes, created_at from public.resume_attachments
     where user_id = auth.uid() and deleted_at is null order by created_at desc, id desc`,
  )
  const attachments: ResumeAttachment[] = a.rows.map((x) => ({
    id: x.id,
    fileName: x.file_name,
    sizeBytes: x.size_bytes,
    createdAt: x.created_at.toISOString(),
  }))
  return { resumes: r.rows.map(toSummary), attachments }
}

/** The roster's degree levels as education degrees (大专 is `junior_college` there). */
const ROSTER_DEGREE: Record<string, EducationDegree> = {
  junior_college: 'college',
  bachelor: 'bachelor',
  master: 'master',
  doctor: 'doctor',
}

/**
 * What the school and the profile already know, so a new resume does not start blank: the name
 * (a bound student's roster name), phone and e-mail from the profile, and for the Chinese resume
 * the school, major, degree and graduation from the bound roster record.
 */
async function prefill(db: Db, lang: ResumeLang): Promise<ResumeContent> {
  const u = await db.query<{
    display_name: string
    verified: boolean
    phone: string | null
    email: string | null
  }>(
    `select u.display_name, u.verified_at is not null as verified, p.phone, p.email
     from public.app_users u left join public.student_profiles p on p.user_id = u.id
     where u.id = auth.uid()`,
  )
  const me = u.rows[0]
  const personal: NonNullable<ResumeContent['personal']> = {}
  if (me?.verified) personal.name = me.display_name
  if (me?.phone) personal.phone = me.phone
  if (me?.email) personal.email = me.email
  const content: ResumeContent = { personal, intention: {}, education: [] }
  if (lang === 'zh') {
    const r = await db.query<{
      school: string
      major: string | null
      degree_level: string | null
      graduation_year: number | null
      gender: string | null
    }>(
      `select s.name as school, r.major, r.degree_level, r.graduation_year, r.gender
       from public.roster_entries r join public.schools s on s.id = r.school_id
       where r.bound_user_id = auth.uid()`,
    )
    const e = r.rows[0]
    if (e) {
      if (e.gender === 'male' || e.gender === 'female') personal.gender = e.gender
      const degree = e.degree_level ? ROSTER_DEGREE[e.degree_level] : undefined
      content.education = [
        {
          school: e.school,
          ...(e.major ? { major: e.major } : {}),
          ...(degree ? { degree } : {}),
          ...(e.graduation_year ? { end: `${e.graduation_year}-06` } : {}),
        },
      ]
    }
  }
  return content
}

const DEFAULT_TITLES: Record<ResumeLang, string> = { zh: '我的简历', en: 'My Resume' }

/** Starts the caller's resume in one language; a second one in the same language is 409. */
export async function createResume(db: Db, lang: ResumeLang, title?: string): Promise<ResumeDetail> {
  await requireStudent(db)
  const existing = await db.query<{ id: string }>(
    'select id from public.resumes where user_id = auth.uid() and lang = $1',
    [lang],
  )
  if (existing.rows[0]) {
    throw new AppError('conflict', lang === 'zh' ? '中文简历已存在' : '英文简历已存在', {
      details: { conflicting_id: existing.rows[0].id },
    })
  }
  const content = await prefill(db, lang)
  const r = await db.query<ResumeRow>(
    `insert into public.resumes (user_id, lang, title, content) values (auth.uid(), $1, $2, $3)
     returning ${COLUMNS}`,
    [lang, title ?? DEFAULT_TITLES[lang], JSON.stringify(content)],
  )
  return toDetail(r.rows[0]!)
}

/** One of the caller's resumes (RLS lets staff and employers read others'; this route is the owner's). */
export async function getResume(db: Db, id: string): Promise<ResumeRow> {
  const r = await db.query<ResumeRow>(
    `select ${COLUMNS} from public.resumes where id = $1 and user_id = auth.uid()`,
    [id],
  )
  if (!r.rows[0]) throw notFound()
  return r.rows[0]
}

export async function readResume(db: Db, id: string): Promise<ResumeDetail> {
  return toDetail(await getResume(db, id))
}

/** Replaces the content (and the title, when given); the database recomputes completeness. */
export async function updateResume(
  db: Db,
  id: string,
  body: { title?: string; content: ResumeContent },
): Promise<ResumeDetail> {
  const r = await db.query<ResumeRow>(
    `update public.resumes set content = $2, title = coalesce($3, title)
     where id = $1 and user_id = auth.uid() returning ${COLUMNS}`,
    [id, JSON.stringify(body.content), body.title ?? null],
  )
  if (!r.rows[0]) throw notFound()
  return toDetail(r.rows[0])
}

/** Deletes one of the caller's resumes; if it was the default, the other one becomes it (trigger). */
export async function deleteResume(db: Db, id: string): Promise<{ deleted: true }> {
  const r = await db.query('delete from public.resumes where id = $1 and user_id = auth.uid()', [id])
  if (r.rowCount !== 1) throw notFound()
  return { deleted: true }
}

/** app.set_default_resume: the one default resume (what 投递 offers first). */
export async function setDefaultResume(db: Db, id: string): Promise<SetDefaultResponse> {
  const o = await callOutcome(db, 'app.set_default_resume', [id], SetDefaultOutcome)
  switch (o.outcome) {
    case 'set':
    case 'already_default':
      return { outcome: o.outcome, defaultId: id }
    case 'not_found':
      throw notFound()
    default: {
      const never: never = o
      throw new Error(`unknown outcome ${JSON.stringify(never)}`)
    }
  }
}
