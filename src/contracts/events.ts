import { z } from 'zod'
import { JobSummary } from './jobs'

/**
 * 活动 (events): job fairs (招聘会: many employers with booths) and info sessions (宣讲会: one
 * employer and its jobs), on site (registration, tickets, gate check-in) or online (a link).
 * SQL: supabase/migrations/20261201000700_events_tables.sql (tables), 000710 (rules and functions).
 * Flow: docs/flows/events.md. Tickets and registration answers: ./tickets.ts.
 */

export const EventKind = z.enum(['fair', 'info_session'])
export type EventKind = z.infer<typeof EventKind>
export const EVENT_KIND_LABELS: Record<EventKind, string> = { fair: '招聘会', info_session: '宣讲会' }
export const EventMode = z.enum(['onsite', 'online'])
export type EventMode = z.infer<typeof EventMode>
export const EVENT_MODE_LABELS: Record<EventMode, string> = { onsite: '线下', online: '线上' }

/** Stored status; "past" is not stored (ends_at before now), lists show it as `ended`. */
export const EVENT_STATUS_LABELS = { draft: '草稿', published: '已发布', cancelled: '已取消' } as const
export const EventStatus = z.enum(Object.keys(EVENT_STATUS_LABELS) as [keyof typeof EVENT_STATUS_LABELS])
export type EventStatus = z.infer<typeof EventStatus>

/** 参会申请 (an employer's application to join a fair). */
export const FAIR_APPLICATION_STATUS_LABELS = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
} as const
export const FairApplicationStatus = z.enum(
  Object.keys(FAIR_APPLICATION_STATUS_LABELS) as [keyof typeof FAIR_APPLICATION_STATUS_LABELS],
)
export type FairApplicationStatus = z.infer<typeof FairApplicationStatus>

/**
 * Whether the caller can register now, as the detail page shows it (the SQL function decides; this
 * is the page's reading of the same rules): `open`; `registered` (the caller holds an active
 * ticket); `full`; `closed` (past registration_closes_at, default the start); `not_needed` (online
 * events have no registration); `not_open` (draft or cancelled).
 */
export const REGISTRATION_STATE_LABELS = {
  open: '可报名',
  registered: '已报名',
  full: '名额已满',
  closed: '报名已截止',
  not_needed: '线上活动，无需报名',
  not_open: '暂未开放报名',
} as const
export const RegistrationState = z.enum(
  Object.keys(REGISTRATION_STATE_LABELS) as [keyof typeof REGISTRATION_STATE_LABELS],
)
export type RegistrationState = z.infer<typeof RegistrationState>

// ================================================================ lists

/** One event as lists show it (the events tab, the home page, staff and employer lists). */
export const EventSummary = z.object({
  id: z.string().uuid(),
  kind: EventKind,
  mode: EventMode,
  title: z.string(),
  schoolId: z.string().uuid(),
  schoolName: z.string(),
  city: z.string().nullable(),
  venue: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int().nullable(),
  /** active tickets (the locked counter) */
  registered: z.number().int(),
  status: EventStatus,
  /** ends_at is before now */
  ended: z.boolean(),
  /** an info session's employer */
  companyId: z.string().uuid().nullable(),
  companyName: z.string().nullable(),
  /** the caller's active ticket of this event (students), else null */
  myTicketId: z.string().uuid().nullable(),
  /** the caller's company's application to this fair (employers), else null */
  myApplicationStatus: FairApplicationStatus.nullable(),
})
export type EventSummary = z.infer<typeof EventSummary>

/** upcoming: not ended, soonest first · past: ended, latest first · mine: see below, latest first. */
export const EventScope = z.enum(['upcoming', 'past', 'mine'])
export type EventScope = z.infer<typeof EventScope>

const CHINA_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

