import { z } from 'zod'
import { DEGREE_LABELS } from './job-vocab'
import { MissingItem } from './resume-completeness'

/**
 * 简历: one Chinese and one English online resume per student (`resumes`, content = the sections
 * below as JSON) and any number of PDF attachments (`resume_attachments`). Completeness is the
 * shared rule of ./resume-completeness.ts. SQL: supabase/migrations/20261201000630_resumes.sql.
 * Flow: docs/flows/resumes.md.
 */

export const RESUME_LANG_LABELS = { zh: '中文简历', en: '英文简历' } as const
export const ResumeLang = z.enum(Object.keys(RESUME_LANG_LABELS) as [keyof typeof RESUME_LANG_LABELS])
export type ResumeLang = z.infer<typeof ResumeLang>

/** A degree of an education entry: the job vocabulary's degrees without 不限. */
export const EDUCATION_DEGREE_LABELS = {
  college: DEGREE_LABELS.college,
  bachelor: DEGREE_LABELS.bachelor,
  master: DEGREE_LABELS.master,
  doctor: DEGREE_LABELS.doctor,
} as const
export const EducationDegree = z.enum(
  Object.keys(EDUCATION_DEGREE_LABELS) as [keyof typeof EDUCATION_DEGREE_LABELS],
)
export type EducationDegree = z.infer<typeof EducationDegree>

export const RESUME_GENDER_LABELS = { male: '男', female: '女' } as const
export const ResumeGender = z.enum(['male', 'female'])
export type ResumeGender = z.infer<typeof ResumeGender>

/** Section keys beyond the three every resume shows (个人信息、求职意向、教育背景), in display order. */
export const OPTIONAL_SECTION_LABELS = {
  internships: '实习经历',
  projects: '项目经历',
  awards: '获奖情况',
  skills: '技能特长',
  certificates: '证书',
  campusRoles: '校园经历',
  selfEvaluation: '自我评价',
} as const
export type OptionalSection = keyof typeof OPTIONAL_SECTION_LABELS
export const OPTIONAL_SECTIONS = Object.keys(OPTIONAL_SECTION_LABELS) as OptionalSection[]

// ================================================================ the content (what a student writes)
// Every field may be empty while the student is still writing: the editor saves drafts, and the
// completeness rule says what is still missing. Strings are trimmed.

