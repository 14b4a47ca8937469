import type { MessageKind } from '../../../src/contracts/messages'
import {
  CAREER_PAGE,
  EMPLOYER_APPLICATION_PAGE,
  EMPLOYER_SIGNING_PAGE,
  EMPLOYER_SIGNING_TERMINATION_PAGE,
  EVENT_DETAIL_PAGE,
  JOB_DETAIL_PAGE,
  PROCEDURE_HISTORY_PAGE,
  PUSHES_PAGE,
  RECOMMENDATION_PAGE,
  SIGNING_AGREEMENT_PAGE,
  SIGNING_DESTINATION_PAGE,
  SIGNING_INVITATION_PAGE,
  SIGNING_PAGE,
  SIGNING_TERMINATION_PAGE,
  SOURCE_INFO_PAGE,
  TICKET_PAGE,
} from '../../../src/services/routes'

/**
 * What a notification says: every kind the product sends, and its inbox rendering (title, body,
 * the page it opens). `notify` (index.ts) writes it; templates.ts maps it to WeChat.
 */
export type Notification = Delivery &
  (
    | {
        kind: 'interview_invited'
        to: string
        interviewId: string
        jobTitle: string
        companyName: string
        mode: 'onsite' | 'video'
        startsAt: Date | string
      }
    | {
        kind: 'interview_answered'
        to: string
        applicationId: string
        applicantName: string
        jobTitle: string
        accepted: boolean
      }
    | {
        kind: 'interview_result'
        to: string
        jobTitle: string
        companyName: string
        result: 'passed' | 'failed' | 'pending'
      }
    | {
        kind: 'interview_cancelled'
        to: string
        jobTitle: string
        companyName: string
        startsAt: Date | string
      }
    | {
        kind: 'job_invited'
        to: string
        jobTitle: string
        companyName: string
        note: string | null
      }
    | {
        kind: 'application_status'
        to: string
        jobTitle: string
        companyName: string
        status: 'unsuitable' | 'hired'
      }
    | {
        /** to each holder of an active ticket when school staff cancel the event (api/_lib/events/manage.ts) */
        kind: 'event_cancelled'
        to: string
        eventId: string
        eventTitle: string
        startsAt: Date | string
      }
    | {
        /** one newly published job matched to the student's intention, sent at once (api/_lib/push/) */
        kind: 'job_pushed'
        to: string
        jobId: string
        jobTitle: string
        companyName: string
        /** "why this job": the criteria of the intention that matched, in Chinese (城市：杭州 …) */
        reasons: readonly string[]
      }
    | {
        /** the day's matched jobs of a student who chose the daily digest, in one message */
        kind: 'job_digest'
        to: string
        /** the digest's day in China time, 'YYYY-MM-DD' */
        day: string
        count: number
        /** the first few jobs' titles, best first */
        topTitles: readonly string[]
      }
    | {
        /** after a successful scan at the gate, to the ticket's holder (api/_lib/checkin/confirmations.ts) */
        kind: 'checkin_confirmed'
        to: string
        ticketId: string
        eventTitle: string
        gate: string
        checkedInAt: Date | string
      }
    | {
        /** the school decided one of the student's procedures (api/_lib/review/decide.ts) */
        kind: 'review_decided'
        to: string
        reviewKind:
          | 'source_info'
          | 'correction'
          | 'recommendation'
          | 'agreement'
          | 'destination'
          | 'destination_request'
          | 'termination'
        approved: boolean
        reason: string | null
        decidedAt: Date | string
      }
    | {
        /** an employer sent the student a signing invitation (api/_lib/signing/invitations.ts) */
        kind: 'signing_invited'
        to: string
        invitationId: string
        companyName: string
        position: string
        replyBy: Date | string
      }
    | {
        /** the student accepted or declined, to each member of the company (inbox only) */
        kind: 'signing_answered'
        to: string
        invitationId: string
        studentName: string
        position: string
        accepted: boolean
      }
    | {
        /** the company amended the agreement: the student confirms it again (api/_lib/signing/agreements.ts) */
        kind: 'agreement_amended'
        to: string
        agreementId: string
        employerName: string
        position: string
      }
    | {
        /** the school returned an online agreement: the company amends it (api/_lib/review/decide.ts) */
        kind: 'agreement_returned'
        to: string
        agreementId: string
        studentName: string
        position: string
        reason: string | null
      }
    | {
        /** a step of a termination (解约), to the other party or both (api/_lib/signing/termination-steps.ts) */
        kind: 'termination_step'
        to: string
        terminationId: string
        step: 'proposed' | 'agreed' | 'declined' | 'withdrawn' | 'approved' | 'rejected' | 'forced'
        /** who reads it: the student's page or the employer's */
        audience: 'student' | 'employer'
        /** 「单位 · 岗位」 or the destination */
        subject: string
        at: Date | string
      }
    | {
        /** the day before an event, to each holder of an active ticket (api/_lib/events/reminders.ts) */
        kind: 'event_reminder'
        to: string
        ticketId: string
        eventTitle: string
        venue: string | null
        startsAt: Date | string
      }
  )

