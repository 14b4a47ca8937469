/**
 * The follower sync (daily cron, api/cron/oa-followers.ts): who follows the official account
 * now, with their unionids, into `public.oa_followers` — what notify() reads to send a follower
 * the account's template message. Whoever is no longer listed is marked as not following.
 * Without an official account configured there is nothing to do.
 */
import { withServiceTx } from '../db/tx'
import { isWechatConfigured } from '../wechat/config'
import { type Follower, followerInfo, listFollowerOpenids } from '../wechat/followers'

export interface FollowerSync {
  followers: number
  withUnionid: number
  configured: boolean
}

export async function syncOaFollowers(): Promise<FollowerSync> {
  if (!isWechatConfigured('oa')) return { followers: 0, withUnionid: 0, configured: false }
  const openids = await listFollowerOpenids()
  const infos: Follower[] = []
  for (let i = 0; i < openids.length; i += 100) infos.push(...(await followerInfo(openids.slice(i, i + 100))))
  await withServiceTx('oa followers: sync', async (db) => {
    await db.query(
      `insert into public.oa_followers (oa_openid, unionid, following, synced_at)
       select openid, unionid, following, now()
         from jsonb_to_recordset($1::jsonb) as f (openid text, unionid text, following boolean)
       on conflict (oa_openid) do update
         set unionid = coalesce(excluded.unionid, public.oa_followers.unionid),
             following = excluded.following, synced_at = excluded.synced_at`,
      [JSON.stringify(infos)],
    )
    await db.query(
      `update public.oa_followers set following = false, synced_at = now()
        where following and not (oa_openid = any ($1::text[]))`,
      [openids],
    )
  })
  return {
    followers: infos.filter((f) => f.following).length,
    withUnionid: infos.filter((f) => f.following && f.unionid).length,
    configured: true,
  }
}
