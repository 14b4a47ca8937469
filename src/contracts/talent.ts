import { z } from 'zod'
import { SentJobInvite } from './job-invites'
import { Degree } from './job-vocab'

/**
 * 人才搜索 (talent search): members of a verified company search the online resumes of students
 * who let employers find them (privacy_settings.resume_searchable). The rule is the resumes
 * policy (supabase/migrations/20261201000630_resumes.sql); the phone shows only when the student's
 * phone_visible is on.
 */

/** Degrees a resume states (job-vocab's Degree without 不限). */
export const TalentDegree = Degree.exclude(['any'])
export type TalentDegree = z.infer<typeof TalentDegree>

/** `GET /api/employer/talent`: newest-updated resumes first. */
export const TalentSearchQuery = z.object({
  /** matches name, school, major and skills */
  keyword: z.string().trim().max(50, '关键词不能超过50字').optional(),
  degree: TalentDegree.optional(),
  major: z.string().trim().max(50, '专业不能超过50字').optional(),
  /** an intended city (the resume's intention) */
  city: z.string().trim().max(30, '城市不能超过30字').optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  before: z.string().max(100).optional(),
})
export type TalentSearchQuery = z.infer<typeof TalentSearchQuery>

/** One searchable resume. */
export const TalentCard = z.object({
  /** the resume's id (GET /api/employer/talent/[id]) */
  id: z.string().uuid(),
  studentId: z.string().uuid(),
  lang: z.enum(['zh', 'en']),
  name: z.string(),
  gender: z.string().nullable(),
  school: z.string().nullable(),
  major: z.string().nullable(),
  degree: z.string().nullable(),
  /** YYYY-MM of the first education entry's end */
  graduation: z.string().nullable(),
  cities: z.array(z.string()),
  skills: z.array(z.string()),
  completeness: z.number().int(),
  /** null unless the student lets employers see it */
  phone: z.string().nullable(),
  updatedAt: z.string(),
})
export type TalentCard = z.infer<typeof TalentCard>

export const TalentSearchResponse = z.object({
  items: z.array(TalentCard),
  nextCursor: z.string().nullable(),
})
export type TalentSearchResponse = z.infer<typeof TalentSearchResponse>

/**
 * `GET /api/employer/talent/[id]`: the resume (ResumeContent of src/contracts/resumes.ts, the phone
 * removed unless visible) and the invitations my company already sent this student.
 */
export const TalentDetailResponse = z.object({
  card: TalentCard,
  content: z.record(z.string(), z.unknown()),
  invites: z.array(SentJobInvite),
})
export type TalentDetailResponse = z.infer<typeof TalentDetailResponse>
