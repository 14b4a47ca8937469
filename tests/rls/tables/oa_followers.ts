import { serviceOnly } from '../spec'

/** Official-account followers (000900): the follower sync only — nobody may claim a follow. */
export default serviceOnly({
  table: 'oa_followers',
  key: ['oa_openid'],
  seed: async (db) => {
    await db.query(
      `insert into public.oa_followers (oa_openid, unionid, following) values ('oa_matrix', 'u_matrix', true)
       on conflict do nothing`,
    )
    return { follower: { oa_openid: 'oa_matrix' } }
  },
  rowLabels: ['follower'],
  inserts: { claim: { values: () => ({ oa_openid: 'oa_mine', unionid: 'u_mine', following: true }) } },
  updates: { steal: { row: 'follower', set: () => ({ unionid: 'u_thief' }) } },
})