/**
 * `GET /api/events`. `mine` is per role: a student's events with an active ticket; school staff
 * their school's events (drafts and cancelled ones too); an employer the fairs their company
 * applied to and their info sessions; fair staff the events assigned to them. Anonymous `mine` is
 * empty. `from`/`to` are China dates (YYYY-MM-DD) the start falls on, both inclusive. `cursor` is
 * the `nextCursor` of the previous page (keyset; opaque).
 */
/** A filter left empty in the query string (`city=`) is no filter. */
const blank = <S extends z.ZodType>(s: S) => z.preprocess((v) => (v === '' ? undefined : v), s.optional())

export const EventListQuery = z.object({
  scope: EventScope.default('upcoming'),
  kind: blank(EventKind),
  schoolId: blank(z.string().uuid('学校编号无效')),
  city: blank(z.string().trim().max(30, '城市名称过长')),
  from: blank(z.string().regex(CHINA_DATE, '日期格式应为YYYY-MM-DD')),
  to: blank(z.string().regex(CHINA_DATE, '日期格式应为YYYY-MM-DD')),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: blank(z.string().max(100)),
})
/** What a client may send (the schema's input, written out: preprocess would type it `unknown`). */
export interface EventListQuery {
  scope?: EventScope
  kind?: EventKind
  schoolId?: string
  city?: string
  from?: string
  to?: string
  limit?: number
  cursor?: string
}
export type EventListQueryParsed = z.output<typeof EventListQuery>

export const EventListResponse = z.object({ items: z.array(EventSummary), nextCursor: z.string().nullable() })
export type EventListResponse = z.infer<typeof EventListResponse>

// ================================================================ participants and fair applications

/** A participating employer as the fair's (or info session's) page shows it, with the jobs it brings. */
export const EventCompany = z.object({
  companyId: z.string().uuid(),
  name: z.string(),
  logoUrl: z.string().nullable(),
  /** the fair's booth (展位号); null for an info session's company */
  booth: z.string().nullable(),
  /** published jobs only (a job closed since the application drops out) */
  jobs: z.array(JobSummary),
})
export type EventCompany = z.infer<typeof EventCompany>

/** One employer's application to a fair, as school staff (all of their fair's) and the employer (its own) see it. */
export const FairApplication = z.object({
  eventId: z.string().uuid(),
  companyId: z.string().uuid(),
  companyName: z.string(),
  status: FairApplicationStatus,
  booth: z.string().nullable(),
  note: z.string().nullable(),
  jobIds: z.array(z.string().uuid()),
  /** the jobs applied with that are still visible to the caller */
  jobs: z.array(JobSummary),
  appliedAt: z.string(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
})
export type FairApplication = z.infer<typeof FairApplication>

/**
 * `GET /api/events/:id/companies`: the approved participants (everyone, once published) and the
 * applications the caller may manage (school staff: all of the fair's; an employer: its own; else []).
 */
export const EventCompaniesResponse = z.object({
  participants: z.array(EventCompany),
  applications: z.array(FairApplication),
})
export type EventCompaniesResponse = z.infer<typeof EventCompaniesResponse>

export const FAIR_APPLY_MAX_JOBS = 50
/** `POST /api/events/:id/companies` (employer, Idempotency-Key): apply, or change a pending application. */
export const FairApplyBody = z.object({
  jobIds: z
    .array(z.string().uuid('职位编号无效'), '请选择参会职位')
    .min(1, '请至少选择一个参会职位')
    .max(FAIR_APPLY_MAX_JOBS, `参会职位最多${FAIR_APPLY_MAX_JOBS}个`)
    .refine((ids) => new Set(ids).size === ids.length, '参会职位不能重复'),
  note: z
    .string('备注格式不正确')
    .trim()
    .max(500, '备注不能超过500字')
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
})
export type FairApplyBody = z.input<typeof FairApplyBody>

/**
 * `POST /api/events/:id/companies/:companyId`: school staff approve (with a booth, unique per fair)
 * or reject (with a reason); the employer withdraws its own application.
 */
export const FairDecisionBody = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('approve'),
    booth: z.string('请填写展位号').trim().min(1, '请填写展位号').max(20, '展位号不能超过20个字'),
  }),
  z.object({
    action: z.literal('reject'),
    reason: z.string('请填写未通过原因').trim().min(1, '请填写未通过原因').max(200, '原因不能超过200字'),
  }),
  z.object({ action: z.literal('withdraw') }),
])
export type FairDecisionBody = z.input<typeof FairDecisionBody>

