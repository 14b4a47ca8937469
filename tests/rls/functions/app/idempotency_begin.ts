import type { SqlStep } from '../../spec'
import { all, type Ctx, defineFunction, signedIn } from '../spec'

const SCOPE = 'POST /api/matrix'
const KEY = 'matrix-key-0001'

/** A stored key of `user` (the caller when null), answered or still open; nothing for anon. */
export function storedKey(c: Ctx, o: { other?: boolean; fingerprint?: string; answered?: boolean }): SqlStep {
  return {
    sql: `insert into public.idempotency_keys (user_id, scope, key, fingerprint, response_status, response_body)
          select $1, $2, $3, $4, $5, $6 where $1::uuid is not null`,
    params: [
      o.other ? c.w.users.studentB1.id : c.me,
      SCOPE,
      KEY,
      o.fingerprint ?? 'fp',
      o.answered === false ? null : 200,
      o.answered === false ? null : { ok: true },
    ],
  }
}

const calls = ['fresh', 'replay', 'reused', 'othersKey', 'nulls', 'empties'] as const
const state = (v: unknown) => (v as { state: string }).state
const user = { ...all('invalid', calls), fresh: 'new', replay: 'replay', reused: 'reused', othersKey: 'new' }

/**
 * Claims an idempotency key for the caller: `new` the first time, the stored answer (`replay`) for
 * the same request, `reused` for other content. Keys are per user: another user's key is not seen.
 */
export default defineFunction({
  fn: 'app.idempotency_begin(text, text, text)',
  calls: {
    fresh: { args: () => [SCOPE, KEY, 'fp'], returns: state },
    replay: { args: () => [SCOPE, KEY, 'fp'], setup: (c) => storedKey(c, {}), returns: state },
    reused: {
      args: () => [SCOPE, KEY, 'fp'],
      setup: (c) => storedKey(c, { fingerprint: 'other' }),
      returns: state,
    },
    othersKey: {
      args: () => [SCOPE, KEY, 'fp'],
      setup: (c) => storedKey(c, { other: true }),
      returns: state,
    },
    nulls: { args: () => [null, null, null] },
    // the key's format check refuses an empty key
    empties: { args: () => ['', '', ''] },
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
