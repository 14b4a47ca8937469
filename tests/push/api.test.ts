/**
 * The push routes: GET/PUT /api/me/push-settings (defaults without a row, students only, bad input a
 * 400 naming the field that changes nothing), GET /api/me/pushes (keyset pages, unread filter, the job
 * and its reasons, a closed job drops out), POST /api/me/pushes/:id/read and /read-all; and straight
 * SQL as the Data API would run it: a student cannot write push items nor read another's.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { pushPublishedJob } from '../../api/_lib/push/match'
import {
  ALL_WECHAT_KINDS,
  PushListResponse,
  PushMarkAllReadResponse,
  PushMarkReadResponse,
  PushSettingsResponse,
} from '../../src/contracts/push'
import { sqlAs } from '../identity/sql'
import { setVerified } from '../jobs/posts-fixtures'
import { makeProfiledCompany, makeSearchJob, updateJob } from '../jobs/search-fixtures'
import { callParsed, expectOk, withApi } from '../support/api'
import { loginAs, makeUser, type TestUser } from '../support/fixtures'
import { makeStudentWith } from './fixtures'

const api = withApi()

let company: string
let me: TestUser
let other: TestUser
let token: string
const jobs: string[] = []

beforeAll(async () => {
  company = await makeProfiledCompany({ name: '推送测试公司' })
  await setVerified(company, true)
  me = await makeStudentWith({ cities: ['桂林'], categories: ['tech'] })
  other = await makeStudentWith({ cities: ['桂林'] })
  token = await loginAs(api.url, me)
  for (let i = 1; i <= 5; i++) {
    const job = await makeSearchJob(company, { cities: ['桂林'], title: `桂林职位${i}` })
    await withServiceTx('test', (db) => pushPublishedJob(db, job))
    jobs.push(job)
  }
})

describe('push settings', () => {
  const path = '/api/me/push-settings'

  it('no row yet: the defaults; saved: read back; saved again: replaced', async () => {
    const none = await expectOk(PushSettingsResponse, api.url, path, { token })
    expect(none.settings).toEqual({
      mode: 'instant',
      quietHours: true,
      wechatKinds: ALL_WECHAT_KINDS,
      updatedAt: null,
    })
    const body = {
      mode: 'digest',
      quietHours: false,
      wechatKinds: ['job_push', 'job_push', 'event_reminder'],
    }
    const saved = await expectOk(PushSettingsResponse, api.url, path, { method: 'PUT', token, body })
    expect(saved.settings).toMatchObject({
      mode: 'digest',
      quietHours: false,
      wechatKinds: ['job_push', 'event_reminder'],
    })
    expect(saved.settings.updatedAt).not.toBeNull()
    const back = await expectOk(PushSettingsResponse, api.url, path, { token })
    expect(back.settings).toEqual(saved.settings)
    const again = await expectOk(PushSettingsResponse, api.url, path, {
      method: 'PUT',
      token,
      body: { mode: 'instant', quietHours: true, wechatKinds: [] },
    })
    expect(again.settings).toMatchObject({ mode: 'instant', quietHours: true, wechatKinds: [] })
  })

  it.each([
    [{ mode: 'weekly', quietHours: true, wechatKinds: [] }, 'mode'],
    [{ mode: 'instant', quietHours: 'yes', wechatKinds: [] }, 'quietHours'],
    [{ mode: 'instant', quietHours: true, wechatKinds: ['system'] }, 'wechatKinds.0'],
    [{ mode: 'instant', quietHours: true }, 'wechatKinds'],
  ])('bad input %j → 400 naming %s, nothing changed', async (body, field) => {
    const before = await expectOk(PushSettingsResponse, api.url, path, { token })
    const r = await callParsed(PushSettingsResponse, api.url, path, { method: 'PUT', token, body })
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('validation_failed')
    expect(r.error.fields?.[field]).toMatch(/[\u4e00-\u9fa5]/)
    expect((await expectOk(PushSettingsResponse, api.url, path, { token })).settings).toEqual(before.settings)
  })

  it('only students save settings; anonymous callers are refused', async () => {
    const employer = await makeUser({ role: 'employer', companyId: company })
    const r = await callParsed(PushSettingsResponse, api.url, path, {
      method: 'PUT',
      token: await loginAs(api.url, employer),
      body: { mode: 'digest', quietHours: true, wechatKinds: [] },
    })
    expect(r.status).toBe(403)
    expect(r.error.message).toBe('只有学生可以设置推送')
    expect((await callParsed(PushSettingsResponse, api.url, path)).status).toBe(401)
  })
})

describe('我的推送', () => {
  const list = (q = '') => expectOk(PushListResponse, api.url, `/api/me/pushes${q}`, { token })

  it('newest first with the job and its reasons, keyset-paged without gaps or repeats', async () => {
    const first = await list('?limit=2')
    expect(first.unreadCount).toBe(5)
    expect(first.items.map((i) => i.job.title)).toEqual(['桂林职位5', '桂林职位4'])
    expect(first.items[0]!.reasons).toEqual(['城市：桂林', '职位类别：技术研发'])
    expect(first.items[0]!.job.companyName).toBe('推送测试公司')
    expect(first.items.map((i) => i.job.id)).toEqual([jobs[4], jobs[3]])
    expect(first.items[0]!.id).not.toBe(jobs[4])
    expect(first.items[0]!.readAt).toBeNull()
    const second = await list(`?limit=2&before=${encodeURIComponent(first.nextCursor!)}`)
    const third = await list(`?limit=2&before=${encodeURIComponent(second.nextCursor!)}`)
    expect([...second.items, ...third.items].map((i) => i.job.title)).toEqual([
      '桂林职位3',
      '桂林职位2',
      '桂林职位1',
    ])
    expect(third.nextCursor).toBeNull()
  })

  it('marking one read: the unread tab drops it; again keeps the first time; all read: none left', async () => {
    const all = await list()
    const target = all.items.find((i) => i.job.title === '桂林职位3')!
    const read = await expectOk(PushMarkReadResponse, api.url, `/api/me/pushes/${target.id}/read`, {
      method: 'POST',
      token,
    })
    expect(read.item.readAt).not.toBeNull()
    const again = await expectOk(PushMarkReadResponse, api.url, `/api/me/pushes/${target.id}/read`, {
      method: 'POST',
      token,
    })
    expect(again.item.readAt).toBe(read.item.readAt)
    const unread = await list('?unread=1')
    expect(unread.unreadCount).toBe(4)
    expect(unread.items.map((i) => i.job.title)).not.toContain('桂林职位3')
    const marked = await expectOk(PushMarkAllReadResponse, api.url, '/api/me/pushes/read-all', {
      method: 'POST',
      token,
    })
    expect(marked.marked).toBe(4)
    expect((await list('?unread=1')).items).toEqual([])
    expect(
      (await expectOk(PushMarkAllReadResponse, api.url, '/api/me/pushes/read-all', { method: 'POST', token }))
        .marked,
    ).toBe(0)
  })

  it("another student's push is not found, and stays unread", async () => {
    const theirs = await withServiceTx('test', async (db) => {
      const { rows } = await db.query<{ id: string }>(
        'select id from public.push_items where user_id = $1 limit 1',
        [other.id],
      )
      return rows[0]!.id
    })
    const r = await callParsed(PushMarkReadResponse, api.url, `/api/me/pushes/${theirs}/read`, {
      method: 'POST',
      token,
    })
    expect(r.status).toBe(404)
    expect(r.error.code).toBe('not_found')
    const still = await withServiceTx('test', (db) =>
      db.query<{ read_at: Date | null }>('select read_at from public.push_items where id = $1', [theirs]),
    )
    expect(still.rows[0]!.read_at).toBeNull()
  })

  it('a closed job drops out of the list', async () => {
    await updateJob(jobs[0]!, "status = 'closed', closed_at = now()")
    const titles = (await list()).items.map((i) => i.job.title)
    expect(titles).not.toContain('桂林职位1')
    expect(titles).toHaveLength(4)
  })

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=51', 'limit'],
    ['?limit=abc', 'limit'],
    ['?unread=yes', 'unread'],
    ['?before=garbage', 'before'],
    ['?before=2026-12-01T00:00:00.000000Z|not-a-uuid', 'before'],
  ])('GET /api/me/pushes%s → 400 naming %s', async (q, field) => {
    const r = await callParsed(PushListResponse, api.url, `/api/me/pushes${q}`, { token })
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('validation_failed')
    expect(r.error.fields?.[field]).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('a malformed id to mark read → 400; anonymous → 401', async () => {
    const r = await callParsed(PushMarkReadResponse, api.url, '/api/me/pushes/nope/read', {
      method: 'POST',
      token,
    })
    expect(r.status).toBe(400)
    expect(r.error.fields?.id).toBe('推送编号无效')
    expect((await callParsed(PushListResponse, api.url, '/api/me/pushes')).status).toBe(401)
  })
})

describe('straight SQL, as the Data API would run it', () => {
  it('a student cannot insert push items, for themselves or anyone', async () => {
    for (const user of [me.id, other.id]) {
      const r = await sqlAs(
        me.claims,
        'insert into public.push_items (user_id, job_id, reasons) values ($1, $2, $3)',
        [user, jobs[1], ['城市：桂林']],
      )
      expect(r.ok ? 'ok' : r.code).toBe('42501')
    }
  })

  it("a student reads only their own items and cannot touch another's", async () => {
    const mine = await sqlAs<{ user_id: string }>(me.claims, 'select user_id from public.push_items')
    expect(mine.ok && mine.rows.length).toBe(5)
    expect(mine.ok && mine.rows.every((r) => r.user_id === me.id)).toBe(true)
    const theirs = await sqlAs(me.claims, 'select * from public.push_items where user_id = $1', [other.id])
    expect(theirs.ok && theirs.rowCount).toBe(0)
    const reread = await sqlAs(me.claims, 'update public.push_items set read_at = now() where user_id = $1', [
      other.id,
    ])
    expect(reread.ok && reread.rowCount).toBe(0)
    const rescore = await sqlAs(me.claims, 'update public.push_items set score = 100')
    expect(rescore.ok ? 'ok' : rescore.code).toBe('42501')
    const del = await sqlAs(me.claims, 'delete from public.push_items')
    expect(del.ok ? 'ok' : del.code).toBe('42501')
    const match = await sqlAs(me.claims, 'select * from app.match_job($1)', [jobs[1]])
    expect(match.ok ? 'ok' : match.code).toBe('42501')
  })

  it("a student cannot read or write another's settings", async () => {
    await sqlAs(other.claims, "insert into public.push_settings (user_id, mode) values ($1, 'digest')", [
      other.id,
    ])
    const read = await sqlAs(me.claims, 'select * from public.push_settings where user_id = $1', [other.id])
    expect(read.ok && read.rowCount).toBe(0)
    const write = await sqlAs(
      me.claims,
      "update public.push_settings set mode = 'instant' where user_id = $1",
      [other.id],
    )
    expect(write.ok && write.rowCount).toBe(0)
    const forge = await sqlAs(
      me.claims,
      "insert into public.push_settings (user_id, mode) values ($1, 'digest')",
      [(await makeStudentWith({})).id],
    )
    expect(forge.ok ? 'ok' : forge.code).toBe('42501')
  })
})
