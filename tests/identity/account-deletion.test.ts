/**
 * Account deletion has one defined path: the student's binding ends (the roster record stays, free
 * to bind again), then the user and everything that is only theirs goes (cascade).
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { withServiceTx, withUserTx } from '../../api/_lib/db/tx'
import { hashIdCard } from '../../api/_lib/identity/secrets'
import { objectStore } from '../../api/_lib/storage'
import { BindingStatus } from '../../src/contracts/binding'
import { DeleteMeResponse, MeResponse } from '../../src/contracts/me'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeMessage, makeSchool, makeUser, type TestUser } from '../support/fixtures'
import { makeIdCard, makeRosterEntry, type RosterFixture } from '../support/roster-fixtures'
import { codeOf, sqlAs } from './sql'

async function bindAs(u: TestUser, e: RosterFixture, idCard = e.idCard, client = '203.0.113.50') {
  return withUserTx(u.claims, async (db) => {
    const { rows } = await db.query<{ r: { outcome: string; scope?: string } }>(
      'select app.bind_roster($1, $2, $3, $4, null, null, $5) as r',
      [e.schoolId, e.studentNumber, e.name, hashIdCard(idCard), client],
    )
    return rows[0]!.r
  })
}

async function exists(table: string, column: string, id: string): Promise<boolean> {
  return withServiceTx('test: read back', async (db) => {
    const { rowCount } = await db.query(`select 1 from public.${table} where ${column} = $1`, [id])
    return (rowCount ?? 0) > 0
  })
}

describe('account deletion', () => {
  const api = withApi()

  it('a bound student deletes their account with DELETE /api/me; the record stays, free to bind again', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const user = await makeUser({ role: 'student' })
    const token = await loginAs(api.url, user)
    const body = { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard }
    expect((await callParsed(BindingStatus, api.url, '/api/binding', { token, body })).status).toBe(200)
    await makeMessage(user.id)
    // an avatar on file: deleting the account removes it from storage too
    const key = `${user.id}/${randomUUID()}.png`
    await objectStore().put('avatars', key, Buffer.from('png'), 'image/png')
    await withServiceTx('test: avatar', (db) =>
      db.query('insert into public.student_profiles (user_id, avatar_path) values ($1, $2)', [user.id, key]),
    )
    const url = new URL(await objectStore().signedUrl('avatars', key, 60), api.url)
    expect((await fetch(url)).status).toBe(200)

    const r = await callParsed(DeleteMeResponse, api.url, '/api/me', { method: 'DELETE', token })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ deleted: true })
    expect(await exists('app_users', 'id', user.id)).toBe(false)
    expect(await exists('messages', 'user_id', user.id)).toBe(false)
    expect(await exists('roster_entries', 'id', e.id)).toBe(true)
    // the file is gone (the local stand-in answers a missing file like a bad signature)
    expect((await fetch(url)).status).not.toBe(200)
    // the old token no longer works, and the record binds to the student's next account
    expect((await callParsed(MeResponse, api.url, '/api/me', { token })).status).toBe(401)
    const next = await loginAs(api.url, await makeUser({ role: 'student' }))
    expect((await callParsed(BindingStatus, api.url, '/api/binding', { token: next, body })).status).toBe(200)
  })

  it('a service-side delete of a bound user unbinds the record first', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const user = await makeUser({ role: 'student' })
    expect(await bindAs(user, e)).toMatchObject({ outcome: 'bound' })
    await withServiceTx('test: system deletes a user', (db) =>
      db.query('delete from public.app_users where id = $1', [user.id]),
    )
    const row = await withServiceTx('test: read back', async (db) => {
      const { rows } = await db.query(
        'select bound_user_id, bound_at from public.roster_entries where id = $1',
        [e.id],
      )
      return rows[0]
    })
    expect(row).toEqual({ bound_user_id: null, bound_at: null })
  })

  it('delete_my_account: claims without sub are refused, other roles are told no, nothing is deleted', async () => {
    const staff = await makeUser({ role: 'school_staff', schoolId: await makeSchool() })
    expect(await codeOf({ role: 'authenticated' }, 'select app.delete_my_account()')).toBe('42501')
    expect(await codeOf(null, 'select app.delete_my_account()')).toBe('42501')
    const r = await sqlAs<{ r: unknown }>(staff.claims, 'select app.delete_my_account() as r')
    expect(r.ok && r.rows[0]!.r).toEqual({ outcome: 'not_student' })
    expect(await exists('app_users', 'id', staff.id)).toBe(true)
    const res = await callParsed(DeleteMeResponse, api.url, '/api/me', {
      method: 'DELETE',
      token: await loginAs(api.url, staff),
    })
    expect(res.status).toBe(403)
  })

  it('failed binding attempts of a deleted account still count against the record', async () => {
    const e = await makeRosterEntry(await makeSchool())
    const [a, b] = [await makeUser({ role: 'student' }), await makeUser({ role: 'student' })]
    for (const u of [a, b]) {
      for (let i = 0; i < 5; i++) expect((await bindAs(u, e, makeIdCard())).outcome).toBe('mismatch')
      expect(await sqlAs(u.claims, 'select app.delete_my_account()')).toMatchObject({ ok: true })
    }
    const c = await makeUser({ role: 'student' })
    expect(await bindAs(c, e)).toMatchObject({ outcome: 'rate_limited', scope: 'record' })
  })
})
