/** The demo's submitted source info: in the reviewers' queue once, however often the seed runs. */
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { seed } from '../../scripts/db/seed'

describe('demo procedures', () => {
  it('李四 has a submitted source info in 计算机学院’s queue, and seeding again changes nothing', async () => {
    await seed(process.env.DATABASE_URL!)
    await seed(process.env.DATABASE_URL!)
    const r = await withServiceTx('test check', async (db) => {
      const s = await db.query<{ status: string; college: string }>(
        `select s.status, s.college from public.source_infos s
           join public.app_users u on u.id = s.student_id where u.display_name = '李四'`,
      )
      const q = await db.query<{ n: string }>(
        `select count(*)::text n from public.review_items where kind = 'source_info' and student_name = '李四' and awaiting`,
      )
      const l = await db.query<{ n: string }>(
        `select count(*)::text n from public.review_log l join public.app_users u on u.id = l.student_id
           where u.display_name = '李四'`,
      )
      return { s: s.rows, queued: q.rows[0]!.n, logged: l.rows[0]!.n }
    })
    expect(r).toEqual({ s: [{ status: 'submitted', college: '计算机学院' }], queued: '1', logged: '1' })
  })
})
