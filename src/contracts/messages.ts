import { z } from 'zod'

export const MessageKind = z.enum([
  'system',
  'signing_invitation',
  'interview_invitation',
  'review_result',
  'termination_request',
  'event_reminder',
  'job_push',
  'job_invitation',
  'application_update',
])
export type MessageKind = z.infer<typeof MessageKind>

export const Message = z.object({
  id: z.string().uuid(),
  kind: MessageKind,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
})
export type Message = z.infer<typeof Message>

export const MessageListQuery = z.object({
  unread: z.enum(['1', '0']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** opaque cursor: the createdAt|id of the last message of the previous page */
  before: z.string().max(100).optional(),
})
export type MessageListQuery = z.infer<typeof MessageListQuery>

export const MessageListResponse = z.object({
  items: z.array(Message),
  unreadCount: z.number().int().nonnegative(),
  nextCursor: z.string().nullable(),
})
export type MessageListResponse = z.infer<typeof MessageListResponse>

export const MarkReadResponse = z.object({ message: Message })
export type MarkReadResponse = z.infer<typeof MarkReadResponse>

/** 全部已读: how many of the caller's messages it marked; nothing is unread afterwards. */
export const MarkAllReadResponse = z.object({ marked: z.number().int().nonnegative() })
export type MarkAllReadResponse = z.infer<typeof MarkAllReadResponse>
