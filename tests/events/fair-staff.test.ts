/**
 * The fair-staff picker (`GET /api/fair-staff`): school staff list the fair-staff accounts they
 * may assign — their school's and those of no school, never another school's — by name then id,
 * narrowed by part of the name, in keyset pages of 20 (names by code point); whatever it lists can be assigned to their
 * event. Platform admins see all; students, employers and fair staff are refused (403).
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { EventStaffResponse } from '../../src/contracts/companies'
import { FairStaffList } from '../../src/contracts/events'
import { call, callParsed, withApi } from '../support/api'
import { makeCompany, makeSchool, makeUser } from '../support/fixtures'
import { employerOf, makeEvent, person, staffOf, studentOf } from './support'

const api = withApi()

/** A name part no other test's accounts share, so `q` isolates this test's rows. */
const tag = () => randomUUID().slice(0, 6)

const list = (token: string, query = '') =>
  callParsed(FairStaffList, api.url, `/api/fair-staff${query}`, { token })

async function fairStaff(name: string, schoolId: string | null) {
  return makeUser({ role: 'fair_staff', schoolId, name })
}

describe('GET /api/fair-staff', () => {
  it("school staff see their school's and unaffiliated fair staff with the school's name, not another school's", async () => {
    const t = tag()
    const school = await makeSchool(`东湖大学${t}`)
    const other = await makeSchool()
    const mine = await fairStaff(`志愿者1${t}`, school)
    const free = await fairStaff(`志愿者2${t}`, null)
    const foreign = await fairStaff(`志愿者3${t}`, other)
    const student = await makeUser({ role: 'student', schoolId: school, name: `志愿者4${t}` })
    const disabled = await fairStaff(`志愿者5${t}`, school)
    await withServiceTx('test fixture', (db) =>
      db.query('update public.app_users set disabled_at = now() where id = $1', [disabled.id]),
    )
    const staff = await staffOf(school)

    const r = await list(staff.token, `?q=${encodeURIComponent(t)}`)
    expect(r.status).toBe(200)
    expect(r.body.items).toEqual([
      { userId: mine.id, displayName: `志愿者1${t}`, schoolName: `东湖大学${t}` },
      { userId: free.id, displayName: `志愿者2${t}`, schoolName: null },
    ])
    expect(r.body.nextCursor).toBeNull()
    const ids = r.body.items.map((i) => i.userId)
    expect(ids).not.toContain(foreign.id)
    expect(ids).not.toContain(student.id)
    expect(ids).not.toContain(disabled.id)

    // the other school's staff see theirs and the unaffiliated one, not ours
    const theirs = await list((await staffOf(other)).token, `?q=${encodeURIComponent(t)}`)
    expect(theirs.body.items.map((i) => i.userId)).toEqual([free.id, foreign.id])

    // a platform admin sees every school's
    const admin = await person(await makeUser({ role: 'platform_admin' }))
    const all = await list(admin.token, `?q=${encodeURIComponent(t)}`)
    expect(all.body.items.map((i) => i.userId)).toEqual([mine.id, free.id, foreign.id])
  })

  it('whoever the list offers can be assigned to the event; another school’s account cannot', async () => {
    const t = tag()
    const school = await makeSchool()
    const staff = await staffOf(school)
    const event = await makeEvent({ schoolId: school })
    await fairStaff(`扫码员${t}`, null)
    const foreign = await fairStaff(`外校扫码员${t}`, await makeSchool())
    const offered = (await list(staff.token, `?q=${encodeURIComponent(t)}`)).body.items
    expect(offered).toHaveLength(1)
    const a = await callParsed(EventStaffResponse, api.url, `/api/events/${event}/staff`, {
      token: staff.token,
      body: { userId: offered[0]!.userId },
    })
    expect(a.status).toBe(200)
    expect(a.body.items.map((m) => m.userId)).toEqual([offered[0]!.userId])
    const b = await call(api.url, `/api/events/${event}/staff`, {
      token: staff.token,
      body: { userId: foreign.id },
    })
    expect(b.status).toBe(403)
    const stored = await withServiceTx('test check', async (db) => {
      const r = await db.query<{ user_id: string }>(
        'select user_id from public.event_staff where event_id = $1',
        [event],
      )
      return r.rows.map((x) => x.user_id)
    })
    expect(stored).toEqual([offered[0]!.userId])
  })

  it('q narrows by part of the name: trimmed, case-insensitive, % and _ taken literally; empty = all', async () => {
    const t = tag()
    const school = await makeSchool()
    const staff = await staffOf(school)
    const zhang = await fairStaff(`张Wei${t}`, school)
    const li = await fairStaff(`李娜${t}`, school)
    const pct = await fairStaff(`王50%${t}`, school)

    const byName = await list(staff.token, `?q=${encodeURIComponent(`  wei${t}  `)}`)
    expect(byName.body.items.map((i) => i.userId)).toEqual([zhang.id])
    const byChinese = await list(staff.token, `?q=${encodeURIComponent('李娜')}`)
    expect(byChinese.body.items.map((i) => i.userId)).toContain(li.id)
    expect(byChinese.body.items.map((i) => i.userId)).not.toContain(zhang.id)
    const literal = await list(staff.token, `?q=${encodeURIComponent(`%${t}`)}`)
    expect(literal.body.items.map((i) => i.userId)).toEqual([pct.id])
    const underscore = await list(staff.token, `?q=${encodeURIComponent(`_${t}`)}`)
    expect(underscore.body.items).toEqual([])

    const everyone = await list(staff.token, '?q=')
    const blank = await list(staff.token, `?q=${encodeURIComponent('   ')}`)
    for (const r of [everyone, blank]) {
      const ids = r.body.items.map((i) => i.userId)
      expect(ids).toEqual(expect.arrayContaining([zhang.id, li.id, pct.id]))
    }
  })

  it('pages of 20 by name then id, each row once, the last page without a cursor', async () => {
    const t = tag()
    const school = await makeSchool()
    const staff = await staffOf(school)
    const made: { id: string; name: string }[] = []
    // two share a name: the id breaks the tie, and the cursor still lands between them
    for (let i = 0; i < 25; i++) {
      const name = `${t}队员${String(i === 20 ? 19 : i).padStart(2, '0')}`
      made.push({ id: (await fairStaff(name, i % 2 ? null : school)).id, name })
    }
    const expected = [...made]
      .sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1))
      .map((m) => m.id)

    const p1 = await list(staff.token, `?q=${t}`)
    expect(p1.body.items).toHaveLength(20)
    expect(p1.body.nextCursor).toEqual(expect.any(String))
    const p2 = await list(staff.token, `?q=${t}&cursor=${encodeURIComponent(p1.body.nextCursor!)}`)
    expect(p2.body.items).toHaveLength(5)
    expect(p2.body.nextCursor).toBeNull()
    expect([...p1.body.items, ...p2.body.items].map((i) => i.userId)).toEqual(expected)
  })

  it('students, employers and fair staff are refused with a Chinese message; anonymous callers 401', async () => {
    const school = await makeSchool()
    const callers = [
      await studentOf(school),
      await employerOf(await makeCompany(true)),
      await person(await fairStaff('扫码员', school)),
    ]
    for (const c of callers) {
      const r = await list(c.token)
      expect(r.status).toBe(403)
      expect(r.error.code).toBe('forbidden')
      expect(r.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
    expect((await call(api.url, '/api/fair-staff')).status).toBe(401)
  })

  it('a cursor we did not make and a q over 30 characters are 400s naming the field', async () => {
    const staff = await staffOf(await makeSchool())
    const bad = [
      'nonsense!',
      Buffer.from('["x"]').toString('base64url'),
      Buffer.from('["x","not-a-uuid"]').toString('base64url'),
      Buffer.from('{"a":1}').toString('base64url'),
      `${new Date().toISOString()}|${randomUUID()}`,
    ]
    for (const cursor of bad) {
      const r = await list(staff.token, `?cursor=${encodeURIComponent(cursor)}`)
      expect(r.status).toBe(400)
      expect(r.error.code).toBe('validation_failed')
      expect(r.error.fields).toHaveProperty('cursor')
    }
    const long = await list(staff.token, `?q=${encodeURIComponent('名'.repeat(31))}`)
    expect(long.status).toBe(400)
    expect(long.error.fields?.q).toBe('搜索内容不能超过30个字')
  })
})