const text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过${max}字`).optional()

/** YYYY-MM, or empty */
const month = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^(\d{4}-(0[1-9]|1[0-2]))?$/, `${label}请按“年-月”填写，如 2024-06`)
    .optional()

/** Entries with a period: the end may not come before the start. */
const period = <T extends { start?: string; end?: string }>(v: T) => !v.start || !v.end || v.start <= v.end
const PERIOD_MESSAGE = { message: '结束时间不能早于开始时间', path: ['end'] }

export const ResumePersonal = z.object({
  name: text(30, '姓名'),
  gender: ResumeGender.optional(),
  birthDate: month('出生年月'),
  phone: z
    .string()
    .trim()
    .regex(/^(\+?[0-9][0-9 -]{4,18}[0-9])?$/, '手机号格式不正确')
    .optional(),
  email: z
    .string()
    .trim()
    .max(100, '邮箱不能超过100字')
    .regex(/^([^@\s]+@[^@\s]+\.[^@\s]+)?$/, '邮箱格式不正确')
    .optional(),
  city: text(30, '所在城市'),
  politicalStatus: text(20, '政治面貌'),
  hometown: text(30, '籍贯'),
})
export type ResumePersonal = z.infer<typeof ResumePersonal>

export const ResumeIntention = z.object({
  position: text(50, '期望职位'),
  /** from the job vocabulary's CITIES or typed */
  cities: z
    .array(z.string().trim().min(1, '城市不能为空').max(30, '城市不能超过30字'))
    .max(5, '期望城市最多5个')
    .optional(),
  /** free text: "8k-12k" or "面议" */
  salary: text(30, '期望薪资'),
  /** free text or a job-vocab nature label (全职/实习) */
  nature: text(20, '工作性质'),
})
export type ResumeIntention = z.infer<typeof ResumeIntention>

export const ResumeEducation = z
  .object({
    school: text(50, '学校'),
    major: text(50, '专业'),
    degree: EducationDegree.optional(),
    start: month('入学时间'),
    end: month('毕业时间'),
    gpa: text(20, '成绩/GPA'),
    courses: text(200, '主修课程'),
  })
  .refine(period, PERIOD_MESSAGE)
export type ResumeEducation = z.infer<typeof ResumeEducation>

const description = text(1000, '描述')

export const ResumeInternship = z
  .object({
    company: text(50, '公司'),
    role: text(50, '职位'),
    start: month('开始时间'),
    end: month('结束时间'),
    description,
  })
  .refine(period, PERIOD_MESSAGE)
export type ResumeInternship = z.infer<typeof ResumeInternship>

export const ResumeProject = z
  .object({
    name: text(50, '项目名称'),
    role: text(50, '担任角色'),
    start: month('开始时间'),
    end: month('结束时间'),
    description,
  })
  .refine(period, PERIOD_MESSAGE)
export type ResumeProject = z.infer<typeof ResumeProject>

export const ResumeAward = z.object({
  name: text(50, '奖项'),
  date: month('获奖时间'),
  description: text(200, '说明'),
})
export type ResumeAward = z.infer<typeof ResumeAward>

export const ResumeSkill = z.object({
  name: text(30, '技能'),
  /** free text: 熟练 / 精通 / CET-6 580 */
  level: text(20, '掌握程度'),
})
export type ResumeSkill = z.infer<typeof ResumeSkill>

export const ResumeCertificate = z.object({
  name: text(50, '证书名称'),
  date: month('取得时间'),
})
export type ResumeCertificate = z.infer<typeof ResumeCertificate>

export const ResumeCampusRole = z
  .object({
    organization: text(50, '组织'),
    role: text(50, '职务'),
    start: month('开始时间'),
    end: month('结束时间'),
    description,
  })
  .refine(period, PERIOD_MESSAGE)
export type ResumeCampusRole = z.infer<typeof ResumeCampusRole>

/** Upper bounds per section; with the text limits the whole stays well under the table's 200 kB. */
export const SECTION_LIMITS = {
  education: 6,
  internships: 10,
  projects: 10,
  awards: 20,
  skills: 30,
  certificates: 20,
  campusRoles: 10,
} as const

const list = <S extends z.ZodType>(entry: S, key: keyof typeof SECTION_LIMITS, label: string) =>
  z.array(entry).max(SECTION_LIMITS[key], `${label}最多${SECTION_LIMITS[key]}条`).optional()

/** The whole online resume, as the editor sends it (PUT) and the table stores it. */
export const ResumeContent = z.object({
  personal: ResumePersonal.optional(),
  intention: ResumeIntention.optional(),
  education: list(ResumeEducation, 'education', '教育经历'),
  internships: list(ResumeInternship, 'internships', '实习经历'),
  projects: list(ResumeProject, 'projects', '项目经历'),
  awards: list(ResumeAward, 'awards', '获奖情况'),
  skills: list(ResumeSkill, 'skills', '技能特长'),
  certificates: list(ResumeCertificate, 'certificates', '证书'),
  campusRoles: list(ResumeCampusRole, 'campusRoles', '校园经历'),
  selfEvaluation: text(2000, '自我评价'),
})
export type ResumeContent = z.infer<typeof ResumeContent>

// ================================================================ reading stored content
// A student may write `content` straight through the Data API, so what is stored need not match
// ResumeContent. Answers read it leniently: known fields of the right type are kept, anything
// else is dropped (never a 500 because of a student's own odd JSON).

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function strings(v: unknown, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  if (!isObject(v)) return out
  for (const k of keys) {
    const x = v[k]
    if (typeof x === 'string') out[k] = x
  }
  return out
}

function entries(v: unknown, keys: readonly string[]): Record<string, string>[] | undefined {
  if (!Array.isArray(v)) return undefined
  return v.filter(isObject).map((e) => strings(e, keys))
}

const ENTRY_KEYS = {
  education: ['school', 'major', 'degree', 'start', 'end', 'gpa', 'courses'],
  internships: ['company', 'role', 'start', 'end', 'description'],
  projects: ['name', 'role', 'start', 'end', 'description'],
  awards: ['name', 'date', 'description'],
  skills: ['name', 'level'],
  certificates: ['name', 'date'],
  campusRoles: ['organization', 'role', 'start', 'end', 'description'],
} as const

/** What an answer shows of stored content: the known fields that are strings (or lists of them). */
export interface StoredResumeContent {
  personal?: Record<string, string>
  intention?: Record<string, string | string[]>
  education?: Record<string, string>[]
  internships?: Record<string, string>[]
  projects?: Record<string, string>[]
  awards?: Record<string, string>[]
  skills?: Record<string, string>[]
  certificates?: Record<string, string>[]
  campusRoles?: Record<string, string>[]
  selfEvaluation?: string
}

/** Stored content (any JSON) → its known, well-typed fields. Also what the PDF renders. */
export function readStoredContent(raw: unknown): StoredResumeContent {
  if (!isObject(raw)) return {}
  const out: StoredResumeContent = {}
  if (isObject(raw.personal)) {
    out.personal = strings(raw.personal, [
      'name',
      'gender',
      'birthDate',
      'phone',
      'email',
      'city',
      'politicalStatus',
      'hometown',
    ])
  }
  if (isObject(raw.intention)) {
    const i = raw.intention
    out.intention = strings(i, ['position', 'salary', 'nature'])
    if (Array.isArray(i.cities)) out.intention.cities = i.cities.filter((c) => typeof c === 'string')
  }
  for (const [key, keys] of Object.entries(ENTRY_KEYS) as [keyof typeof ENTRY_KEYS, readonly string[]][]) {
    const list = entries(raw[key], keys)
    if (list) out[key] = list
  }
  if (typeof raw.selfEvaluation === 'string') out.selfEvaluation = raw.selfEvaluation
  return out
}

const StoredText = z.record(z.string(), z.string())
/** The answer's schema for stored content: readStoredContent's shape (no limits: it is what is there). */
export const StoredResumeContentSchema = z.object({
  personal: StoredText.optional(),
  intention: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  education: z.array(StoredText).optional(),
  internships: z.array(StoredText).optional(),
  projects: z.array(StoredText).optional(),
  awards: z.array(StoredText).optional(),
  skills: z.array(StoredText).optional(),
  certificates: z.array(StoredText).optional(),
  campusRoles: z.array(StoredText).optional(),
  selfEvaluation: z.string().optional(),
})

// ================================================================ requests and answers

/** One online resume in the list (`GET /api/me/resumes`). */
export const ResumeSummary = z.object({
  id: z.string().uuid(),
  lang: ResumeLang,
  title: z.string(),
  isDefault: z.boolean(),
  /** 0..100, the database's stored value (the same rule as resumeCompleteness) */
  completeness: z.number().int().min(0).max(100),
  missing: z.array(MissingItem),
  updatedAt: z.string(),
})
export type ResumeSummary = z.infer<typeof ResumeSummary>

export const ResumeDetail = ResumeSummary.extend({ content: StoredResumeContentSchema })
export type ResumeDetail = z.infer<typeof ResumeDetail>

/** An attachment resume (a PDF the student uploaded). */
export const ResumeAttachment = z.object({
  id: z.string().uuid(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
})
export type ResumeAttachment = z.infer<typeof ResumeAttachment>

/** At most this many live attachments per student (app.add_resume_attachment). */
export const MAX_RESUME_ATTACHMENTS = 20
/** 5 MB, checked on the bytes received (and by the table's check). */
export const RESUME_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024

/** `GET /api/me/resumes`: both online resumes (zh first) and the live attachments, newest first. */
export const ResumeListResponse = z.object({
  resumes: z.array(ResumeSummary),
  attachments: z.array(ResumeAttachment),
})
export type ResumeListResponse = z.infer<typeof ResumeListResponse>

const title = z.string().trim().min(1, '请填写简历名称').max(50, '简历名称不能超过50字')

/** `POST /api/me/resumes` (Idempotency-Key): start the resume of one language. */
export const CreateResumeRequest = z.object({
  lang: ResumeLang,
  title: title.optional(),
})
export type CreateResumeRequest = z.infer<typeof CreateResumeRequest>

/** `PUT /api/me/resumes/[id]`: the whole content (and optionally the title). */
export const UpdateResumeRequest = z.object({
  title: title.optional(),
  content: ResumeContent,
})
export type UpdateResumeRequest = z.infer<typeof UpdateResumeRequest>

export const ResumeResponse = z.object({ resume: ResumeDetail })
export type ResumeResponse = z.infer<typeof ResumeResponse>

export const DeletedResponse = z.object({ deleted: z.literal(true) })
export type DeletedResponse = z.infer<typeof DeletedResponse>

/** app.set_default_resume's outcomes. */
export const SET_DEFAULT_OUTCOME_LABELS = {
  set: '已设为默认简历',
  already_default: '已是默认简历',
  not_found: '简历不存在',
} as const
export const SetDefaultOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('set') }),
  z.object({ outcome: z.literal('already_default') }),
  z.object({ outcome: z.literal('not_found') }),
])
export type SetDefaultOutcome = z.infer<typeof SetDefaultOutcome>

/** `POST /api/me/resumes/[id]/default` (Idempotency-Key). */
export const SetDefaultResponse = z.object({
  outcome: z.enum(['set', 'already_default']),
  defaultId: z.string().uuid(),
})
export type SetDefaultResponse = z.infer<typeof SetDefaultResponse>

/** app.add_resume_attachment's outcomes. */
export const AddAttachmentOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('added'), attachment_id: z.string().uuid() }),
  z.object({ outcome: z.literal('limit_reached'), limit: z.number().int() }),
  z.object({ outcome: z.literal('not_student') }),
])
export type AddAttachmentOutcome = z.infer<typeof AddAttachmentOutcome>

/** app.delete_resume_attachment's outcomes (remove_path: the file to remove after the commit). */
export const DeleteAttachmentOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('deleted'), remove_path: z.string().nullable() }),
  z.object({ outcome: z.literal('not_found') }),
])
export type DeleteAttachmentOutcome = z.infer<typeof DeleteAttachmentOutcome>

/** `POST /api/me/resume-attachments` (multipart, field `file`): 201. */
export const AttachmentResponse = z.object({ attachment: ResumeAttachment })
export type AttachmentResponse = z.infer<typeof AttachmentResponse>

/** `GET /api/me/resume-attachments/[id]`: a signed link to the file, valid for `expiresInSeconds`. */
export const AttachmentLinkResponse = z.object({
  url: z.string(),
  fileName: z.string(),
  expiresInSeconds: z.number().int(),
})
export type AttachmentLinkResponse = z.infer<typeof AttachmentLinkResponse>
