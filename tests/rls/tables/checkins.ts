import { randomUUID } from 'node:crypto'
import { all, defineTable, everyone, sees } from '../spec'

const rows = ['aFair', 'aSchool', 'bFair']
const nobody = sees([], rows)

/**
 * Every scan at a gate (000720). School staff of the event's school read its scans; fair staff
 * read the scans they recorded; students and everyone else nothing. No user role writes: rows come
 * only from app.record_scans (the service path, after the API checked the code's signature).
 */
export default defineTable({
  table: 'checkins',
  seed: async (db, w) => {
    const add = async (eventId: string, staffId: string) => {
      const { rows: r } = await db.query<{ id: string }>(
        `insert into public.checkins (event_id, gate, staff_id, nonce, outcome, scanned_at, code)
         values ($1, '东门', $2, $3, 'invalid', now(), 'forged') returning id`,
        [eventId, staffId, randomUUID()],
      )
      return { id: r[0]!.id }
    }
    return {
      aFair: await add(w.events.a, w.users.fairStaff.id),
      aSchool: await add(w.events.a, w.users.schoolStaff.id),
      bFair: await add(w.events.b, w.users.fairStaffB.id),
    }
  },
  inserts: {
    // a fair staff member recording their own "scan" straight into the table
    ownScan: {
      values: ({ w, me }) => ({
        event_id: w.events.a,
        gate: '东门',
        staff_id: me,
        nonce: randomUUID(),
        outcome: 'ok',
        scanned_at: new Date(),
      }),
    },
  },
  updates: {
    passIt: { row: 'aFair', set: () => ({ outcome: 'ok' }) },
    moveIt: { row: 'aFair', set: ({ w }) => ({ event_id: w.events.b }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: nobody,
      applicant: nobody,
      employer: nobody,
      schoolStaff: sees(['aFair', 'aSchool'], rows),
      collegeStaff: sees(['aFair', 'aSchool'], rows),
      fairStaff: sees(['aFair'], rows),
      admin: nobody,
    },
    insert: everyone({ ownScan: 'denied' }),
    update: everyone({ passIt: 'denied', moveIt: 'denied' }),
    delete: everyone(all('denied', rows)),
  },
})
