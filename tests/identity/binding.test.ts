import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import {
  BindingStatus,
  BindRateLimitDetails,
  IdCardResponse,
  UnbindResponse,
} from '../../src/contracts/binding'
import { MeResponse } from '../../src/contracts/me'
import { callParsed, parseAnswer, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser, type TestUser } from '../support/fixtures'
import { makeIdCard, makeRosterEntry } from '../support/roster-fixtures'
import { callFrom } from './call-from'

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
    const r = await callParsed(BindingStatus, api.url, '/api/binding', {
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
    expect(r.body.record?.idCardMasked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/)
    const me = await callParsed(MeResponse, api.url, '/api/me', { token })
    expect(me.body.user).toMatchObject({ id: user.id, schoolId: school, displayName: '张小明' })
    const full = await callParsed(IdCardResponse, api.url, '/api/me/id-card', { token })
    expect(full.body.idCard).toBe(e.idCard)
  })

  it('an unknown student number and a wrong name get one answer that names no field', async () => {
    const school = await makeSchool('联系大学')
    await withServiceTx('test', (db) =>
      db.query("update public.schools set contact_phone = '0451-88888888' where id = $1", [school]),
    )
    const e = await makeRosterEntry(school, { name: '李雷' })
    const { token } = await unboundStudent(api.url)
    const wrongName = await callParsed(BindingStatus, api.url, '/api/binding', {
      token,
      body: { schoolId: school, studentNumber: e.studentNumber, name: '韩梅梅', idCard: e.idCard },
    })
    expect(wrongName.status).toBe(422)
    expect(wrongName.error.code).toBe('roster_not_matched')
    expect(wrongName.error.fields).toBeUndefined()
    expect(wrongName.error.details).toEqual({ remaining: 4 })
    expect(wrongName.error.message).toContain('还可尝试4次')
    expect(wrongName.error.message).toContain('联系大学就业部门（电话 0451-88888888）')
    const unknown = await callParsed(BindingStatus, api.url, '/api/binding', {
      token,
      body: { schoolId: school, studentNumber: 'NOPE1', name: '李雷', idCard: e.idCard },
    })
    expect(unknown.status).toBe(422)
    expect(unknown.error.fields).toBeUndefined()
    expect(unknown.error.details).toEqual({ remaining: 3 })
    // the same words: nothing tells a stranger whether the number exists
    expect(unknown.error.message).toBe(wrongName.error.message.replace('4次', '3次'))
    const status = await callParsed(BindingStatus, api.url, '/api/binding', { token })
    expect(status.body).toEqual({ verified: false, record: null, review: null })
  })

  it('with school, number and name right, a wrong ID number names the field and the tries left', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school, { name: '李雷', graduationYear: 2027 })
    const { token } = await unboundStudent(api.url)
    const wrongId = await callParsed(BindingStatus, api.url, '/api/binding', {
      token,
      body: { schoolId: school, studentNumber: e.studentNumber, name: '李雷', idCard: makeIdCard() },
    })
    expect(wrongId.status).toBe(422)
    expect(wrongId.error.fields).toEqual({ idCard: '身份证号与生源库不一致，请核对身份证号' })
    expect(wrongId.error.details).toEqual({ field: 'id_card', remaining: 4 })
    const wrongYear = await callParsed(BindingStatus, api.url, '/api/binding', {
      token,
      body: {
        schoolId: school,
        studentNumber: e.studentNumber,
        name: '李雷',
        idCard: e.idCard,
        graduationYear: 2030,
      },
    })
    expect(wrongYear.error.fields).toEqual({ graduationYear: '毕业年份与生源库不一致' })
    expect(wrongYear.error.details).toEqual({ field: 'graduation_year', remaining: 3 })
  })

  it('an invalid ID number is refused before any matching and does not count as a try', async () => {
    const school = await makeSchool()
    const { token } = await unboundStudent(api.url)
    const r = await callParsed(BindingStatus, api.url, '/api/binding', {
      token,
      body: { schoolId: school, studentNumber: '1', name: '某', idCard: '110101200401011234' },
    })
    expect(r.status).toBe(400)
    expect(r.error.fields?.idCard).toBe('身份证号校验位不正确，请核对')
  })

  it('one record binds one WeChat user: a second user is told to unbind through the school', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const a = await unboundStudent(api.url)
    const b = await unboundStudent(api.url)
    const body = { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard }
    expect((await callParsed(BindingStatus, api.url, '/api/binding', { token: a.token, body })).status).toBe(
      200,
    )
    const second = await callParsed(BindingStatus, api.url, '/api/binding', { token: b.token, body })
    expect(second.status).toBe(409)
    expect(second.error.code).toBe('already_bound')
    expect(second.error.message).toMatch(/联系.*解除原绑定/)
    const again = await callParsed(BindingStatus, api.url, '/api/binding', { token: a.token, body })
    expect(again.error.message).toBe('你已绑定学籍，如需更换请先解除绑定')
  })

  it('two users racing for one record: exactly one binds', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const users = await Promise.all(Array.from({ length: 5 }, () => unboundStudent(api.url)))
    const body = { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard }
    const results = await Promise.all(
      users.map((u) => callParsed(BindingStatus, api.url, '/api/binding', { token: u.token, body })),
    )
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.status === 409)).toHaveLength(4)
  })

  it('one student’s parallel tries under different idempotency keys each count once, without deadlock', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const { token } = await unboundStudent(api.url)
    const tries = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        callParsed(BindingStatus, api.url, '/api/binding', {
          token,
          headers: { 'idempotency-key': `parallel-${i}-${e.id}` },
          body: { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: makeIdCard() },
        }),
      ),
    )
    // five failures are allowed, the sixth is over the limit; none is a lock conflict (409)
    expect(tries.map((r) => r.status).sort()).toEqual([422, 422, 422, 422, 422, 429])
  })

  it('after 5 failures in 15 minutes further tries are refused, even correct ones, until the window passes', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const { user, token } = await unboundStudent(api.url)
    const wrong = { schoolId: school, studentNumber: e.studentNumber, name: '错的', idCard: e.idCard }
    for (let i = 0; i < 5; i++)
      expect((await callParsed(BindingStatus, api.url, '/api/binding', { token, body: wrong })).status).toBe(
        422,
      )
    const right = { ...wrong, name: e.name }
    const refused = await callParsed(BindingStatus, api.url, '/api/binding', { token, body: right })
    expect(refused.status).toBe(429)
    expect(refused.error.message).toMatch(/核对失败次数过多，请1[45]分钟后再试/)
    // the client reads when to try again from details, not from the words
    const wait = BindRateLimitDetails.parse(refused.error.details)
    expect(wait.scope).toBe('user')
    expect(wait.retry_after_seconds).toBeGreaterThan(800)
    expect(wait.retry_after_seconds).toBeLessThanOrEqual(900)
    await withServiceTx('test: age the attempts', (db) =>
      db.query(
        "update public.binding_attempts set created_at = now() - interval '16 minutes' where user_id = $1",
        [user.id],
      ),
    )
    expect((await callParsed(BindingStatus, api.url, '/api/binding', { token, body: right })).status).toBe(
      200,
    )
  })

  it('a stranger failing 10 times against a record from one address does not lock its owner out', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    // the stranger knows the name and number (a classmate) and guesses ID numbers
    const guess = () => ({
      schoolId: school,
      studentNumber: e.studentNumber,
      name: e.name,
      idCard: makeIdCard(),
    })
    const stranger = [
      await unboundStudent(api.url),
      await unboundStudent(api.url),
      await unboundStudent(api.url),
    ]
    for (let i = 0; i < 10; i++) {
      const r = await callFrom('127.0.0.2', api.url, '/api/binding', {
        token: stranger[i % 3]!.token,
        body: guess(),
      })
      expect(r.status).toBe(422)
    }
    const locked = parseAnswer(
      BindingStatus,
      await callFrom('127.0.0.2', api.url, '/api/binding', { token: stranger[2]!.token, body: guess() }),
    )
    expect(locked.status).toBe(429)
    expect(locked.error.message).toMatch(/该学籍近期核对失败次数过多/)
    const wait = BindRateLimitDetails.parse(locked.error.details)
    expect(wait.scope).toBe('record')
    expect(wait.retry_after_seconds).toBeGreaterThan(3000)
    const owner = await unboundStudent(api.url)
    const right = { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard }
    const r = await callFrom('127.0.0.3', api.url, '/api/binding', { token: owner.token, body: right })
    expect(r.status).toBe(200)
  })

  it('the student can unbind and bind again from a new WeChat account; staff can unbind a lost one', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const body = { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard }
    const oldPhone = await unboundStudent(api.url)
    await callParsed(BindingStatus, api.url, '/api/binding', { token: oldPhone.token, body })
    const out = await callParsed(UnbindResponse, api.url, '/api/binding/unbind', {
      token: oldPhone.token,
      body: {},
    })
    expect(out.body).toEqual({ ok: true })
    expect(
      (await callParsed(MeResponse, api.url, '/api/me', { token: oldPhone.token })).body.user.schoolId,
    ).toBeNull()
    const newPhone = await unboundStudent(api.url)
    expect(
      (await callParsed(BindingStatus, api.url, '/api/binding', { token: newPhone.token, body })).status,
    ).toBe(200)

    // the new phone is lost too; the school unbinds it
    const staff = await makeUser({ role: 'school_staff', schoolId: school })
    const staffToken = await loginAs(api.url, staff)
    const otherSchoolStaff = await makeUser({ role: 'school_staff', schoolId: await makeSchool() })
    const denied = await callParsed(UnbindResponse, api.url, '/api/binding/unbind', {
      token: await loginAs(api.url, otherSchoolStaff),
      body: { rosterEntryId: e.id },
    })
    expect(denied.status).toBe(403)
    const byStaff = await callParsed(UnbindResponse, api.url, '/api/binding/unbind', {
      token: staffToken,
      body: { rosterEntryId: e.id },
    })
    expect(byStaff.status).toBe(200)
    const third = await unboundStudent(api.url)
    expect(
      (await callParsed(BindingStatus, api.url, '/api/binding', { token: third.token, body })).status,
    ).toBe(200)
  })

  it('only students bind; the full ID number is for its owner only', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const staff = await makeUser({ role: 'school_staff', schoolId: school })
    const token = await loginAs(api.url, staff)
    const r = await callParsed(BindingStatus, api.url, '/api/binding', {
      token,
      body: { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard },
    })
    expect(r.status).toBe(403)
    expect((await callParsed(IdCardResponse, api.url, '/api/me/id-card', { token })).status).toBe(404)
  })
})
