import { serviceOnly } from '../spec'

/** Password-login failures per (name, address): the system only (a user must not clear their delay). */
export default serviceOnly({
  table: 'login_failures',
  key: ['login_key', 'client'],
  seed: async (db) => {
    await db.query(
      `insert into public.login_failures (login_key, client, failures, blocked_until, expires_at)
       values ('admin', '203.0.113.9', 7, now() + interval '1 hour', now() + interval '1 day')`,
    )
    return { admin: { login_key: 'admin', client: '203.0.113.9' } }
  },
  rowLabels: ['admin'],
  inserts: {
    new: { values: () => ({ login_key: 'student', client: '203.0.113.10', expires_at: new Date() }) },
  },
  updates: { unblockAdmin: { row: 'admin', set: () => ({ failures: 0, blocked_until: null }) } },
})
