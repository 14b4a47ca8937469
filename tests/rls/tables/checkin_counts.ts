import { serviceOnly } from '../spec'

const BUCKET = new Date('2026-12-01T09:00:00Z')

/** Live check-in counts (000720): written with each scan by app.record_scans, read through app.checkin_stats. */
export default serviceOnly({
  table: 'checkin_counts',
  key: ['event_id', 'gate', 'bucket'],
  seed: async (db, w) => {
    await db.query(
      `insert into public.checkin_counts (event_id, gate, bucket, ok_count, failed_count) values ($1, '东门', $2, 5, 1)`,
      [w.events.a, BUCKET],
    )
    return { a: { event_id: w.events.a, gate: '东门', bucket: BUCKET } }
  },
  rowLabels: ['a'],
  inserts: {
    inflate: { values: ({ w }) => ({ event_id: w.events.a, gate: '西门', bucket: BUCKET, ok_count: 999 }) },
  },
  updates: { reset: { row: 'a', set: () => ({ ok_count: 0 }) } },
})
