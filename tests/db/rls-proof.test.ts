import { describe, expect, it } from 'vitest'
import { signAccessToken } from '../../api/_lib/auth/jwt'
import { withServiceTx, withUserTx } from '../../api/_lib/db/tx'
import { AppError } from '../../api/_lib/http/errors'
import { MessageListResponse } from '../../src/contracts/messages'
import { callParsed, withApi } from '../support/api'
import { makeMessage, makeSchool, makeStudent } from '../support/fixtures'

async function titlesAs(claims: Parameters<typeof withUserTx>[0]): Promise<string[]> {
  return withUserTx(claims, async (db) => {
    const { rows } = await db.query<{ title: string }>('select title from public.messages order by title')
    return rows.map((r) => r.title)
  })
}

describe('request-scoped role and claims: RLS applies to every query a user causes', () => {
  const api = withApi()

  it('each user sees only their own rows; the service path sees both; anon sees none', async () => {
    const school = await makeSchool()
    const a = await makeStudent(school)
    const b = await makeStudent(school)
    await makeMessage(a.id, 'A 的消息')
    await makeMessage(b.id, 'B 的消息')

    expect(await titlesAs(a.claims)).toEqual(['A 的消息'])
    expect(await titlesAs(b.claims)).toEqual(['B 的消息'])
    const all = await withServiceTx('test: service sees all', async (db) => {
      const { rows } = await db.query<{ title: string }>(
        'select title from public.messages where user_id = any($1) order by title',
        [[a.id, b.id]],
      )
      return rows.map((r) => r.title)
    })
    expect(all).toEqual(['A 的消息', 'B 的消息'])
    // anon has no grant on messages at all: the query is refused, not answered empty
    await expect(titlesAs(null)).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('the transaction really runs as the role with the claims set (what policies read)', async () => {
    const a = await makeStudent()
    const seen = await withUserTx(a.claims, async (db) => {
      const { rows } = await db.query(
        "select current_user as role, auth.uid() as uid, auth.role() as jwt_role, auth.jwt() ->> 'app_role' as app_role",
      )
      return rows[0]
    })
    expect(seen).toEqual({ role: 'authenticated', uid: a.id, jwt_role: 'authenticated', app_role: 'student' })
    // and nothing leaks to the next transaction on the same pooled connection
    const after = await withServiceTx(
      'test',
      async (db) => (await db.query('select auth.uid() as uid')).rows[0],
    )
    expect(after).toEqual({ uid: null })
  })

  it('a user cannot change another user’s row: the update matches nothing', async () => {
    const a = await makeStudent()
    const b = await makeStudent()
    const bMsg = await makeMessage(b.id)
    const n = await withUserTx(a.claims, async (db) => {
      const r = await db.query('update public.messages set read_at = now() where id = $1', [bMsg])
      return r.rowCount
    })
    expect(n).toBe(0)
    // and a column outside the grant cannot be written even on an own row
    const aMsg = await makeMessage(a.id)
    await expect(
      withUserTx(a.claims, (db) => db.query("update public.messages set title = 'x' where id = $1", [aMsg])),
    ).rejects.toBeInstanceOf(AppError)
  })

  it('through HTTP: each token reads only its owner’s messages', async () => {
    const a = await makeStudent()
    const b = await makeStudent()
    await makeMessage(a.id, '只给 A')
    await makeMessage(b.id, '只给 B')
    const tokenA = (
      await signAccessToken({
        userId: a.id,
        role: 'student',
        schoolId: a.schoolId,
        companyId: null,
        sessionId: a.claims.session_id,
      })
    ).token
    const tokenB = (
      await signAccessToken({
        userId: b.id,
        role: 'student',
        schoolId: b.schoolId,
        companyId: null,
        sessionId: b.claims.session_id,
      })
    ).token
    const ra = await callParsed(MessageListResponse, api.url, '/api/messages', { token: tokenA })
    const rb = await callParsed(MessageListResponse, api.url, '/api/messages', { token: tokenB })
    expect(ra.status).toBe(200)
    expect(ra.body.items.map((m: { title: string }) => m.title)).toEqual(['只给 A'])
    expect(rb.body.items.map((m: { title: string }) => m.title)).toEqual(['只给 B'])
  })
})
