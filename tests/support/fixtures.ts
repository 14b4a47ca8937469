/** Test data made through the explicit service path, as system jobs would. */
import { randomUUID } from 'node:crypto'
import type { AccessClaims } from '../../api/_lib/auth/jwt'
import { hashPassword } from '../../api/_lib/auth/password'
import { withServiceTx } from '../../api/_lib/db/tx'
import { type AppRole, TokenResponse } from '../../src/contracts/auth'
import { call } from './api'

let passwordHash: Promise<string> | undefined
export const TEST_PASSWORD = 'correct-horse-battery'

export async function makeSchool(name = `测试大学${randomUUID().slice(0, 6)}`): Promise<string> {
  return withServiceTx('test fixture', async (db) => {
    const code = randomUUID().replace(/-/g, '').slice(0, 10)
    const { rows } = await db.query<{ id: string }>(
      'insert into public.schools (code, name) values ($1, $2) returning id',
      [code, name],
    )
    return rows[0]!.id
  })
}

export async function makeCompany(verified = true): Promise<string> {
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      'insert into public.companies (name, verified) values ($1, $2) returning id',
      [`测试公司${randomUUID().slice(0, 6)}`, verified],
    )
    return rows[0]!.id
  })
}

export interface TestUser {
  id: string
  login: string
  role: AppRole
  schoolId: string | null
  companyId: string | null
  claims: AccessClaims
}

export async function makeUser(
  opts: {
    role?: AppRole
    schoolId?: string | null
    companyId?: string | null
    college?: string | null
    name?: string
  } = {},
): Promise<TestUser> {
  const role = opts.role ?? 'student'
  const schoolId = opts.schoolId ?? null
  const companyId = opts.companyId ?? null
  const login = `u_${randomUUID().slice(0, 8)}`
  passwordHash ??= hashPassword(TEST_PASSWORD)
  const hash = await passwordHash
  const id = await withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.app_users (role, display_name, school_id, company_id, college)
       values ($1, $2, $3, $4, $5) returning id`,
      [role, opts.name ?? `用户${login.slice(2, 6)}`, schoolId, companyId, opts.college ?? null],
    )
    await db.query(
      'insert into public.password_credentials (user_id, login, password_hash) values ($1, $2, $3)',
      [rows[0]!.id, login, hash],
    )
    return rows[0]!.id
  })
  const claims: AccessClaims = {
    sub: id,
    role: 'authenticated',
    aud: 'authenticated',
    app_role: role,
    school_id: schoolId,
    company_id: companyId,
    session_id: randomUUID(),
  }
  return { id, login, role, schoolId, companyId, claims }
}

export async function makeStudent(schoolId?: string): Promise<TestUser> {
  return makeUser({ role: 'student', schoolId: schoolId ?? (await makeSchool()) })
}

export async function makeMessage(
  userId: string,
  title = '测试消息',
  link: string | null = null,
): Promise<string> {
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.messages (user_id, kind, title, body, link) values ($1, 'system', $2, '内容', $3) returning id`,
      [userId, title, link],
    )
    return rows[0]!.id
  })
}

/** An access token for a fixture (or demo) account, through the real password login. */
export async function loginAs(base: string, u: { login: string }, password = TEST_PASSWORD): Promise<string> {
  const res = await call(base, '/api/auth/login', { body: { login: u.login, password } })
  if (res.status !== 200)
    throw new Error(`login of ${u.login} failed: ${res.status} ${JSON.stringify(res.body)}`)
  return TokenResponse.parse(res.body).accessToken
}
