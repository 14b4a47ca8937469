import { defineTable, everyone } from '../spec'

/** Published events are public (anon included); drafts only their school's staff see; writes are the system's. */
export default defineTable({
  table: 'events',
  seed: (_db, w) => ({ a: { id: w.events.a }, aDraft: { id: w.events.aDraft }, b: { id: w.events.b } }),
  inserts: {
    schoolA: {
      values: ({ w }) => ({
        school_id: w.schools.a,
        kind: 'info_session',
        mode: 'online',
        title: '宣讲会',
        starts_at: new Date(Date.now() + 86_400_000),
        ends_at: new Date(Date.now() + 90_000_000),
      }),
    },
  },
  updates: {
    publishDraft: { row: 'aDraft', set: () => ({ status: 'published' }) },
    cancelB: { row: 'b', set: () => ({ status: 'cancelled' }) },
  },
  cases: {
    select: {
      ...everyone({ a: 'visible', aDraft: 'hidden', b: 'visible' }),
      schoolStaff: { a: 'visible', aDraft: 'visible', b: 'visible' },
      collegeStaff: { a: 'visible', aDraft: 'visible', b: 'visible' },
    },
    insert: everyone({ schoolA: 'denied' }),
    update: everyone({ publishDraft: 'denied', cancelB: 'denied' }),
    delete: everyone({ aDraft: 'denied', b: 'denied' }),
  },
})
