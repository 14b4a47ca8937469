import { randomUUID } from 'node:crypto'
import { all, defineTable, everyone, sees } from '../spec'

const ROWS = ['mine', 'a2', 'b1'] as const
const KEY = Buffer.alloc(32, 3)

/**
 * Tickets (000710): a student reads their own; school staff read their school's events' tickets
 * (read-only); fair staff read none (000720's door list serves them); nobody writes directly:
 * registering and cancelling are functions, and no role may set a ticket's status.
 */
export default defineTable({
  table: 'tickets',
  seed: async (db, w) => {
    const make = async (eventId: string, userId: string) => {
      const id = randomUUID()
      await db.query(
        `insert into public.tickets (id, event_id, user_id, public_key, holder_name) values ($1, $2, $3, $4, '矩阵同学')`,
        [id, eventId, userId, KEY],
      )
      return { id }
    }
    return {
      mine: await make(w.events.a, w.users.student.id),
      a2: await make(w.events.a, w.users.studentA2.id),
      b1: await make(w.events.b, w.users.studentB1.id),
    }
  },
  inserts: {
    // a ticket of one's own, skipping app.register_event (and the capacity counter)
    own: {
      values: ({ w, me }) => ({
        id: randomUUID(),
        event_id: w.events.b,
        user_id: me ?? w.users.student.id,
        public_key: KEY,
        holder_name: '自己发券',
      }),
    },
  },
  updates: {
    reactivate: { row: 'mine', set: () => ({ status: 'cancelled', cancelled_at: new Date() }) },
    reminded: { row: 'mine', set: () => ({ reminded_at: new Date() }) },
  },
  cases: {
    select: {
      anon: all('denied', ROWS),
      student: sees(['mine'], ROWS),
      applicant: sees([], ROWS),
      employer: sees([], ROWS),
      schoolStaff: sees(['mine', 'a2'], ROWS),
      collegeStaff: sees(['mine', 'a2'], ROWS),
      fairStaff: sees([], ROWS),
      admin: sees([], ROWS),
    },
    insert: everyone({ own: 'denied' }),
    update: everyone({ reactivate: 'denied', reminded: 'denied' }),
    delete: everyone({ mine: 'denied', b1: 'denied' }),
  },
})
