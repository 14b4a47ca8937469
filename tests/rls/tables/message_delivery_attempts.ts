import { all, defineTable, everyone, sees } from '../spec'

const rows = ['student', 'studentA2']

/** Every send attempt (000900): written by the sender only; platform admins read them. */
export default defineTable({
  table: 'message_delivery_attempts',
  key: ['id'],
  seed: async (db, w) => {
    const out: Record<string, { id: string }> = {}
    for (const label of rows) {
      const user = w.users[label as keyof typeof w.users].id
      const { rows: r } = await db.query<{ id: string }>(
        `with m as (
           insert into public.messages (user_id, kind, title, body) values ($1, 'system', '矩阵', '尝试') returning id
         ), d as (
           insert into public.message_deliveries (message_id, user_id, channel, kind, template_id, payload)
           select m.id, $1, 'subscribe', 'interview_invited', 'tpl-matrix', '{"data": {}}' from m returning id
         )
         insert into public.message_delivery_attempts (delivery_id, attempt, outcome, errcode)
         select d.id, 1, 'retry', 45009 from d returning id::text`,
        [user],
      )
      out[label] = { id: r[0]!.id }
    }
    return out
  },
  inserts: {
    forge: {
      values: () => ({ delivery_id: '00000000-0000-4000-8000-000000000000', attempt: 1, outcome: 'sent' }),
    },
  },
  updates: {
    rewrite: { row: 'student', set: () => ({ outcome: 'sent', errcode: null }) },
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
    insert: everyone({ forge: 'denied' }),
    update: everyone({ rewrite: 'denied' }),
    delete: everyone(all('denied', rows)),
  },
})
