import { all, defineTable, everyone, sees } from '../spec'

const rows = ['student', 'studentA2']

/**
 * WeChat deliveries (000900): written only by notify() and the sender (service_role); platform
 * admins read them (the dead letters and their reasons), nobody else — not even the recipient,
 * whose inbox is `messages`.
 */
export default defineTable({
  table: 'message_deliveries',
  key: ['id'],
  seed: async (db, w) => {
    const out: Record<string, { id: string }> = {}
    for (const label of rows) {
      const user = w.users[label as keyof typeof w.users].id
      const { rows: r } = await db.query<{ id: string }>(
        `with m as (
           insert into public.messages (user_id, kind, title, body) values ($1, 'system', '矩阵', '投递') returning id
         )
         insert into public.message_deliveries (message_id, user_id, channel, kind, template_id, payload)
         select m.id, $1, 'subscribe', 'interview_invited', 'tpl-matrix', '{"data": {}}' from m returning id`,
        [user],
      )
      out[label] = { id: r[0]!.id }
    }
    return out
  },
  inserts: {
    toSelf: {
      values: ({ me }) => ({
        message_id: '00000000-0000-4000-8000-000000000000',
        user_id: me,
        channel: 'subscribe',
        kind: 'interview_invited',
        template_id: 'tpl-x',
        payload: {},
      }),
    },
  },
  updates: {
    markSent: { row: 'student', set: () => ({ status: 'queued', attempts: 0 }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees([], rows),
      applicant: sees([], rows),
      employer: sees([], rows),
      schoolStaff: sees([], rows),
      collegeStaff: sees([], rows),
      fairStaff: sees([], rows),
      admin: sees(rows, rows),
    },
    insert: everyone({ toSelf: 'denied' }),
    update: everyone({ markSent: 'denied' }),
    delete: everyone(all('denied', rows)),
  },
})
