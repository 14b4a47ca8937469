import { serviceOnly } from '../spec'

const SCOPE = 'POST /api/binding'

/**
 * Stored answers of idempotent requests: only app.idempotency_begin / _finish (definer) touch them.
 * A user must not plant an answer for a key, read a stored one, or delete a key to run a request twice.
 */
export default serviceOnly({
  table: 'idempotency_keys',
  key: ['user_id', 'scope', 'key'],
  seed: async (db, w) => {
    const own = { user_id: w.users.student.id, scope: SCOPE, key: 'seeded-key-0001' }
    await db.query(
      `insert into public.idempotency_keys (user_id, scope, key, fingerprint, response_status, response_body)
       values ($1, $2, $3, 'fp', 200, '{"verified":true}')`,
      [own.user_id, own.scope, own.key],
    )
    return { student: own }
  },
  rowLabels: ['student'],
  inserts: {
    plantAnswer: {
      values: ({ w }) => ({
        user_id: w.users.student.id,
        scope: SCOPE,
        key: 'planted-key-0001',
        fingerprint: 'fp',
        response_status: 200,
        response_body: { verified: true },
      }),
    },
  },
  updates: { rewriteAnswer: { row: 'student', set: () => ({ response_status: 500 }) } },
})