/** How a notification is delivered; both optional. */
export interface Delivery {
  /**
   * The same key never makes a second message (nor a second WeChat send): the event's identity,
   * e.g. `job_pushed:<job>:<student>`. Without one every call is a new message.
   */
  idempotencyKey?: string
  /** Not sent to WeChat before this moment (quiet hours); the inbox message exists at once. */
  sendAfter?: Date | string
}

export interface RenderedMessage {
  userId: string
  kind: MessageKind
  title: string
  body: string
  link: string | null
}

const WHEN = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

/** "2026年12月3日 14:30", in China time whatever the server's zone */
export function formatChinaTime(at: Date | string): string {
  return WHEN.format(typeof at === 'string' ? new Date(at) : at)
}

const INTERVIEWS_TAB = `${CAREER_PAGE}?tab=interviews`
const APPLICATIONS_TAB = `${CAREER_PAGE}?tab=applications`
const INVITES_TAB = `${CAREER_PAGE}?tab=invites`

const REVIEWED_ITEM = {
  source_info: '生源信息',
  correction: '信息纠错申请',
  recommendation: '就业推荐表',
  agreement: '三方协议',
  destination: '毕业去向登记',
  destination_request: '毕业去向更正/删除申请',
  termination: '解约申请',
} as const
const REVIEWED_PAGE = {
  source_info: SOURCE_INFO_PAGE,
  correction: PROCEDURE_HISTORY_PAGE,
  recommendation: RECOMMENDATION_PAGE,
  agreement: SIGNING_PAGE,
  destination: SIGNING_DESTINATION_PAGE,
  destination_request: SIGNING_DESTINATION_PAGE,
  termination: SIGNING_TERMINATION_PAGE,
} as const

/** What follows a return: a procedure is resubmitted by the student, an agreement amended by the employer. */
const AFTER_RETURN = {
  source_info: '请修改后重新提交。',
  correction: '',
  recommendation: '请修改后重新提交。',
  agreement: '线上签约由用人单位修改后请重新确认；线下签约请重新上传扫描件后提交。',
  destination: '请修改后重新提交。',
  destination_request: '',
  termination: '',
} as const

const TERMINATION_STEP_TITLES = {
  proposed: '申请待您答复',
  agreed: '对方已同意，待学校审核',
  declined: '对方不同意',
  withdrawn: '申请已撤回',
  approved: '已经学校审核通过',
  rejected: '学校未同意',
  forced: '已由学校强制解约',
} as const

