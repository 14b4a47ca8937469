import type { InterviewMode, InterviewResult, InterviewStatus } from '../../../src/contracts/interviews'
import { iso } from '../applications/iso'

/** The interview columns both sides read, from `public.interviews i`. */
export const INTERVIEW_COLUMNS = `i.id, i.application_id, i.job_id, i.student_id, i.mode, i.address, i.video_url,
  i.starts_at, i.contact, i.note, i.status, i.result, i.answered_at, i.result_at, i.created_at, i.created_by`

export interface InterviewRow {
  id: string
  application_id: string
  job_id: string
  student_id: string
  mode: InterviewMode
  address: string | null
  video_url: string | null
  starts_at: Date
  contact: string
  note: string | null
  status: InterviewStatus
  result: InterviewResult | null
  answered_at: Date | null
  result_at: Date | null
  created_at: Date
  created_by: string | null
}

export function toInterviewFields(r: InterviewRow) {
  return {
    id: r.id,
    applicationId: r.application_id,
    mode: r.mode,
    address: r.address,
    videoUrl: r.video_url,
    startsAt: r.starts_at.toISOString(),
    contact: r.contact,
    note: r.note,
    status: r.status,
    result: r.result,
    answeredAt: iso(r.answered_at),
    resultAt: iso(r.result_at),
    createdAt: r.created_at.toISOString(),
  }
}
