/**
 * The official account's followers (用户管理): the openids of who follows it now, and their
 * unionids — what ties an account follower to a student of the mini-program.
 */
import { WechatError } from './errors'
import { wechatJson } from './http'
import { withAccessToken } from './token'

export interface Follower {
  openid: string
  /** absent when the account is not bound to the open platform */
  unionid?: string
  following: boolean
}

/** Every current follower's openid, page by page (WeChat answers 10,000 a page). */
export async function listFollowerOpenids(): Promise<string[]> {
  const all: string[] = []
  let next = ''
  for (;;) {
    const json = await withAccessToken('oa', (token) =>
      wechatJson({
        op: 'user.get',
        method: 'GET',
        path: '/cgi-bin/user/get',
        query: next ? { access_token: token, next_openid: next } : { access_token: token },
      }),
    )
    const ids = (json.data as { openid?: unknown } | undefined)?.openid ?? []
    if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) {
      throw new WechatError('user.get', 'bad_response', null, 'answer lacks data.openid')
    }
    all.push(...ids)
    next = typeof json.next_openid === 'string' ? json.next_openid : ''
    if (!next || ids.length === 0) return all
  }
}

/** The followers' details, at most 100 a call (WeChat's limit); the caller batches. */
export async function followerInfo(openids: readonly string[]): Promise<Follower[]> {
  if (openids.length === 0) return []
  if (openids.length > 100) throw new Error('followerInfo: at most 100 openids a call')
  const json = await withAccessToken('oa', (token) =>
    wechatJson({
      op: 'user.info.batchget',
      method: 'POST',
      path: '/cgi-bin/user/info/batchget',
      query: { access_token: token },
      body: { user_list: openids.map((openid) => ({ openid, lang: 'zh_CN' })) },
    }),
  )
  const list = json.user_info_list
  if (!Array.isArray(list))
    throw new WechatError('user.info.batchget', 'bad_response', null, 'answer lacks user_info_list')
  return list.map((u: { openid?: unknown; unionid?: unknown; subscribe?: unknown }) => ({
    openid: String(u.openid),
    ...(typeof u.unionid === 'string' && u.unionid ? { unionid: u.unionid } : {}),
    following: u.subscribe === 1,
  }))
}
