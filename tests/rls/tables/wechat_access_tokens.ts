import { serviceOnly } from '../spec'

/** The cached WeChat access tokens are credentials: the system only. */
export default serviceOnly({
  table: 'wechat_access_tokens',
  key: ['appid'],
  seed: async (db) => {
    await db.query(
      `insert into public.wechat_access_tokens (appid, access_token, expires_at)
       values ('wxmatrix', 'secret-token', now() + interval '1 hour')`,
    )
    return { mp: { appid: 'wxmatrix' } }
  },
  rowLabels: ['mp'],
  inserts: {
    new: {
      values: () => ({ appid: 'wxforged', access_token: 'x', expires_at: new Date(Date.now() + 60_000) }),
    },
  },
  updates: { replaceMp: { row: 'mp', set: () => ({ access_token: 'attacker' }) } },
})
