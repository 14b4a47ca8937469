import type { TokenResponse } from '../../../src/contracts/auth'
import { issueTokens, type UserRow } from '../auth/session'
import { withServiceTx } from '../db/tx'
import { AppError } from '../http/errors'
import { code2Session, toAppError, wechatApp } from '../wechat'

/**
 * WeChat login: the code from `Taro.login` is exchanged for the openid; the first login creates the
 * user (a student until bound or made staff) and its WeChat identity. Two logins of a new openid at
 * once create one user: the advisory lock makes the second wait and find the first's row.
 */
export async function loginWithWechat(code: string): Promise<TokenResponse & { isNewUser: boolean }> {
  const session = await code2Session(code).catch((err) => {
    throw toAppError(err)
  })
  const { appid } = wechatApp('mp')
  return withServiceTx('wechat login', async (db) => {
    await db.query("select pg_advisory_xact_lock(hashtext('wechat_identity:' || $1 || ':' || $2))", [
      appid,
      session.openid,
    ])
    const found = await db.query<UserRow>(
      `update public.wechat_identities w set last_login_at = now(), unionid = coalesce($3, w.unionid)
       from public.app_users u
       where w.appid = $1 and w.openid = $2 and u.id = w.user_id
       returning u.id, u.role, u.display_name, u.school_id, u.company_id, u.disabled_at`,
      [appid, session.openid, session.unionid ?? null],
    )
    let user = found.rows[0]
    const isNewUser = !user
    if (!user) {
      const created = await db.query<UserRow>(
        `insert into public.app_users (role, display_name) values ('student', '微信用户')
         returning id, role, display_name, school_id, company_id, disabled_at`,
      )
      user = created.rows[0]!
      await db.query(
        'insert into public.wechat_identities (user_id, appid, openid, unionid) values ($1, $2, $3, $4)',
        [user.id, appid, session.openid, session.unionid ?? null],
      )
    }
    if (user.disabled_at) throw new AppError('forbidden', '账号已停用，请联系学校或平台管理员')
    return { ...(await issueTokens(db, user)), isNewUser }
  })
}
