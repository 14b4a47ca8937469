import { serviceOnly } from '../spec'

/** Fan-out notification batches (000930): written by notify(), expanded by the cron; nobody else. */
export default serviceOnly({
  table: 'notification_batches',
  key: ['id'],
  seed: async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.notification_batches (notifications, total) values ('[{"kind": "job_digest"}]', 1) returning id`,
    )
    return { batch: { id: rows[0]!.id } }
  },
  rowLabels: ['batch'],
  inserts: { forge: { values: () => ({ notifications: [], total: 1 }) } },
  updates: { skip: { row: 'batch', set: () => ({ done: 1, finished_at: new Date() }) } },
})