/** `app.apply_to_fair`'s outcomes, with what the employer is told. */
export const FAIR_APPLY_OUTCOME_LABELS = {
  applied: '已提交参会申请，请等待学校审核',
  updated: '参会申请已更新',
  already_approved: '已通过审核，无需重复申请',
  not_found: '活动不存在',
  not_fair: '只有招聘会接受用人单位报名参会',
  not_open: '该招聘会未开放或已结束，不能申请参会',
  forbidden: '只有用人单位账号可以申请参会',
  company_unverified: '单位尚未通过平台认证，认证通过后才能申请参会',
  bad_jobs: '参会职位须为本单位正在招聘的职位',
} as const
export const FairApplyOutcomeKind = z.enum(
  Object.keys(FAIR_APPLY_OUTCOME_LABELS) as [keyof typeof FAIR_APPLY_OUTCOME_LABELS],
)
export type FairApplyOutcomeKind = z.infer<typeof FairApplyOutcomeKind>
export const FairApplyOutcome = z.object({ outcome: FairApplyOutcomeKind })
export type FairApplyOutcome = z.infer<typeof FairApplyOutcome>

/** `app.decide_fair_application` and `app.withdraw_fair_application` outcomes. */
export const FAIR_DECISION_OUTCOME_LABELS = {
  approved: '已通过，展位已分配',
  rejected: '已驳回参会申请',
  withdrawn: '已撤回参会申请',
  booth_taken: '该展位号已分配给其他单位',
  not_pending: '该申请已处理，不能再次操作',
  not_found: '参会申请不存在',
  forbidden: '没有权限处理此参会申请',
} as const
export const FairDecisionOutcomeKind = z.enum(
  Object.keys(FAIR_DECISION_OUTCOME_LABELS) as [keyof typeof FAIR_DECISION_OUTCOME_LABELS],
)
export type FairDecisionOutcomeKind = z.infer<typeof FairDecisionOutcomeKind>
export const FairDecisionOutcome = z.object({ outcome: FairDecisionOutcomeKind })

/** Answer of apply / decide / withdraw: the application as it now stands. */
export const FairApplicationResponse = z.object({
  outcome: z.enum(['applied', 'updated', 'approved', 'rejected', 'withdrawn']),
  application: FairApplication,
})
export type FairApplicationResponse = z.infer<typeof FairApplicationResponse>

// ================================================================ the detail page

export const EventCompanyCard = z.object({
  id: z.string().uuid(),
  name: z.string(),
  logoUrl: z.string().nullable(),
})

/** The stored, editable values of an event, as the staff edit form takes them (EventUpsertBody). */
export const EventForm = z.object({
  kind: EventKind,
  mode: EventMode,
  title: z.string(),
  description: z.string().nullable(),
  venue: z.string().nullable(),
  city: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int().nullable(),
  registrationClosesAt: z.string().nullable(),
  checkinOpensAt: z.string().nullable(),
  checkinClosesAt: z.string().nullable(),
  companyId: z.string().uuid().nullable(),
})
export type EventForm = z.infer<typeof EventForm>

