/**
 * The official account's followers: GET /cgi-bin/user/get (openids of current followers, 10,000
 * a page, `next_openid` to go on) and POST /cgi-bin/user/info/batchget (≤ 100 users: subscribe
 * 0/1, openid, and the unionid when the account is bound to the open platform).
 */
import { type Ctx, checkAccessToken, type Reply, requirePostJson, wxError } from './reply'

const PAGE = 10_000

export function userGet(ctx: Ctx): Reply {
  const auth = checkAccessToken(ctx, 'oa')
  if ('error' in auth) return auth.error
  const following = [...ctx.state.oaUsers]
    .filter(([, f]) => f)
    .map(([openid]) => openid)
    .sort()
  const after = ctx.query.next_openid ?? ''
  const rest = after ? following.filter((o) => o > after) : following
  const page = rest.slice(0, PAGE)
  return {
    json: {
      total: following.length,
      count: page.length,
      data: { openid: page },
      next_openid: page.length === PAGE ? page.at(-1)! : '',
    },
  }
}

export function userInfoBatchget(ctx: Ctx): Reply {
  const bad = requirePostJson(ctx)
  if (bad) return bad
  const auth = checkAccessToken(ctx, 'oa')
  if ('error' in auth) return auth.error
  const list = (ctx.body as { user_list?: unknown }).user_list
  if (!Array.isArray(list) || list.length === 0 || list.length > 100) {
    return wxError(40032, 'invalid openid list size')
  }
  const infos = []
  for (const item of list) {
    const openid = (item as { openid?: unknown } | null)?.openid
    if (typeof openid !== 'string' || !ctx.state.oaUsers.has(openid)) return wxError(40003, 'invalid openid')
    const following = ctx.state.oaUsers.get(openid)!
    const unionid = ctx.state.oaUnionids.get(openid)
    infos.push(
      following ? { subscribe: 1, openid, ...(unionid ? { unionid } : {}) } : { subscribe: 0, openid },
    )
  }
  return { json: { user_info_list: infos } }
}
