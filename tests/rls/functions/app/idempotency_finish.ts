import { all, defineFunction, signedIn } from '../spec'
import { storedKey } from './idempotency_begin'

const SCOPE = 'POST /api/matrix'
const KEY = 'matrix-key-0001'
const calls = ['claimed', 'unclaimed', 'othersClaim', 'answered', 'nulls', 'empties'] as const
// 55000: the key was not claimed by the caller in this transaction (or is already answered)
const user = {
  ...all('error 55000', calls),
  claimed: 'void · 201',
  nulls: 'invalid',
}

/** Stores the answer of a key the caller claimed in this transaction; nobody else's key. */
export default defineFunction({
  fn: 'app.idempotency_finish(text, text, integer, jsonb)',
  calls: {
    claimed: {
      args: () => [SCOPE, KEY, 201, { id: 1 }],
      setup: (c) => storedKey(c, { answered: false }),
      effect: ({ me }) => ({
        sql: 'select response_status from public.idempotency_keys where user_id = $1 and key = $2',
        params: [me, KEY],
      }),
    },
    unclaimed: { args: () => [SCOPE, KEY, 201, { id: 1 }] },
    othersClaim: {
      args: () => [SCOPE, KEY, 201, { id: 1 }],
      setup: (c) => storedKey(c, { other: true, answered: false }),
    },
    answered: { args: () => [SCOPE, KEY, 201, { id: 1 }], setup: (c) => storedKey(c, {}) },
    nulls: { args: () => [null, null, null, null] },
    empties: { args: () => ['', '', 201, {}] },
  },
  cases: signedIn({
    student: user,
    applicant: user,
    employer: user,
    schoolStaff: user,
    collegeStaff: user,
    fairStaff: user,
    admin: user,
  }),
})
