import { randomInt } from 'node:crypto'
import { maskIdCard } from '../../../api/_lib/identity/id-card'
import { encryptIdCard, hashIdCard } from '../../../api/_lib/identity/secrets'
import { makeIdCard } from '../../support/roster-fixtures'
import { all, type Ctx, defineTable, type Row, sees, type WriteExpect } from '../spec'
import { COLLEGE_CS, COLLEGE_LANG } from '../world'

const rows = ['a1', 'a2', 'a3', 'a4', 'b1', 'b2']

function record(school: 'a' | 'b', college: string) {
  return ({ w }: Ctx): Row => {
    const idCard = makeIdCard()
    return {
      school_id: w.schools[school],
      college,
      major: '软件工程',
      degree_level: 'bachelor',
      graduation_year: 2027,
      student_number: `M${randomInt(1e8, 1e9)}`,
      name: '新生',
      id_card_hash: hashIdCard(idCard),
      id_card_masked: maskIdCard(idCard),
      id_card_cipher: encryptIdCard(idCard),
      gender: 'female',
    }
  }
}
const phone = (row: string) => ({ row, set: () => ({ phone: '13900000000', updated_at: new Date() }) })
const noStaffUpdate: Record<string, WriteExpect> = { phoneA1: 'noop', phoneA3: 'noop', rebindA3: 'denied' }
const noStaffDelete: Record<string, WriteExpect> = { a1: 'noop', a3: 'noop', b2: 'noop' }

/**
 * The graduate roster (生源库). The bound student sees their record; school-level staff their
 * school's, college-level staff their college's; admins all. Staff import, correct and delete
 * unbound records in their scope. Nobody but the system reads the ID-card hash or cipher, and
 * binding happens only through bind_roster(), never by writing bound_user_id.
 */
export default defineTable({
  table: 'roster_entries',
  seed: (_db, w) => Object.fromEntries(rows.map((r) => [r, { id: w.roster[r as keyof typeof w.roster] }])),
  selectColumns: [
    'id',
    'school_id',
    'college',
    'name',
    'student_number',
    'id_card_masked',
    'phone',
    'bound_user_id',
  ],
  secretColumns: ['id_card_hash', 'id_card_cipher'],
  inserts: {
    aCS: { values: record('a', COLLEGE_CS) },
    aLang: { values: record('a', COLLEGE_LANG) },
    bCS: { values: record('b', COLLEGE_CS) },
    // a record created already bound (to oneself) would skip the binding checks
    aCSPreBound: { values: (c) => ({ ...record('a', COLLEGE_CS)(c), bound_user_id: c.me }) },
  },
  updates: {
    phoneA1: phone('a1'),
    phoneA2: phone('a2'),
    phoneA3: phone('a3'),
    phoneB1: phone('b1'),
    moveA1ToLang: { row: 'a1', set: () => ({ college: COLLEGE_LANG }) },
    moveA1ToSchoolB: { row: 'a1', set: ({ w }) => ({ school_id: w.schools.b }) },
    rebindA3: { row: 'a3', set: ({ me }) => ({ bound_user_id: me, bound_at: new Date() }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees(['a1'], rows),
      applicant: sees([], rows),
      employer: sees([], rows),
      schoolStaff: sees(['a1', 'a2', 'a3', 'a4'], rows),
      collegeStaff: sees(['a1', 'a3'], rows),
      fairStaff: sees([], rows),
      admin: all('visible', rows),
    },
    insert: {
      anon: { aCS: 'denied' },
      student: { aCS: 'denied', aCSPreBound: 'denied' },
      applicant: { aCS: 'denied', aCSPreBound: 'denied' },
      employer: { aCS: 'denied' },
      schoolStaff: { aCS: 'allowed', aLang: 'allowed', bCS: 'denied', aCSPreBound: 'denied' },
      collegeStaff: { aCS: 'allowed', aLang: 'denied', bCS: 'denied', aCSPreBound: 'denied' },
      fairStaff: { aCS: 'denied' },
      admin: { aCS: 'denied', bCS: 'denied' },
    },
    update: {
      anon: { phoneA1: 'denied' },
      // not even their own record: roster fields change only through the school
      student: noStaffUpdate,
      applicant: noStaffUpdate,
      employer: noStaffUpdate,
      schoolStaff: {
        phoneA1: 'allowed',
        phoneA2: 'allowed',
        phoneB1: 'noop',
        moveA1ToLang: 'allowed',
        moveA1ToSchoolB: 'denied',
        rebindA3: 'denied',
      },
      collegeStaff: {
        phoneA1: 'allowed',
        phoneA3: 'allowed',
        phoneA2: 'noop',
        phoneB1: 'noop',
        moveA1ToLang: 'denied',
        moveA1ToSchoolB: 'denied',
        rebindA3: 'denied',
      },
      fairStaff: noStaffUpdate,
      admin: noStaffUpdate,
    },
    delete: {
      anon: { a3: 'denied' },
      student: noStaffDelete,
      applicant: noStaffDelete,
      employer: noStaffDelete,
      // bound records are unbound first (unbind_roster), then deleted
      schoolStaff: { a1: 'noop', a3: 'allowed', a4: 'allowed', b2: 'noop' },
      collegeStaff: { a1: 'noop', a3: 'allowed', a4: 'noop', b2: 'noop' },
      fairStaff: noStaffDelete,
      admin: noStaffDelete,
    },
  },
})
