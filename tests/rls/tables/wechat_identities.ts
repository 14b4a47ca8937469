import { serviceOnly } from '../spec'

/** openid/unionid of each WeChat user: the login path reads them as the system; no user does. */
export default serviceOnly({
  table: 'wechat_identities',
  seed: async (db, w) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.wechat_identities (user_id, appid, openid, unionid)
       values ($1, 'wxmatrix', 'openid-student', 'unionid-student') returning id`,
      [w.users.student.id],
    )
    return { student: { id: rows[0]!.id } }
  },
  rowLabels: ['student'],
  inserts: { self: { values: ({ me }) => ({ user_id: me, appid: 'wxmatrix', openid: 'openid-forged' }) } },
  // taking over someone's WeChat login by pointing their identity at oneself
  updates: { hijackStudent: { row: 'student', set: ({ me }) => ({ user_id: me }) } },
})
