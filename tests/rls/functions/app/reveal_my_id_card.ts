import { defineFunction, signedIn, withoutSub } from '../spec'

const others = { call: 'null', noSub: 'denied' }

/**
 * The cipher of the caller's own bound roster record (decrypted by the API, which holds the key);
 * null for anyone without one. Never anyone else's.
 */
export default defineFunction({
  fn: 'app.reveal_my_id_card()',
  seed: async (db, w) => {
    const { rows } = await db.query<{ id_card_cipher: string }>(
      'select id_card_cipher from public.roster_entries where id = $1',
      [w.roster.a1],
    )
    return { a1: rows[0]! }
  },
  calls: {
    call: {
      args: () => [],
      returns: (v, { rows }) => (v === rows.a1!.id_card_cipher ? 'the cipher of roster:a1' : v),
    },
    noSub: { args: () => [], setup: withoutSub },
  },
  cases: signedIn({
    student: { ...others, call: 'the cipher of roster:a1' },
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
