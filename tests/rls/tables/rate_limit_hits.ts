import { serviceOnly } from '../spec'

const WINDOW = new Date('2026-01-01T00:00:00Z')

/** Throttling counters: the system only (a user must not reset their own limit). */
export default serviceOnly({
  table: 'rate_limit_hits',
  key: ['bucket', 'window_start'],
  seed: async (db) => {
    await db.query(
      `insert into public.rate_limit_hits (bucket, window_start, window_end, hits)
       values ('login:ip:1', $1, $1::timestamptz + interval '1 minute', 9)`,
      [WINDOW],
    )
    return { login: { bucket: 'login:ip:1', window_start: WINDOW } }
  },
  rowLabels: ['login'],
  inserts: {
    new: { values: () => ({ bucket: 'login:ip:2', window_start: WINDOW, window_end: WINDOW, hits: 0 }) },
  },
  updates: { resetLogin: { row: 'login', set: () => ({ hits: 0 }) } },
})
