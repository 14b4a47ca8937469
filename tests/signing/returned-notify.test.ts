/**
 * Who hears of a returned agreement (POST /api/reviews/agreement/[id]/decision): for an online
 * agreement every member of the company (the employer amends it) and the student; for an offline
 * one the student only (they replace the scans and resubmit).
 */
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { DecisionResponse } from '../../src/contracts/reviews'
import { key } from '../procedures/api-support'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeUser } from '../support/fixtures'
import { ATTACH, draft, GENERATE, SUBMIT, scanKey } from './offline-support'
import { accepted, call, makeEmployer, makeSigningSchool, makeSigningStudent } from './support'

const api = withApi()

const messages = (userId: string) =>
  withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ kind: string; title: string; body: string }>(
      'select kind, title, body from public.messages where user_id = $1 order by created_at',
      [userId],
    )
    return rows
  })

async function returnIt(staffLogin: { login: string }, id: string) {
  const r = await callParsed(DecisionResponse, api.url, `/api/reviews/agreement/${id}/decision`, {
    token: await loginAs(api.url, staffLogin),
    body: { decision: 'return', reason: '薪资与岗位不符' },
    headers: key(),
  })
  expect(r.status).toBe(200)
}

describe('a returned agreement is told to the party who fixes it', () => {
  it('online: each company member gets 协议被学校退回 with the reason; the student too', async () => {
    const school = await makeSigningSchool()
    const s = await makeSigningStudent(school)
    const employer = await makeEmployer()
    const colleague = await makeUser({ role: 'employer', companyId: employer.companyId })
    const id = await accepted(employer, s)
    await returnIt(school.staff, id)
    for (const m of [employer, colleague]) {
      const got = (await messages(m.id)).filter((x) => x.title.includes('被学校退回'))
      expect(got).toHaveLength(1)
      expect(got[0]!.body).toContain('薪资与岗位不符')
    }
    expect((await messages(s.id)).map((m) => m.title)).toContain('三方协议已退回')
  })

  it('offline: the student only', async () => {
    const school = await makeSigningSchool()
    const s = await makeSigningStudent(school)
    const id = await draft(s.claims)
    await call(s.claims, GENERATE, [id])
    await call(s.claims, ATTACH, [id, [scanKey(s.id)]])
    await call(s.claims, SUBMIT, [id])
    const employer = await makeEmployer()
    await returnIt(school.staff, id)
    const mine = await messages(s.id)
    expect(mine.map((m) => m.title)).toContain('三方协议已退回')
    expect(mine.find((m) => m.title === '三方协议已退回')!.body).toContain('线下签约请重新上传扫描件')
    expect(await messages(employer.id)).toEqual([])
  })
})
