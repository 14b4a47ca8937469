import { all, type Ctx, defineTable, everyone, type WriteExpect } from '../spec'

const rows = ['a', 'b', 'v']
const verify = (row: string) => ({
  row,
  set: ({ me }: { me: string | null }) => ({ verified: true, verified_at: new Date(), verified_by: me }),
})
const signedIn = { a: 'hidden', b: 'hidden', v: 'visible' } as const
// the platform verified company A in the same transaction, before the member's write
const verifyA = ({ w }: Ctx) => ({
  sql: 'update public.companies set verified = true where id = $1',
  params: [w.companies.a],
})
const UPDATES = [
  'verifyA',
  'verifyB',
  'renameV',
  'renameA',
  'introA',
  'renameVerifiedA',
  'recodeVerifiedA',
  'introVerifiedA',
  'logoA',
  'moveA',
] as const
// a signed-in user who is no member of A: the grant allows the columns, the policy finds no row
const notMember: Record<string, WriteExpect> = {
  ...all('noop', UPDATES),
  verifyA: 'denied',
  verifyB: 'denied',
  logoA: 'denied',
  moveA: 'denied',
}

/**
 * Verified companies are public, to anon too (the company page works before login; anon's grant
 * is column by column and leaves out who verified it); a member also sees their own unverified
 * company; platform admins see all. Members edit their own company's profile columns; the name
 * and credit code only while it is unverified (trigger companies_10_before_write). Verification
 * is app.verify_company's and the logo app.set_company_logo's (tests/rls/functions): no user role
 * has a grant on those columns.
 */
export default defineTable({
  table: 'companies',
  seed: (_db, w) => ({ a: { id: w.companies.a }, b: { id: w.companies.b }, v: { id: w.companies.v } }),
  // what anon may read (everyone else may read every column)
  selectColumns: [
    'id',
    'name',
    'credit_code',
    'verified',
    'verified_at',
    'company_type',
    'company_size',
    'industry',
    'city',
    'address',
    'intro',
    'website',
    'contact_name',
    'contact_phone',
    'contact_email',
    'logo_path',
    'created_at',
    'updated_at',
  ],
  inserts: { new: { values: () => ({ name: '新公司有限公司' }) } },
  updates: {
    verifyA: verify('a'),
    verifyB: verify('b'),
    renameV: { row: 'v', set: () => ({ name: '改名公司' }) },
    renameA: { row: 'a', set: () => ({ name: '甲方新名称有限公司' }) },
    introA: { row: 'a', set: () => ({ intro: '我们是一家公司', company_type: 'private', city: '杭州' }) },
    renameVerifiedA: { row: 'a', set: () => ({ name: '认证后改名' }), setup: verifyA },
    recodeVerifiedA: { row: 'a', set: () => ({ credit_code: '91330100MA2ABCDE1X' }), setup: verifyA },
    introVerifiedA: { row: 'a', set: () => ({ intro: '认证后改简介' }), setup: verifyA },
    logoA: { row: 'a', set: ({ w }) => ({ logo_path: `companies/${w.companies.a}/x.png` }) },
    moveA: { row: 'a', set: () => ({ id: '00000000-0000-4000-8000-0000000000aa' }) },
  },
  cases: {
    select: {
      anon: signedIn,
      student: signedIn,
      applicant: signedIn,
      employer: { a: 'visible', b: 'hidden', v: 'visible' },
      schoolStaff: signedIn,
      collegeStaff: signedIn,
      fairStaff: signedIn,
      admin: all('visible', rows),
    },
    insert: everyone({ new: 'denied' }),
    update: {
      anon: all('denied', UPDATES),
      student: notMember,
      applicant: notMember,
      employer: {
        ...notMember,
        renameA: 'allowed',
        introA: 'allowed',
        renameVerifiedA: 'denied',
        recodeVerifiedA: 'denied',
        introVerifiedA: 'allowed',
      },
      schoolStaff: notMember,
      collegeStaff: notMember,
      fairStaff: notMember,
      admin: notMember,
    },
    delete: everyone({ b: 'denied' }),
  },
})
