import { all, type Ctx, defineFunction, outcomeOf, signedIn, withoutSub } from '../spec'

const CLIENT = '203.0.113.7'
// the record a call aims at: who holds it afterwards (the call's effect)
const holder =
  (label: 'a1' | 'a3') =>
  ({ w }: Ctx) => ({
    sql: 'select bound_user_id from public.roster_entries where id = $1',
    params: [w.roster[label]],
  })
const a3 = ({ w, rows }: Ctx) => [w.schools.a, rows.a3!.student_number, rows.a3!.name, rows.a3!.id_card_hash]

const calls = [
  'match',
  'boundRecord',
  'wrongName',
  'wrongIdCard',
  'wrongDegree',
  'unknownNumber',
  'otherSchool',
  'nulls',
  'nullSchool',
  'nullNumber',
  'nullName',
  'nullIdCard',
  'nullClient',
  'empties',
  'emptyName',
  'emptyIdCard',
  'badDegree',
  'noSub',
] as const
// every argument problem is refused before anything else is looked at, whoever calls
const refused = {
  nulls: 'invalid',
  nullSchool: 'invalid',
  nullNumber: 'invalid',
  nullName: 'invalid',
  nullIdCard: 'invalid',
  nullClient: 'invalid',
  empties: 'invalid',
  emptyName: 'invalid',
  emptyIdCard: 'invalid',
  badDegree: 'invalid',
  noSub: 'denied',
}
const notStudent = {
  ...all('not_student · null', calls),
  boundRecord: 'not_student · user:student',
  ...refused,
}

/**
 * Binding to the roster: a student with no record yet names school, student number, name and ID
 * number (hash); the record binds only when all match. NULL or empty arguments bind nothing
 * (issue 9 item 1: a NULL name once matched any record); an unknown number and a wrong name give
 * the same `not_matched`; a record bound to someone else stays theirs.
 */
export default defineFunction({
  fn: 'app.bind_roster(uuid, text, text, text, text, integer, text)',
  seed: async (db, w) => {
    const { rows } = await db.query<{
      id: string
      student_number: string
      name: string
      id_card_hash: string
    }>('select id, student_number, name, id_card_hash from public.roster_entries where id = any ($1)', [
      [w.roster.a1, w.roster.a3],
    ])
    const row = (id: string) => rows.find((r) => r.id === id)!
    return { a1: row(w.roster.a1), a3: row(w.roster.a3) }
  },
  calls: {
    match: { args: (c) => [...a3(c), null, null, CLIENT], returns: outcomeOf, effect: holder('a3') },
    // the student's own record: bound already, to the student
    boundRecord: {
      args: ({ w, rows }) => [
        w.schools.a,
        rows.a1!.student_number,
        rows.a1!.name,
        rows.a1!.id_card_hash,
        null,
        null,
        CLIENT,
      ],
      returns: outcomeOf,
      effect: holder('a1'),
    },
    wrongName: {
      args: (c) => [
        c.w.schools.a,
        c.rows.a3!.student_number,
        '别人',
        c.rows.a3!.id_card_hash,
        null,
        null,
        CLIENT,
      ],
      returns: outcomeOf,
      effect: holder('a3'),
    },
    wrongIdCard: {
      args: (c) => [...a3(c).slice(0, 3), 'not-the-hash', null, null, CLIENT],
      returns: outcomeOf,
      effect: holder('a3'),
    },
    wrongDegree: {
      args: (c) => [...a3(c), 'doctor', null, CLIENT],
      returns: outcomeOf,
      effect: holder('a3'),
    },
    unknownNumber: {
      args: (c) => [c.w.schools.a, 'NOPE0000', c.rows.a3!.name, c.rows.a3!.id_card_hash, null, null, CLIENT],
      returns: outcomeOf,
      effect: holder('a3'),
    },
    otherSchool: {
      args: (c) => [c.w.schools.b, ...a3(c).slice(1), null, null, CLIENT],
      returns: outcomeOf,
      effect: holder('a3'),
    },
    nulls: { args: () => [null, null, null, null, null, null, null] },
    nullSchool: { args: (c) => [null, ...a3(c).slice(1), null, null, CLIENT] },
    nullNumber: {
      args: (c) => [c.w.schools.a, null, c.rows.a3!.name, c.rows.a3!.id_card_hash, null, null, CLIENT],
    },
    // the attack of issue 9 item 1: school and number right, name and ID number NULL
    nullName: { args: (c) => [c.w.schools.a, c.rows.a3!.student_number, null, null, null, null, CLIENT] },
    nullIdCard: { args: (c) => [...a3(c).slice(0, 3), null, null, null, CLIENT] },
    nullClient: { args: (c) => [...a3(c), null, null, null] },
    empties: { args: ({ w }) => [w.schools.a, '', '', '', '', null, ''] },
    emptyName: { args: (c) => [c.w.schools.a, c.rows.a3!.student_number, '', '', null, null, CLIENT] },
    emptyIdCard: { args: (c) => [...a3(c).slice(0, 3), '', null, null, CLIENT] },
    badDegree: { args: (c) => [...a3(c), 'phd', null, CLIENT] },
    noSub: { args: (c) => [...a3(c), null, null, CLIENT], setup: withoutSub },
  },
  cases: signedIn({
    // already bound to a1: binds nothing else
    student: {
      ...all('self_already_bound · null', calls),
      boundRecord: 'self_already_bound · user:student',
      ...refused,
    },
    // a student with no record: the one who may bind
    applicant: {
      match: 'bound · user:applicant',
      boundRecord: 'already_bound · user:student',
      wrongName: 'not_matched · null',
      wrongIdCard: 'mismatch:id_card · null',
      wrongDegree: 'mismatch:degree_level · null',
      unknownNumber: 'not_matched · null',
      otherSchool: 'not_matched · null',
      ...refused,
    },
    employer: notStudent,
    schoolStaff: notStudent,
    collegeStaff: notStudent,
    fairStaff: notStudent,
    admin: notStudent,
  }),
})
