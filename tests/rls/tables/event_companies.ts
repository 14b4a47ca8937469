import { defineTable, everyone, sees } from '../spec'

const ROWS = ['aPending', 'aApproved', 'draftApproved', 'bApproved', 'bPending'] as const
const publicRows = sees(['aApproved', 'bApproved'], ROWS)

/**
 * Fair applications (000710): everyone (anon too) reads the approved participants of published
 * events; an employer its own company's rows; school staff every row of their school's events.
 * Nobody writes directly: apply, withdraw and decide are functions (tests/rls/functions/app).
 */
export default defineTable({
  table: 'event_companies',
  key: ['event_id', 'company_id'],
  // anon's column grant: who takes part and where (not the notes, not who applied or decided)
  selectColumns: ['event_id', 'company_id', 'status', 'booth', 'job_ids'],
  seed: async (db, w) => {
    const rows = {
      aPending: { event_id: w.events.a, company_id: w.companies.a, status: 'pending', booth: null },
      aApproved: { event_id: w.events.a, company_id: w.companies.v, status: 'approved', booth: 'A1' },
      draftApproved: {
        event_id: w.events.aDraft,
        company_id: w.companies.v,
        status: 'approved',
        booth: 'D1',
      },
      bApproved: { event_id: w.events.b, company_id: w.companies.b, status: 'approved', booth: 'B1' },
      bPending: { event_id: w.events.b, company_id: w.companies.a, status: 'pending', booth: null },
    }
    for (const r of Object.values(rows)) {
      await db.query(
        'insert into public.event_companies (event_id, company_id, status, booth) values ($1, $2, $3, $4)',
        [r.event_id, r.company_id, r.status, r.booth],
      )
    }
    return Object.fromEntries(
      Object.entries(rows).map(([k, r]) => [k, { event_id: r.event_id, company_id: r.company_id }]),
    )
  },
  inserts: {
    // an employer approving itself onto a fair, booth and all
    selfApproved: {
      values: ({ w }) => ({
        event_id: w.events.aDraft,
        company_id: w.companies.a,
        status: 'approved',
        booth: 'Z9',
      }),
    },
  },
  updates: {
    approvePending: { row: 'aPending', set: () => ({ status: 'approved', booth: 'A9' }) },
    moveBooth: { row: 'aApproved', set: () => ({ booth: 'A2' }) },
  },
  cases: {
    select: {
      anon: publicRows,
      student: publicRows,
      applicant: publicRows,
      employer: sees(['aPending', 'aApproved', 'bApproved', 'bPending'], ROWS),
      schoolStaff: sees(['aPending', 'aApproved', 'draftApproved', 'bApproved'], ROWS),
      collegeStaff: sees(['aPending', 'aApproved', 'draftApproved', 'bApproved'], ROWS),
      fairStaff: publicRows,
      admin: publicRows,
    },
    insert: everyone({ selfApproved: 'denied' }),
    update: everyone({ approvePending: 'denied', moveBooth: 'denied' }),
    delete: everyone({ aPending: 'denied', aApproved: 'denied', bPending: 'denied' }),
  },
})
