/**
 * 收藏: PUT/DELETE /api/jobs/:id/favourite (each safe to repeat), 我的收藏 GET /api/me/favourites
 * (newest saved first, keyset pages, a job closed or expired since still listed with its status),
 * 批量取消收藏 DELETE /api/me/favourites, and the rules in SQL (own rows only; an open job only).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import {
  FavouriteBatchRemoveResponse,
  FavouriteListResponse,
  FavouriteState,
} from '../../src/contracts/favourites'
import { codeOf } from '../identity/sql'
import { callParsed, expectOk, withApi } from '../support/api'
import { loginAs, makeCompany, makeStudent, makeUser, type TestUser } from '../support/fixtures'
import { chinaDate, makeProfiledCompany, makeSearchJob, updateJob } from './search-fixtures'

const api = withApi()
let company: string
let unverified: string

beforeAll(async () => {
  company = await makeProfiledCompany({ name: '收藏测试科技有限公司' })
  unverified = await makeProfiledCompany({ verified: false })
})

async function student(): Promise<{ user: TestUser; token: string }> {
  const user = await makeStudent()
  return { user, token: await loginAs(api.url, user) }
}
const put = (token: string, id: string) =>
  callParsed(FavouriteState, api.url, `/api/jobs/${id}/favourite`, { method: 'PUT', token })
const del = (token: string, id: string) =>
  callParsed(FavouriteState, api.url, `/api/jobs/${id}/favourite`, { method: 'DELETE', token })
const list = (token: string, cursor?: string) =>
  expectOk(FavouriteListResponse, api.url, `/api/me/favourites${cursor ? `?cursor=${cursor}` : ''}`, {
    token,
  })
const count = async (userId: string) =>
  withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ n: number }>(
      'select count(*)::int as n from public.job_favourites where user_id = $1',
      [userId],
    )
    return rows[0]!.n
  })

describe('favourite and unfavourite', () => {
  it('PUT saves once however often it is sent; DELETE removes, also when sent again', async () => {
    const { user, token } = await student()
    const job = await makeSearchJob(company)
    for (let i = 0; i < 3; i++) {
      const r = await put(token, job)
      expect(r.status).toBe(200)
      expect(r.body).toEqual({ jobId: job, favourited: true })
    }
    expect(await count(user.id)).toBe(1)
    for (let i = 0; i < 2; i++)
      expect((await del(token, job)).body).toEqual({ jobId: job, favourited: false })
    expect(await count(user.id)).toBe(0)
  })

  it('an expired job cannot be saved (409, with why); a draft, closed, unverified company’s or missing job is 404', async () => {
    const { user, token } = await student()
    const expired = await makeSearchJob(company, { deadline: chinaDate(-1) })
    const r = await put(token, expired)
    expect([r.status, r.error.code, r.error.details]).toEqual([409, 'conflict', { status: 'expired' }])
    expect(r.error.message).toBe('该职位已过期，无法收藏')
    // a closed job is not public any more: to a student who never saved it, it does not exist
    for (const id of [
      await makeSearchJob(company, { status: 'closed' }),
      await makeSearchJob(company, { status: 'draft' }),
      await makeSearchJob(unverified),
      '00000000-0000-4000-8000-00000000dead',
    ]) {
      const r = await put(token, id)
      expect([r.status, r.error.code]).toEqual([404, 'not_found'])
    }
    const bad = await put(token, 'not-a-uuid')
    expect([bad.status, bad.error.code, Object.keys(bad.error.fields ?? {})]).toEqual([
      400,
      'validation_failed',
      ['id'],
    ])
    expect(await count(user.id)).toBe(0)
  })

  it('only students keep favourites (403 for an employer); anonymous callers must log in', async () => {
    const employer = await makeUser({ role: 'employer', companyId: await makeCompany() })
    const job = await makeSearchJob(company)
    const r = await put(await loginAs(api.url, employer), job)
    expect([r.status, r.error.code, r.error.message]).toEqual([403, 'forbidden', '只有学生可以收藏职位'])
    expect(
      (await callParsed(FavouriteState, api.url, `/api/jobs/${job}/favourite`, { method: 'PUT' })).status,
    ).toBe(401)
  })
})

describe('我的收藏', () => {
  it('lists the saved jobs newest saved first, each with its status now: 已关闭 and 已过期 included', async () => {
    const { token } = await student()
    const open = await makeSearchJob(company, { title: '仍在招聘' })
    const toClose = await makeSearchJob(company, { title: '之后关闭' })
    const toExpire = await makeSearchJob(company, { title: '之后过期' })
    for (const id of [open, toClose, toExpire]) expect((await put(token, id)).status).toBe(200)
    await updateJob(toClose, `status = 'closed', closed_at = now()`)
    await updateJob(toExpire, `deadline = (now() at time zone 'Asia/Shanghai')::date - 1`)
    const r = await list(token)
    expect(r.items.map((i) => [i.job.title, i.job.status])).toEqual([
      ['之后过期', 'expired'],
      ['之后关闭', 'closed'],
      ['仍在招聘', 'published'],
    ])
    expect(r.items[0]!.job.companyName).toBe('收藏测试科技有限公司')
    expect(Date.parse(r.items[0]!.favouritedAt)).toBeGreaterThan(0)
    expect(r.nextCursor).toBeNull()
  })

  it('pages 20 at a time, each favourite once, also when saved in the same instant', async () => {
    const { user, token } = await student()
    const jobs: string[] = []
    for (let i = 0; i < 25; i++) jobs.push(await makeSearchJob(company, { title: `分页职位${i}` }))
    // saved "at once": one timestamp for all, the job id breaks the tie
    await withServiceTx('test fixture', (db) =>
      db.query(
        `insert into public.job_favourites (user_id, job_id, created_at)
         select $1, unnest($2::uuid[]), '2026-11-25T08:00:00.123456Z'`,
        [user.id, jobs],
      ),
    )
    const first = await list(token)
    expect(first.items).toHaveLength(20)
    const second = await list(token, first.nextCursor!)
    expect(second.items).toHaveLength(5)
    expect(second.nextCursor).toBeNull()
    const seen = [...first.items, ...second.items].map((i) => i.job.id)
    expect(seen).toEqual([...jobs].sort())
  })

  it('a bad cursor is a 400', async () => {
    const { token } = await student()
    for (const cursor of [
      'x!',
      Buffer.from('n|2026-01-01T00:00:00.000000Z|00000000-0000-4000-8000-000000000001').toString('base64url'),
    ]) {
      const r = await callParsed(FavouriteListResponse, api.url, `/api/me/favourites?cursor=${cursor}`, {
        token,
      })
      expect([r.status, r.error.code, Object.keys(r.error.fields ?? {})]).toEqual([
        400,
        'validation_failed',
        ['cursor'],
      ])
    }
  })

  it('批量取消收藏 removes the chosen ones of the caller only', async () => {
    const me = await student()
    const other = await student()
    const [a, b, c] = [
      await makeSearchJob(company),
      await makeSearchJob(company),
      await makeSearchJob(company),
    ]
    for (const id of [a!, b!, c!]) await put(me.token, id)
    await put(other.token, a!)
    const r = await expectOk(FavouriteBatchRemoveResponse, api.url, '/api/me/favourites', {
      method: 'DELETE',
      token: me.token,
      body: { jobIds: [a, b, '00000000-0000-4000-8000-00000000beef'] },
    })
    expect(r).toEqual({ removed: 2 })
    expect((await list(me.token)).items.map((i) => i.job.id)).toEqual([c])
    expect((await list(other.token)).items.map((i) => i.job.id)).toEqual([a])
  })

  it.each([
    [{ jobIds: [] }, 'jobIds'],
    [{ jobIds: ['nope'] }, 'jobIds.0'],
    [{ jobIds: Array.from({ length: 101 }, () => '00000000-0000-4000-8000-000000000001') }, 'jobIds'],
    [{}, 'jobIds'],
  ])('批量取消收藏 with bad input (%#) is a 400 naming the field', async (body, field) => {
    const { token } = await student()
    const r = await callParsed(FavouriteBatchRemoveResponse, api.url, '/api/me/favourites', {
      method: 'DELETE',
      token,
      body,
    })
    expect([r.status, r.error.code]).toEqual([400, 'validation_failed'])
    expect(r.error.fields?.[field]).toMatch(/[\u4e00-\u9fff]/)
  })
})

describe('the rules in SQL (as the Data API would run them)', () => {
  it("no favourite for someone else, for a job that is not open, or with a chosen time; nobody reads another's", async () => {
    const me = await makeStudent()
    const other = await makeStudent()
    const open = await makeSearchJob(company)
    const draft = await makeSearchJob(company, { status: 'draft' })
    const ins = 'insert into public.job_favourites (user_id, job_id) values ($1, $2)'
    expect(await codeOf(me.claims, ins, [other.id, open])).toBe('42501')
    expect(await codeOf(me.claims, ins, [me.id, draft])).toBe('42501')
    expect(await codeOf(null, ins, [me.id, open])).toBe('42501')
    expect(
      await codeOf(
        me.claims,
        'insert into public.job_favourites (user_id, job_id, created_at) values ($1, $2, now())',
        [me.id, open],
      ),
    ).toBe('42501')
    expect(await codeOf(other.claims, ins, [other.id, open])).toBe('ok')
    expect(
      await codeOf(me.claims, 'update public.job_favourites set created_at = now() where job_id = $1', [
        open,
      ]),
    ).toBe('42501')
    const { sqlAs } = await import('../identity/sql')
    const seen = await sqlAs(me.claims, 'select * from public.job_favourites')
    expect(seen.ok && seen.rows).toEqual([])
    expect(await count(other.id)).toBe(1)
  })
})
