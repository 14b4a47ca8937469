import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { call, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser, type TestUser } from '../support/fixtures'
import { makeIdCard, makeRosterEntry } from '../support/roster-fixtures'

async function unboundStudent(base: string): Promise<{ user: TestUser; token: string }> {
  const user = await makeUser({ role: 'student' })
  return { user, token: await loginAs(base, user) }
}

describe('binding to the roster', () => {
  const api = withApi()

  it('binds with the five fields; the student then sees their record and school', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school, { name: '张小明' })
    const { user, token } = await unboundStudent(api.url)
    const r = await call(api.url, '/api/binding', {
      token,
      body: {
        schoolId: school,
        studentNumber: e.studentNumber,
        name: '张小明',
        idCard: e.idCard.toLowerCase(),
        degreeLevel: 'bachelor',
        graduationYear: 2027,
      },
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      verified: true,
      record: { id: e.id, name: '张小明', studentNumber: e.studentNumber },
    })
    expect(r.body.record.idCardMasked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/)
    const me = await call(api.url, '/api/me', { token })
    expect(me.body.user).toMatchObject({ id: user.id, schoolId: school, displayName: '张小明' })
    const full = await call(api.url, '/api/me/id-card', { token })
    expect(full.body.idCard).toBe(e.idCard)
  })

  it('a wrong name says to check the name, how many tries are left, and the school’s contact', async () => {
    const school = await makeSchool('联系大学')
    await withServiceTx('test', (db) =>
      db.query("update public.schools set contact_phone = '0451-88888888' where id = $1", [school]),
    )
    const e = await makeRosterEntry(school, { name: '李雷' })
    const { token } = await unboundStudent(api.url)
    const r = await call(api.url, '/api/binding', {
      token,
      body: { schoolId: school, studentNumber: e.studentNumber, name: '韩梅梅', idCard: e.idCard },
    })
    expect(r.status).toBe(422)
    expect(r.body.error.code).toBe('roster_not_matched')
    expect(r.body.error.fields).toEqual({ name: '姓名与生源库不一致，请核对姓名' })
    expect(r.body.error.message).toContain('还可尝试4次')
    expect(r.body.error.message).toContain('联系大学就业部门（电话 0451-88888888）')
    const unknown = await call(api.url, '/api/binding', {
      token,
      body: { schoolId: school, studentNumber: 'NOPE1', name: '李雷', idCard: e.idCard },
    })
    expect(unknown.body.error.fields).toEqual({ studentNumber: '未找到该学号，请核对学号' })
    const wrongId = await call(api.url, '/api/binding', {
      token,
      body: { schoolId: school, studentNumber: e.studentNumber, name: '李雷', idCard: makeIdCard() },
    })
    expect(wrongId.body.error.fields).toEqual({ idCard: '身份证号与生源库不一致，请核对身份证号' })
    const status = await call(api.url, '/api/binding', { token })
    expect(status.body).toEqual({ verified: false, record: null, review: null })
  })

  it('an invalid ID number is refused before any matching and does not count as a try', async () => {
    const school = await makeSchool()
    const { token } = await unboundStudent(api.url)
    const r = await call(api.url, '/api/binding', {
      token,
      body: { schoolId: school, studentNumber: '1', name: '某', idCard: '110101200401011234' },
    })
    expect(r.status).toBe(400)
    expect(r.body.error.fields.idCard).toBe('身份证号校验位不正确，请核对')
  })

  it('one record binds one WeChat user: a second user is told to unbind through the school', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const a = await unboundStudent(api.url)
    const b = await unboundStudent(api.url)
    const body = { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard }
    expect((await call(api.url, '/api/binding', { token: a.token, body })).status).toBe(200)
    const second = await call(api.url, '/api/binding', { token: b.token, body })
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('already_bound')
    expect(second.body.error.message).toMatch(/联系.*解除原绑定/)
    const again = await call(api.url, '/api/binding', { token: a.token, body })
    expect(again.body.error.message).toBe('你已绑定学籍，如需更换请先解除绑定')
  })

  it('two users racing for one record: exactly one binds', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const users = await Promise.all(Array.from({ length: 5 }, () => unboundStudent(api.url)))
    const body = { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard }
    const results = await Promise.all(
      users.map((u) => call(api.url, '/api/binding', { token: u.token, body })),
    )
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.status === 409)).toHaveLength(4)
  })

  it('after 5 failures in 15 minutes further tries are refused, even correct ones, until the window passes', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const { user, token } = await unboundStudent(api.url)
    const wrong = { schoolId: school, studentNumber: e.studentNumber, name: '错的', idCard: e.idCard }
    for (let i = 0; i < 5; i++)
      expect((await call(api.url, '/api/binding', { token, body: wrong })).status).toBe(422)
    const right = { ...wrong, name: e.name }
    const refused = await call(api.url, '/api/binding', { token, body: right })
    expect(refused.status).toBe(429)
    expect(refused.body.error.message).toMatch(/核对失败次数过多，请1[45]分钟后再试/)
    await withServiceTx('test: age the attempts', (db) =>
      db.query(
        "update public.binding_attempts set created_at = now() - interval '16 minutes' where user_id = $1",
        [user.id],
      ),
    )
    expect((await call(api.url, '/api/binding', { token, body: right })).status).toBe(200)
  })

  it('a record tried and failed 10 times in an hour by different users is locked for everyone', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const wrong = { schoolId: school, studentNumber: e.studentNumber, name: '冒名', idCard: e.idCard }
    for (let i = 0; i < 5; i++) {
      const u = await unboundStudent(api.url)
      await call(api.url, '/api/binding', { token: u.token, body: wrong })
      await call(api.url, '/api/binding', { token: u.token, body: wrong })
    }
    const owner = await unboundStudent(api.url)
    const r = await call(api.url, '/api/binding', { token: owner.token, body: { ...wrong, name: e.name } })
    expect(r.status).toBe(429)
    expect(r.body.error.message).toMatch(/该学籍近期核对失败次数过多/)
  })

  it('the student can unbind and bind again from a new WeChat account; staff can unbind a lost one', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const body = { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard }
    const oldPhone = await unboundStudent(api.url)
    await call(api.url, '/api/binding', { token: oldPhone.token, body })
    const out = await call(api.url, '/api/binding/unbind', { token: oldPhone.token, body: {} })
    expect(out.body).toEqual({ ok: true })
    expect((await call(api.url, '/api/me', { token: oldPhone.token })).body.user.schoolId).toBeNull()
    const newPhone = await unboundStudent(api.url)
    expect((await call(api.url, '/api/binding', { token: newPhone.token, body })).status).toBe(200)

    // the new phone is lost too; the school unbinds it
    const staff = await makeUser({ role: 'school_staff', schoolId: school })
    const staffToken = await loginAs(api.url, staff)
    const otherSchoolStaff = await makeUser({ role: 'school_staff', schoolId: await makeSchool() })
    const denied = await call(api.url, '/api/binding/unbind', {
      token: await loginAs(api.url, otherSchoolStaff),
      body: { rosterEntryId: e.id },
    })
    expect(denied.status).toBe(403)
    const byStaff = await call(api.url, '/api/binding/unbind', {
      token: staffToken,
      body: { rosterEntryId: e.id },
    })
    expect(byStaff.status).toBe(200)
    const third = await unboundStudent(api.url)
    expect((await call(api.url, '/api/binding', { token: third.token, body })).status).toBe(200)
  })

  it('only students bind; the full ID number is for its owner only', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const staff = await makeUser({ role: 'school_staff', schoolId: school })
    const token = await loginAs(api.url, staff)
    const r = await call(api.url, '/api/binding', {
      token,
      body: { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard },
    })
    expect(r.status).toBe(403)
    expect((await call(api.url, '/api/me/id-card', { token })).status).toBe(404)
  })
})
