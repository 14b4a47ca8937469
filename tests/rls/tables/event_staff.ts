import { all, defineTable, everyone, sees, type WriteExpect } from '../spec'

const rows = ['a', 'b']
const notStaff: Record<string, WriteExpect> = { ownEvent: 'denied', otherSchoolEvent: 'denied' }

/**
 * Fair staff assignments. School staff (either level) assign fair-staff users to their school's
 * events and remove them; the fair staff member sees their own assignments; admins see all.
 */
export default defineTable({
  table: 'event_staff',
  key: ['event_id', 'user_id'],
  // the assignments themselves are part of the world (they define what the fairStaff actor is)
  seed: (_db, w) => ({
    a: { event_id: w.events.a, user_id: w.users.fairStaff.id },
    b: { event_id: w.events.b, user_id: w.users.fairStaffB.id },
  }),
  inserts: {
    // (re-)assigning fairStaff to school A's published event: the seeded assignment is removed first
    ownEvent: {
      values: ({ w }) => ({ event_id: w.events.a, user_id: w.users.fairStaff.id }),
      setup: ({ w }) => ({
        sql: 'delete from public.event_staff where event_id = $1 and user_id = $2',
        params: [w.events.a, w.users.fairStaff.id],
      }),
    },
    // the policy looks the event up with the caller's rights, and drafts are visible to nobody yet,
    // so staff cannot staff a draft event (see README, findings)
    draftEvent: { values: ({ w }) => ({ event_id: w.events.aDraft, user_id: w.users.fairStaff.id }) },
    otherSchoolEvent: { values: ({ w }) => ({ event_id: w.events.b, user_id: w.users.fairStaff.id }) },
    nonFairUser: { values: ({ w }) => ({ event_id: w.events.a, user_id: w.users.student.id }) },
    // fair staff registered with school B are outside school A's directory, so not assignable by it
    otherSchoolFair: { values: ({ w }) => ({ event_id: w.events.a, user_id: w.users.fairStaffB.id }) },
    selfAssign: { values: ({ w, me }) => ({ event_id: w.events.a, user_id: me }) },
  },
  updates: { moveA: { row: 'a', set: ({ w }) => ({ event_id: w.events.b }) } },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees([], rows),
      applicant: sees([], rows),
      employer: sees([], rows),
      schoolStaff: sees(['a'], rows),
      collegeStaff: sees(['a'], rows),
      fairStaff: sees(['a'], rows),
      admin: sees(['a', 'b'], rows),
    },
    insert: {
      anon: notStaff,
      student: notStaff,
      applicant: notStaff,
      employer: notStaff,
      schoolStaff: {
        ownEvent: 'allowed',
        draftEvent: 'allowed',
        otherSchoolEvent: 'denied',
        nonFairUser: 'denied',
        otherSchoolFair: 'denied',
      },
      collegeStaff: {
        ownEvent: 'allowed',
        draftEvent: 'allowed',
        otherSchoolEvent: 'denied',
        nonFairUser: 'denied',
        otherSchoolFair: 'denied',
      },
      fairStaff: { selfAssign: 'denied', otherSchoolEvent: 'denied' },
      admin: notStaff,
    },
    update: everyone({ moveA: 'denied' }),
    delete: {
      anon: { a: 'denied' },
      student: all('noop', rows),
      applicant: { a: 'noop' },
      employer: { a: 'noop' },
      schoolStaff: { a: 'allowed', b: 'noop' },
      collegeStaff: { a: 'allowed', b: 'noop' },
      // removing oneself is the school's decision
      fairStaff: { a: 'noop', b: 'noop' },
      admin: all('noop', rows),
    },
  },
})
