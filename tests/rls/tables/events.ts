import { type Ctx, defineTable, everyone } from '../spec'

const future = (hours: number) => new Date(Date.now() + hours * 3600_000)
const draftOf =
  (school: 'a' | 'b', extra: Record<string, unknown> = {}) =>
  ({ w, me }: Ctx) => ({
    school_id: w.schools[school],
    kind: 'info_session',
    mode: 'online',
    title: '宣讲会',
    starts_at: future(24),
    ends_at: future(26),
    created_by: me,
    ...extra,
  })
const staff = {
  insert: { schoolA: 'denied', staffDraft: 'allowed', otherSchool: 'denied', published: 'denied' },
  update: {
    publishDraft: 'denied',
    cancelB: 'denied',
    retitleDraft: 'allowed',
    retitlePublished: 'noop',
    counter: 'denied',
  },
} as const
const others = {
  insert: { schoolA: 'denied', staffDraft: 'denied', otherSchool: 'denied', published: 'denied' },
  update: {
    publishDraft: 'denied',
    cancelB: 'denied',
    retitleDraft: 'noop',
    retitlePublished: 'noop',
    counter: 'denied',
  },
} as const
const anon = {
  insert: others.insert,
  update: { ...others.update, retitleDraft: 'denied', retitlePublished: 'denied' },
} as const

/**
 * Events (000710): published ones are public (anon included); signed-in users also read cancelled
 * ones (a ticket's page shows its event); drafts only their school's staff. School staff create
 * drafts of their own school as themselves and edit their school's drafts — content columns only:
 * status, the counter and published_at move through app.publish_event / app.cancel_event /
 * app.register_event, never a grant.
 */
export default defineTable({
  table: 'events',
  seed: async (db, w) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.events (school_id, kind, mode, title, venue, starts_at, ends_at, status)
       values ($1, 'fair', 'onsite', '已取消的双选会', '体育馆', now() + interval '9 days', now() + interval '9 days 3 hours', 'cancelled')
       returning id`,
      [w.schools.b],
    )
    return {
      a: { id: w.events.a },
      aDraft: { id: w.events.aDraft },
      b: { id: w.events.b },
      bCancelled: { id: rows[0]!.id },
    }
  },
  inserts: {
    // created_by is not the caller (left out): the policy refuses it even for staff
    schoolA: { values: (c) => ({ ...draftOf('a')(c), created_by: undefined }) },
    staffDraft: { values: draftOf('a') },
    otherSchool: { values: draftOf('b') },
    // status is not granted: a new event is a draft
    published: { values: draftOf('a', { status: 'published' }) },
  },
  updates: {
    publishDraft: { row: 'aDraft', set: () => ({ status: 'published' }) },
    cancelB: { row: 'b', set: () => ({ status: 'cancelled' }) },
    retitleDraft: { row: 'aDraft', set: () => ({ title: '改名的草稿' }) },
    retitlePublished: { row: 'a', set: () => ({ title: '改名的已发布活动' }) },
    counter: { row: 'a', set: () => ({ registered_count: 0 }) },
  },
  cases: {
    select: {
      ...everyone({ a: 'visible', aDraft: 'hidden', b: 'visible', bCancelled: 'visible' }),
      anon: { a: 'visible', aDraft: 'hidden', b: 'visible', bCancelled: 'hidden' },
      schoolStaff: { a: 'visible', aDraft: 'visible', b: 'visible', bCancelled: 'visible' },
      collegeStaff: { a: 'visible', aDraft: 'visible', b: 'visible', bCancelled: 'visible' },
    },
    insert: {
      ...everyone(others.insert),
      anon: anon.insert,
      schoolStaff: staff.insert,
      collegeStaff: staff.insert,
    },
    update: {
      ...everyone(others.update),
      anon: anon.update,
      schoolStaff: staff.update,
      collegeStaff: staff.update,
    },
    delete: everyone({ aDraft: 'denied', b: 'denied' }),
  },
})
