import { all, defineTable, everyone } from '../spec'

const rows = ['a', 'b', 'v']
const verify = (row: string) => ({
  row,
  set: ({ me }: { me: string | null }) => ({ verified: true, verified_at: new Date(), verified_by: me }),
})
const signedIn = { a: 'hidden', b: 'hidden', v: 'visible' } as const

/**
 * Verified companies are public to signed-in users; a member also sees their own unverified
 * company; platform admins see all. No user role updates a company: admins verify through
 * app.verify_company (tests/rls/functions), so a direct update is refused for everyone.
 */
export default defineTable({
  table: 'companies',
  seed: (_db, w) => ({ a: { id: w.companies.a }, b: { id: w.companies.b }, v: { id: w.companies.v } }),
  inserts: { new: { values: () => ({ name: '新公司有限公司' }) } },
  updates: {
    verifyA: verify('a'),
    verifyB: verify('b'),
    renameV: { row: 'v', set: () => ({ name: '改名公司' }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: signedIn,
      applicant: signedIn,
      employer: { a: 'visible', b: 'hidden', v: 'visible' },
      schoolStaff: signedIn,
      collegeStaff: signedIn,
      fairStaff: signedIn,
      admin: all('visible', rows),
    },
    insert: everyone({ new: 'denied' }),
    update: everyone(all('denied', ['verifyA', 'verifyB', 'renameV'])),
    delete: everyone({ b: 'denied' }),
  },
})
