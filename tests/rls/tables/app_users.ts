import { all, defineTable, everyone, sees } from '../spec'
import { USERS } from '../world'

const rows = [...USERS]

/**
 * Everyone reads their own row; school staff read the students of their school (college-level
 * staff: of their college, by the bound roster record) and look up fair staff of their school or
 * of none; admins read all. Nobody writes user rows directly (the API does, as the system).
 */
export default defineTable({
  table: 'app_users',
  seed: (_db, w) => Object.fromEntries(USERS.map((u) => [u, { id: w.users[u].id }])),
  inserts: {
    newStudent: { values: () => ({ role: 'student', display_name: '新用户' }) },
  },
  updates: {
    promoteSelf: { row: ({ me }) => ({ id: me }), set: () => ({ role: 'platform_admin' }) },
    renameStudent: { row: 'student', set: () => ({ display_name: '改名' }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['student'], rows),
      applicant: sees(['applicant'], rows),
      employer: sees(['employer'], rows),
      // not: students of school B, unbound applicants, other staff, fair staff of school B
      schoolStaff: sees(['schoolStaff', 'student', 'studentA2', 'fairStaff'], rows),
      // not studentA2 (college Lang)
      collegeStaff: sees(['collegeStaff', 'student', 'fairStaff'], rows),
      fairStaff: sees(['fairStaff'], rows),
      admin: all('visible', rows),
    },
    insert: everyone({ newStudent: 'denied' }),
    update: everyone({ promoteSelf: 'denied', renameStudent: 'denied' }),
    delete: everyone({ student: 'denied', employerB: 'denied' }),
  },
})
