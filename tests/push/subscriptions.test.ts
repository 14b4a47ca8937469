/**
 * app.push_pairs, the matching index (000910): kept by the trigger on job_intentions, so a
 * student's own save of 求职意向 (PUT /api/me/intention, as `authenticated` under RLS) is matched by
 * the next published job; unsubscribing, another plan, an empty intention or a deleted account leave
 * no row; the rows are always app.push_pair_rows of the intention; app.match_candidates
 * answers exactly what app.match_job then writes. Since 20261202000050 the rows also carry the
 * student's push settings and bound roster record (degree rank, major), kept by triggers on those
 * tables: a change to either is in the rows at once, and the rows still equal the function.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { pushPublishedJob } from '../../api/_lib/push/match'
import { setVerified } from '../jobs/posts-fixtures'
import { makeProfiledCompany, makeSearchJob } from '../jobs/search-fixtures'
import { call, withApi } from '../support/api'
import { loginAs, makeStudent } from '../support/fixtures'
import { makeStudentWith, pushItems, setIntention, setPushSettings } from './fixtures'

const api = withApi()
let company: string

beforeAll(async () => {
  company = await makeProfiledCompany({ type: 'private', size: '300_999', industry: 'internet' })
  await setVerified(company, true)
})

async function keysOf(userId: string): Promise<string[]> {
  return withServiceTx('test', async (db) => {
    const { rows } = await db.query<{ key: string }>('select key from app.push_pairs where user_id = $1', [
      userId,
    ])
    return rows.map((r) => r.key).sort()
  })
}

const job = (cities: string[], title = '推送索引职位') =>
  makeSearchJob(company, {
    title,
    cities,
    category: 'tech',
    industry: 'internet',
    nature: 'full_time',
    salaryMin: 8000,
    salaryMax: 15000,
    degree: 'any',
  })

const matched = async (jobId: string, userId: string) =>
  (await pushItems(jobId)).filter((i) => i.user_id === userId).length

describe('app.push_pairs follows the intention', () => {
  it("a student's own save through the API is matched by the next job, and a change of cities re-matches", async () => {
    const u = await makeStudent()
    const token = await loginAs(api.url, u)
    const save = (body: Record<string, unknown>) =>
      call(api.url, '/api/me/intention', { method: 'PUT', token, body: { plan: 'employment', ...body } })
    expect((await save({ cities: ['杭州', '杭州'], categories: ['tech'] })).status).toBe(200)
    expect(await keysOf(u.id)).toEqual(['杭州/tech'])
    const hz = await job(['杭州'])
    await withServiceTx('test', (db) => pushPublishedJob(db, hz))
    expect(await matched(hz, u.id)).toBe(1)

    expect((await save({ cities: ['成都', '重庆'], categories: [] })).status).toBe(200)
    expect(await keysOf(u.id)).toEqual(['成都/*', '重庆/*'].sort())
    const hz2 = await job(['杭州'], '杭州第二个职位')
    const cd = await job(['重庆'], '重庆职位')
    await withServiceTx('test', (db) => pushPublishedJob(db, hz2))
    await withServiceTx('test', (db) => pushPublishedJob(db, cd))
    expect(await matched(hz2, u.id)).toBe(0)
    expect(await matched(cd, u.id)).toBe(1)

    // unsubscribing removes every row; subscribing again brings them back
    expect((await save({ cities: ['成都'], subscribed: false })).status).toBe(200)
    expect(await keysOf(u.id)).toEqual([])
    expect((await save({ cities: ['成都'], subscribed: true })).status).toBe(200)
    expect(await keysOf(u.id)).toEqual(['成都/*'])
  })

  it('another plan, an empty intention and a deleted account leave no row', async () => {
    const other = await makeStudent()
    await setIntention(other.id, { cities: ['杭州'] })
    expect(await keysOf(other.id)).toEqual(['杭州/*'])
    await setIntention(other.id, { plan: 'further_study' })
    expect(await keysOf(other.id)).toEqual([])

    const empty = await makeStudent()
    await setIntention(empty.id, {})
    expect(await keysOf(empty.id)).toEqual([])
    // "any" city and category, but a salary floor: one row, */*
    await setIntention(empty.id, { salaryMin: 9000 })
    expect(await keysOf(empty.id)).toEqual(['*/*'])

    await withServiceTx('test', (db) => db.query('delete from public.app_users where id = $1', [empty.id]))
    expect(await keysOf(empty.id)).toEqual([])
  })

  it('carries the push settings and the bound roster record, following their changes', async () => {
    const rowsOf = (userId: string) =>
      withServiceTx('test', async (db) => {
        const { rows } = await db.query<{ v: string }>(
          `select distinct concat_ws(',', instant, quiet_hours, degree_rank, major) as v
             from app.push_pairs where user_id = $1`,
          [userId],
        )
        return rows.map((r) => r.v)
      })
    const u = await makeStudentWith({ cities: ['杭州', '上海'], categories: ['tech'] }, { degree: 'master' })
    expect(await rowsOf(u.id)).toEqual(['t,t,3,软件工程'])
    await setPushSettings(u.id, { mode: 'digest', quietHours: false })
    expect(await rowsOf(u.id)).toEqual(['f,f,3,软件工程'])
    await withServiceTx('test', async (db) => {
      await db.query(
        "update public.roster_entries set degree_level = 'doctor', major = '计算机' where bound_user_id = $1",
        [u.id],
      )
    })
    expect(await rowsOf(u.id)).toEqual(['f,f,4,计算机'])
    // the intention saved again keeps what the other tables say
    await setIntention(u.id, { cities: ['杭州'], categories: ['tech'] })
    expect(await rowsOf(u.id)).toEqual(['f,f,4,计算机'])
    await withServiceTx('test', async (db) => {
      await db.query(
        'update public.roster_entries set bound_user_id = null, bound_at = null where bound_user_id = $1',
        [u.id],
      )
      await db.query('delete from public.push_settings where user_id = $1', [u.id])
    })
    expect(await rowsOf(u.id)).toEqual(['t,t'])
  })

  it('the rows are exactly app.push_pair_rows of every intention', async () => {
    const diff = await withServiceTx('test', async (db) => {
      const { rows } = await db.query<{ n: number }>(
        `with want as (select r.* from public.job_intentions i cross join lateral app.push_pair_rows(i) r),
           have as (select * from app.push_pairs)
         select ((select count(*) from (table want except all table have) a)
           + (select count(*) from (table have except all table want) b))::int as n`,
      )
      return rows[0]!.n
    })
    expect(diff).toBe(0)
  })

  it('app.match_candidates answers what app.match_job then writes, and writes nothing itself', async () => {
    const u = await makeStudent()
    await setIntention(u.id, { cities: ['西安'], categories: ['tech'], salaryMin: 9000 })
    const xa = await job(['西安'], '西安职位')
    const candidates = await withServiceTx('test', async (db) => {
      await db.query("select set_config('role', 'service_role', true)")
      const { rows } = await db.query<{ user_id: string; reasons: string[]; instant: boolean }>(
        'select user_id, reasons, instant from app.match_candidates($1) ',
        [xa],
      )
      return rows.sort((a, b) => a.user_id.localeCompare(b.user_id))
    })
    expect(candidates.find((c) => c.user_id === u.id)).toEqual({
      user_id: u.id,
      reasons: ['城市：西安', '职位类别：技术研发', '薪资不低于9000'],
      instant: true,
    })
    expect(await pushItems(xa)).toEqual([])
    await withServiceTx('test', (db) => pushPublishedJob(db, xa))
    const items = (await pushItems(xa)).map((i) => ({ user_id: i.user_id, reasons: i.reasons }))
    expect(items.sort((a, b) => a.user_id.localeCompare(b.user_id))).toEqual(
      candidates.map((c) => ({ user_id: c.user_id, reasons: c.reasons })),
    )
  })

  it('only the trigger writes it; service_role may read it, no user role may', async () => {
    const privileges = await withServiceTx('test', async (db) => {
      const { rows } = await db.query<{ role: string; read: boolean; write: boolean }>(
        `select r as role, has_table_privilege(r, 'app.push_pairs', 'select') as read,
           has_table_privilege(r, 'app.push_pairs', 'insert, update, delete, truncate') as write
         from unnest(array['anon', 'authenticated', 'service_role']) r order by 1`,
      )
      return rows
    })
    expect(privileges).toEqual([
      { role: 'anon', read: false, write: false },
      { role: 'authenticated', read: false, write: false },
      { role: 'service_role', read: true, write: false },
    ])
  })
})
