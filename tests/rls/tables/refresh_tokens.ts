import { serviceOnly } from '../spec'

/** Refresh-token hashes: the system only, not even the owner. */
export default serviceOnly({
  table: 'refresh_tokens',
  seed: async (db, w) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.refresh_tokens (user_id, family_id, token_hash, expires_at)
       values ($1, gen_random_uuid(), 'matrix-token-hash', now() + interval '30 days') returning id`,
      [w.users.student.id],
    )
    return { student: { id: rows[0]!.id } }
  },
  rowLabels: ['student'],
  inserts: {
    self: {
      values: ({ me }) => ({
        user_id: me,
        family_id: '00000000-0000-4000-8000-000000000000',
        token_hash: 'forged',
        expires_at: new Date(Date.now() + 86_400_000),
      }),
    },
  },
  updates: { unrevokeStudent: { row: 'student', set: () => ({ revoked_at: null, used_at: null }) } },
})