/** Title ≤ 100, body ≤ 2000 (the messages checks); job titles are ≤ 50 and names ≤ 100. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

export function render(n: Notification): RenderedMessage {
  switch (n.kind) {
    case 'interview_invited':
      return {
        userId: n.to,
        kind: 'interview_invitation',
        title: clip(`面试邀请：${n.jobTitle}`, 100),
        body: `${n.companyName}邀请您参加「${n.jobTitle}」的${n.mode === 'video' ? '视频面试' : '现场面试'}，时间：${formatChinaTime(n.startsAt)}。请在面试邀请中查看详情并接受或拒绝。`,
        link: INTERVIEWS_TAB,
      }
    case 'interview_answered':
      return {
        userId: n.to,
        kind: 'interview_invitation',
        title: clip(`${n.applicantName}${n.accepted ? '接受' : '拒绝'}了面试邀请`, 100),
        body: `${n.applicantName}${n.accepted ? '已接受' : '已拒绝'}「${n.jobTitle}」的面试邀请。`,
        link: `${EMPLOYER_APPLICATION_PAGE}?id=${n.applicationId}`,
      }
    case 'interview_result': {
      const words = { passed: '通过', failed: '未通过', pending: '待定' }[n.result]
      return {
        userId: n.to,
        kind: 'interview_invitation',
        title: clip(`面试结果：${n.jobTitle}`, 100),
        body: `您在${n.companyName}「${n.jobTitle}」的面试结果：${words}。`,
        link: INTERVIEWS_TAB,
      }
    }
    case 'interview_cancelled':
      return {
        userId: n.to,
        kind: 'interview_invitation',
        title: clip(`面试已取消：${n.jobTitle}`, 100),
        body: `${n.companyName}取消了原定于${formatChinaTime(n.startsAt)}的「${n.jobTitle}」面试。`,
        link: INTERVIEWS_TAB,
      }
    case 'job_invited':
      return {
        userId: n.to,
        kind: 'job_invitation',
        title: clip(`职位邀请：${n.jobTitle}`, 100),
        body: clip(`${n.companyName}邀请您投递「${n.jobTitle}」。${n.note ? `留言：${n.note}` : ''}`, 2000),
        link: INVITES_TAB,
      }
    case 'application_status':
      return {
        userId: n.to,
        kind: 'application_update',
        title: clip(`投递进展：${n.jobTitle}`, 100),
        body:
          n.status === 'hired'
            ? `恭喜！${n.companyName}决定录用您（「${n.jobTitle}」）。`
            : `${n.companyName}认为您的简历与「${n.jobTitle}」暂不匹配，感谢您的投递。`,
        link: APPLICATIONS_TAB,
      }
    case 'event_cancelled':
      return {
        userId: n.to,
        kind: 'event_reminder',
        title: clip(`活动取消：${n.eventTitle}`, 100),
        body: clip(
          `您报名的「${n.eventTitle}」（原定于${formatChinaTime(n.startsAt)}开始）已取消，入场券随之作废。`,
          2000,
        ),
        link: `${EVENT_DETAIL_PAGE}?id=${n.eventId}`,
      }
    case 'job_pushed':
      return {
        userId: n.to,
        kind: 'job_push',
        title: clip(`职位推荐：${n.jobTitle}`, 100),
        body: clip(
          `${n.companyName}发布了「${n.jobTitle}」，与您的求职意向相符${n.reasons.length ? `（${n.reasons.join('；')}）` : ''}。`,
          2000,
        ),
        link: `${JOB_DETAIL_PAGE}?id=${n.jobId}`,
      }
    case 'job_digest':
      return {
        userId: n.to,
        kind: 'job_push',
        title: clip(`今日职位推荐：${n.count}个新职位`, 100),
        body: clip(
          `${n.day}，有${n.count}个新职位与您的求职意向相符${n.topTitles.length ? `：${n.topTitles.map((t) => `「${t}」`).join('、')}${n.count > n.topTitles.length ? '等' : ''}` : ''}。`,
          2000,
        ),
        link: PUSHES_PAGE,
      }
    case 'checkin_confirmed':
      return {
        userId: n.to,
        kind: 'event_reminder',
        title: clip(`签到成功：${n.eventTitle}`, 100),
        body: clip(`您已于${formatChinaTime(n.checkedInAt)}在${n.gate}签到「${n.eventTitle}」。`, 2000),
        link: `${TICKET_PAGE}?id=${n.ticketId}`,
      }
    case 'event_reminder':
      return {
        userId: n.to,
        kind: 'event_reminder',
        title: clip(`活动提醒：${n.eventTitle}`, 100),
        body: clip(
          `您报名的「${n.eventTitle}」将于${formatChinaTime(n.startsAt)}开始${n.venue ? `，地点：${n.venue}` : ''}。入场时请出示入场券二维码。`,
          2000,
        ),
        link: `${TICKET_PAGE}?id=${n.ticketId}`,
      }
    case 'review_decided': {
      const item = REVIEWED_ITEM[n.reviewKind]
      const outcome = n.approved
        ? '审核通过'
        : n.reviewKind === 'correction' || n.reviewKind === 'destination_request'
          ? '已驳回'
          : '已退回'
      return {
        userId: n.to,
        kind: 'review_result',
        title: clip(`${item}${outcome}`, 100),
        body: clip(
          n.approved
            ? `您的${item}已于${formatChinaTime(n.decidedAt)}审核通过。`
            : `您的${item}${outcome}${n.reason ? `，原因：${n.reason}` : ''}。${AFTER_RETURN[n.reviewKind]}`,
          2000,
        ),
        link: REVIEWED_PAGE[n.reviewKind],
      }
    }
    case 'signing_invited':
      return {
        userId: n.to,
        kind: 'signing_invitation',
        title: clip(`签约邀请：${n.position}`, 100),
        body: clip(
          `${n.companyName}邀请您签订「${n.position}」的就业协议，请于${formatChinaTime(n.replyBy)}前答复。`,
          2000,
        ),
        link: `${SIGNING_INVITATION_PAGE}?id=${n.invitationId}`,
      }
    case 'signing_answered':
      return {
        userId: n.to,
        kind: 'signing_invitation',
        title: clip(`${n.studentName}${n.accepted ? '接受' : '拒绝'}了签约邀请`, 100),
        body: clip(
          n.accepted
            ? `${n.studentName}已接受「${n.position}」的签约邀请，协议已提交学校审核。`
            : `${n.studentName}已拒绝「${n.position}」的签约邀请。`,
          2000,
        ),
        link: EMPLOYER_SIGNING_PAGE,
      }
    case 'agreement_returned':
      return {
        userId: n.to,
        kind: 'signing_invitation',
        title: clip(`${n.studentName}的三方协议被学校退回`, 100),
        body: clip(
          `学校退回了${n.studentName}「${n.position}」的三方协议${n.reason ? `，原因：${n.reason}` : ''}。请在签约管理中修改条款，学生确认后重新送审。`,
          2000,
        ),
        link: EMPLOYER_SIGNING_PAGE,
      }
    case 'agreement_amended':
      return {
        userId: n.to,
        kind: 'signing_invitation',
        title: clip(`协议待确认：${n.position}`, 100),
        body: clip(`${n.employerName}修改了「${n.position}」的协议条款，请查看并确认后提交学校审核。`, 2000),
        link: `${SIGNING_AGREEMENT_PAGE}?id=${n.agreementId}`,
      }
    case 'termination_step':
      return {
        userId: n.to,
        kind: 'signing_invitation',
        title: clip(`解约${TERMINATION_STEP_TITLES[n.step]}：${n.subject}`, 100),
        body: clip(
          `「${n.subject}」的解约${TERMINATION_STEP_TITLES[n.step]}（${formatChinaTime(n.at)}）。`,
          2000,
        ),
        link: `${n.audience === 'student' ? SIGNING_TERMINATION_PAGE : EMPLOYER_SIGNING_TERMINATION_PAGE}?id=${n.terminationId}`,
      }
    default: {
      const unknown: never = n
      throw new Error(`unknown notification ${JSON.stringify(unknown)}`)
    }
  }
}