/** `GET /api/events/:id`. */
export const EventDetail = EventSummary.extend({
  description: z.string().nullable(),
  /** the online event's link (online events only) */
  onlineUrl: z.string().nullable(),
  /** an info session's employer */
  company: EventCompanyCard.nullable(),
  /** when registration closes (the stored time, else the start); null for online events */
  registrationClosesAt: z.string().nullable(),
  /** the effective check-in window (stored, else starts_at − 1 h … ends_at) */
  checkinOpensAt: z.string(),
  checkinClosesAt: z.string(),
  registrationState: RegistrationState,
  /** registrationState = open */
  registrationOpen: z.boolean(),
  /** approved employers with their jobs (a fair), or the info session's employer with its open jobs */
  companies: z.array(EventCompany),
  /** the caller's company's application to this fair (employers), else null */
  myApplication: FairApplication.nullable(),
  /** the caller may edit, publish and cancel it (school staff of its school) */
  canManage: z.boolean(),
  /** for managers only: the stored values for the edit form */
  form: EventForm.nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type EventDetail = z.infer<typeof EventDetail>
export const EventDetailResponse = z.object({ event: EventDetail })
export type EventDetailResponse = z.infer<typeof EventDetailResponse>

// ================================================================ staff: create / edit / publish / cancel

const iso = (msg: string) => z.string(msg).datetime({ offset: true, message: msg })
const optionalText = (max: number, msg: string) =>
  z
    .string(msg)
    .trim()
    .max(max, msg)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null))

const EventFields = z.object({
  kind: z.enum(EventKind.options, '请选择活动类型'),
  mode: z.enum(EventMode.options, '请选择线上或线下'),
  title: z.string('请填写活动名称').trim().min(2, '活动名称须为2-100个字').max(100, '活动名称须为2-100个字'),
  description: optionalText(5000, '活动介绍不能超过5000字'),
  venue: optionalText(100, '地点不能超过100字'),
  city: optionalText(30, '城市名称不能超过30字'),
  onlineUrl: z
    .string('线上链接格式不正确')
    .trim()
    .max(300, '线上链接不能超过300字')
    .refine((v) => v === '' || /^https?:\/\//.test(v), '线上链接须以 http:// 或 https:// 开头')
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
  startsAt: iso('请填写开始时间'),
  endsAt: iso('请填写结束时间'),
  capacity: z
    .number('名额须为数字')
    .int('名额须为整数')
    .min(1, '名额至少为1')
    .max(100_000, '名额不能超过100000')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  registrationClosesAt: iso('报名截止时间格式不正确')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  checkinOpensAt: iso('签到开始时间格式不正确')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  checkinClosesAt: iso('签到结束时间格式不正确')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  companyId: z
    .string('宣讲单位格式不正确')
    .uuid('宣讲单位格式不正确')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
})

type TimeFields = {
  startsAt?: string
  endsAt?: string
  registrationClosesAt?: string | null
  checkinOpensAt?: string | null
  checkinClosesAt?: string | null
}
/** The time-order rules the SQL checks also hold, with a Chinese message per field (either given). */
function timeOrder(v: TimeFields, ctx: z.RefinementCtx) {
  const t = (s: string | null | undefined) => (s ? Date.parse(s) : null)
  const starts = t(v.startsAt)
  const ends = t(v.endsAt)
  if (starts !== null && ends !== null && ends <= starts)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间须晚于开始时间' })
  const reg = t(v.registrationClosesAt)
  if (reg !== null && ends !== null && reg > ends)
    ctx.addIssue({
      code: 'custom',
      path: ['registrationClosesAt'],
      message: '报名截止时间不能晚于活动结束时间',
    })
  const opens = t(v.checkinOpensAt)
  const closes = t(v.checkinClosesAt)
  if (opens !== null && closes !== null && closes <= opens)
    ctx.addIssue({ code: 'custom', path: ['checkinClosesAt'], message: '签到结束时间须晚于签到开始时间' })
}

/** `POST /api/events` (school staff): a new draft of the caller's school. An on-site event needs its venue. */
export const EventUpsertBody = EventFields.superRefine((v, ctx) => {
  timeOrder(v, ctx)
  if (v.mode === 'onsite' && !v.venue)
    ctx.addIssue({ code: 'custom', path: ['venue'], message: '线下活动请填写地点' })
})
export type EventUpsertBody = z.input<typeof EventUpsertBody>
export type EventUpsertParsed = z.output<typeof EventUpsertBody>
/** `PATCH /api/events/:id` (school staff, drafts only): the fields given change, the rest stay. */
export const EventPatchBody = EventFields.partial().superRefine(timeOrder)
export type EventPatchBody = z.input<typeof EventPatchBody>

/** What a draft lacks before it may be published (the form marks these fields). */
export const EventMissingField = z.enum(['venue', 'capacity', 'onlineUrl', 'companyId'])
export type EventMissingField = z.infer<typeof EventMissingField>

/** `app.publish_event`'s outcomes, with what staff are told. */
export const EVENT_PUBLISH_OUTCOME_LABELS = {
  published: '活动已发布',
  already_published: '活动已发布',
  not_found: '活动不存在',
  forbidden: '只有本校就业工作人员可以发布活动',
  cancelled: '已取消的活动不能发布',
  incomplete: '活动信息不完整，请补充后再发布',
  starts_in_past: '开始时间已过，请修改时间后再发布',
} as const
export const EventPublishOutcomeKind = z.enum(
  Object.keys(EVENT_PUBLISH_OUTCOME_LABELS) as [keyof typeof EVENT_PUBLISH_OUTCOME_LABELS],
)
export type EventPublishOutcomeKind = z.infer<typeof EventPublishOutcomeKind>
const EP = EventPublishOutcomeKind.enum
export const EventPublishOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal(EP.published) }),
  z.object({ outcome: z.literal(EP.already_published) }),
  z.object({ outcome: z.literal(EP.not_found) }),
  z.object({ outcome: z.literal(EP.forbidden) }),
  z.object({ outcome: z.literal(EP.cancelled) }),
  z.object({ outcome: z.literal(EP.incomplete), missing: z.array(EventMissingField) }),
  z.object({ outcome: z.literal(EP.starts_in_past) }),
])
export type EventPublishOutcome = z.infer<typeof EventPublishOutcome>

