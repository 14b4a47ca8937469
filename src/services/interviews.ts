import {
  EmployerInterviewListResponse,
  EmployerInterviewResponse,
  type InterviewResult,
  type InterviewStatus,
  type InviteInterviewRequest,
  MyInterviewListResponse,
  MyInterviewResponse,
} from '../contracts/interviews'
import { queryString } from './query-string'
import { request } from './request'

// ================================================================ student

export function listMyInterviews(
  opts: { status?: InterviewStatus; before?: string; limit?: number } = {},
  req: { toast?: boolean } = {},
) {
  return request(`/api/interviews${queryString(opts)}`, { schema: MyInterviewListResponse, toast: req.toast })
}

/** 接受 / 拒绝: a phone on a poor connection may send it twice, so it carries an idempotency key. */
export function answerInterview(id: string, accept: boolean) {
  return request(`/api/interviews/${id}/answer`, {
    method: 'POST',
    data: { accept },
    schema: MyInterviewResponse,
    idempotent: true,
  })
}

// ================================================================ employer

export function listEmployerInterviews(
  opts: {
    applicationId?: string
    jobId?: string
    status?: InterviewStatus
    before?: string
    limit?: number
  } = {},
  req: { toast?: boolean } = {},
) {
  return request(`/api/employer/interviews${queryString(opts)}`, {
    schema: EmployerInterviewListResponse,
    toast: req.toast,
  })
}

/** 邀请面试: field errors show on the form, so they are not toasted here. */
export function inviteInterview(body: InviteInterviewRequest) {
  return request('/api/employer/interviews', {
    method: 'POST',
    data: body,
    schema: EmployerInterviewResponse,
    toast: false,
    idempotent: true,
  })
}

export function recordInterviewResult(id: string, result: InterviewResult) {
  return request(`/api/employer/interviews/${id}/result`, {
    method: 'POST',
    data: { result },
    schema: EmployerInterviewResponse,
    idempotent: true,
  })
}

export function cancelInterview(id: string) {
  return request(`/api/employer/interviews/${id}/cancel`, {
    method: 'POST',
    data: {},
    schema: EmployerInterviewResponse,
    idempotent: true,
  })
}

// ================================================================ times (China time, whatever the device's zone)

const CHINA_OFFSET_MS = 8 * 3600_000
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** `12月3日（周四）14:30`: an interview's time as the student and employer read it. */
export function formatInterviewTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + CHINA_OFFSET_MS)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日（周${WEEKDAYS[d.getUTCDay()]}）${hh}:${mm}`
}

/** The ISO time (with +08:00) of a China date `YYYY-MM-DD` and clock time `HH:mm` the form picked. */
export function chinaSlotToIso(date: string, time: string): string {
  return `${date}T${time}:00+08:00`
}

/** A first suggestion for a new interview: tomorrow at 14:00, China time. */
export function defaultInterviewSlot(now = Date.now()): { date: string; time: string } {
  const tomorrow = new Date(now + CHINA_OFFSET_MS + 86400_000)
  return { date: tomorrow.toISOString().slice(0, 10), time: '14:00' }
}