/** `app.cancel_event`'s outcomes. Cancelling ends every active ticket with the event. */
export const EVENT_CANCEL_OUTCOME_LABELS = {
  cancelled: '活动已取消',
  already_cancelled: '活动已取消',
  not_found: '活动不存在',
  forbidden: '只有本校就业工作人员可以取消活动',
  ended: '活动已结束，不能取消',
} as const
export const EventCancelOutcomeKind = z.enum(
  Object.keys(EVENT_CANCEL_OUTCOME_LABELS) as [keyof typeof EVENT_CANCEL_OUTCOME_LABELS],
)
export type EventCancelOutcomeKind = z.infer<typeof EventCancelOutcomeKind>
export const EventCancelOutcome = z.object({
  outcome: EventCancelOutcomeKind,
  /** cancelled: the tickets ended with it */
  tickets_cancelled: z.number().int().optional(),
})

/** Answer of create / edit / publish / cancel: the event as it now stands. */
export const EventManageResponse = z.object({
  outcome: z.enum(['created', 'updated', 'published', 'already_published', 'cancelled', 'already_cancelled']),
  event: EventDetail,
})
export type EventManageResponse = z.infer<typeof EventManageResponse>

/** `error.details` of a refused publish / cancel / apply / decide / register / ticket cancel (409). */
export const EventRefusal = z.object({
  outcome: z.string(),
  missing: z.array(EventMissingField).optional(),
})

// ================================================================ registration (SQL outcomes)

/**
 * `app.register_event`'s outcomes. `POST /api/events/:id/registration` answers RegistrationResponse
 * (./tickets.ts; this file may not import it: tickets.ts imports this one) — 201 with the new
 * ticket for `registered`, 200 with the held one for `already_registered`; `full`, `closed` and
 * `not_open` are 409s (details.outcome; labels REGISTRATION_OUTCOME_LABELS in ./tickets.ts);
 * `not_found` is a 404 and `not_student` a 403 (labels below).
 */
export const REGISTER_EXTRA_OUTCOME_LABELS = {
  not_found: '活动不存在',
  not_student: '只有学生可以报名',
} as const
export const RegisterEventOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('registered'), ticket_id: z.string().uuid() }),
  z.object({ outcome: z.literal('already_registered'), ticket_id: z.string().uuid() }),
  z.object({ outcome: z.literal('full') }),
  z.object({ outcome: z.literal('closed') }),
  z.object({ outcome: z.literal('not_open') }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('not_student') }),
])
export type RegisterEventOutcome = z.infer<typeof RegisterEventOutcome>

/**
 * `app.cancel_ticket`'s outcomes. `DELETE /api/events/:id/registration` (Idempotency-Key) cancels
 * the caller's active ticket of the event and answers RegistrationResponse with it (now
 * cancelled); `started` is a 409, `not_found` a 404 (details.outcome).
 */
export const TICKET_CANCEL_OUTCOME_LABELS = {
  cancelled: '已取消报名，名额已释放',
  already_cancelled: '报名已取消',
  not_found: '没有找到您的报名',
  started: '活动已开始，不能取消报名',
} as const
export const TicketCancelOutcomeKind = z.enum(
  Object.keys(TICKET_CANCEL_OUTCOME_LABELS) as [keyof typeof TICKET_CANCEL_OUTCOME_LABELS],
)
export type TicketCancelOutcomeKind = z.infer<typeof TicketCancelOutcomeKind>
export const TicketCancelOutcome = z.object({ outcome: TicketCancelOutcomeKind })

/** `GET /api/tickets`: the caller's tickets, newest registration first (keyset). */
export const MyTicketListQuery = z.object({
  status: z.enum(['active', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(100).optional(),
})
export type MyTicketListQuery = z.input<typeof MyTicketListQuery>

// ================================================================ the poster's mini-program code

/**
 * `GET /api/events/:id/poster-code` (school staff of the event's school) answers the PNG of a
 * mini-program code that opens EVENT_DETAIL_PAGE with `scene` = the event id without dashes (32
 * hex characters: WeChat's scene limit). The detail page turns the scene back into the id.
 */
export function eventScene(eventId: string): string {
  return eventId.replace(/-/g, '').toLowerCase()
}

/** The event id a poster's scene names (the page's `options.scene`, maybe URL-encoded), or null. */
export function eventIdFromScene(scene: string | undefined | null): string | null {
  if (!scene) return null
  let s = scene
  try {
    s = decodeURIComponent(scene)
  } catch {
    return null
  }
  const hex = s.replace(/-/g, '').toLowerCase()
  if (!/^[0-9a-f]{32}$/.test(hex)) return null
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

// ================================================================ the fair-staff picker

/**
 * `GET /api/fair-staff` (school staff, platform admins): the fair-staff accounts the caller may
 * assign to events (school staff: of their school or of no school, by the `app_users_read`
 * policy; admins: all), by display name then id. `q`: part of the name (trimmed; empty = all).
 * `cursor`: the previous page's `nextCursor` (keyset on name and id; opaque).
 */
export const FairStaffListQuery = z.object({
  q: blank(z.string('搜索内容格式不正确').trim().max(30, '搜索内容不能超过30个字')),
  cursor: blank(z.string().max(200, '分页参数无效')),
})
/** What a client may send (written out: preprocess would type the input `unknown`). */
export interface FairStaffListQuery {
  q?: string
  cursor?: string
}

export const FairStaffMember = z.object({
  userId: z.string().uuid(),
  displayName: z.string(),
  /** the school the account belongs to; null for fair staff of no school (any school may assign them) */
  schoolName: z.string().nullable(),
})
export type FairStaffMember = z.infer<typeof FairStaffMember>

export const FairStaffList = z.object({ items: z.array(FairStaffMember), nextCursor: z.string().nullable() })
export type FairStaffList = z.infer<typeof FairStaffList>
