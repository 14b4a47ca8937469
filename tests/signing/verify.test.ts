/**
 * 协议验真: app.verify_agreement straight as `anon` (what the Data API would give a stranger: only
 * the printed fields), and GET /api/verify/agreement over real HTTP without a login — genuine with
 * the standing of each status, forged for an altered number (its signature no longer matches), an
 * unknown number, a missing signature; short public cache headers; the per-address rate limit.
 */
import { afterAll, describe, expect, it } from 'vitest'
import {
  BUILT_IN_AGREEMENT_VERIFY_SECRET,
  signAgreementNumber,
  signatureMatches,
} from '../../api/_lib/signing/verify-link'
import { VerifyAgreementOutcome, VerifyAgreementResponse } from '../../src/contracts/agreement-verification'
import { sqlAs } from '../identity/sql'
import { call, callParsed, errorOf, withApi } from '../support/api'
import { loginAs } from '../support/fixtures'
import { accepted, decide, makeEmployer, makeSigningSchool, makeSigningStudent, service } from './support'

const api = withApi()
const VERIFY = 'select app.verify_agreement($1) as r'

async function agreement(approve = true) {
  const school = await makeSigningSchool()
  const student = await makeSigningStudent(school)
  const employer = await makeEmployer()
  const id = await accepted(employer, student)
  if (approve) await decide(school.staff, id, 'approve')
  const [a] = await service<{ number: string; decided_at: Date | null }>(
    'select number, decided_at from public.agreements where id = $1',
    [id],
  )
  return { id, number: a!.number, decidedAt: a!.decided_at, student, employer, school }
}

async function asAnon(number: string | null) {
  const r = await sqlAs<{ r: unknown }>(null, VERIFY, [number])
  if (!r.ok) throw new Error(`${r.code} ${r.message}`)
  return VerifyAgreementOutcome.parse(r.rows[0]!.r)
}

const verifyPath = (no: string, s?: string) =>
  `/api/verify/agreement?no=${encodeURIComponent(no)}${s === undefined ? '' : `&s=${encodeURIComponent(s)}`}`

async function verify(no: string, s?: string, token?: string) {
  return callParsed(VerifyAgreementResponse, api.url, verifyPath(no, s), { token })
}

describe('app.verify_agreement as anon', () => {
  it('answers only the printed fields, the name masked; draft, unknown and malformed numbers are not_found', async () => {
    const a = await agreement()
    const raw = await sqlAs<{ r: Record<string, unknown> }>(null, VERIFY, [a.number])
    expect(raw.ok).toBe(true)
    const r = raw.ok ? raw.rows[0]!.r : {}
    expect(Object.keys(r).sort()).toEqual([
      'effective_at',
      'employer_name',
      'ended_at',
      'kind',
      'number',
      'outcome',
      'status',
      'student_name_masked',
    ])
    // the roster's 测试学生 → 测**生: first and last character, the rest hidden
    const name = Array.from(a.student.roster.name)
    expect(r).toMatchObject({
      outcome: 'found',
      number: a.number,
      employer_name: a.employer.companyName,
      student_name_masked: `${name[0]}${'*'.repeat(name.length - 2)}${name[name.length - 1]}`,
      status: 'approved',
      kind: 'online',
      ended_at: null,
    })
    expect(new Date(String(r.effective_at)).getTime()).toBe(a.decidedAt!.getTime())
    expect(JSON.stringify(r)).not.toContain(a.student.roster.name)
    expect(JSON.stringify(r)).not.toContain(a.id)

    for (const n of ['JY-2000-00000000', a.number.toLowerCase(), `${a.number} `, '', "' or 1=1 --", null]) {
      expect(await asAnon(n), String(n)).toEqual({ outcome: 'not_found' })
    }
    // a draft is no paper
    await service(`update public.agreements set status = 'discarded', decided_at = null where id = $1`, [
      a.id,
    ])
    expect(await asAnon(a.number)).toEqual({ outcome: 'not_found' })
  })

  it('anon may call nothing else of the signing centre, and reads no agreement directly', async () => {
    const a = await agreement()
    expect((await sqlAs(null, 'select number from public.agreements where id = $1', [a.id])).ok).toBe(false)
    const other = await sqlAs(null, 'select app.confirm_agreement($1) as r', [a.id])
    expect(other.ok ? 'ok' : other.code).toBe('42501')
  })
})

describe('GET /api/verify/agreement (no login)', () => {
  afterAll(async () => {
    delete process.env.VERIFY_RATE_LIMIT_PER_MINUTE
    await service("delete from public.rate_limit_hits where bucket like 'verify-agreement:%'")
  })

  it('a signed approved number is genuine and effective, with a public no-cache header (a termination shows at once)', async () => {
    const a = await agreement()
    const r = await verify(a.number, signAgreementNumber(a.number))
    expect(r.status).toBe(200)
    const name = Array.from(a.student.roster.name)
    expect(r.body).toEqual({
      verdict: 'genuine',
      number: a.number,
      employerName: a.employer.companyName,
      studentNameMasked: `${name[0]}${'*'.repeat(name.length - 2)}${name[name.length - 1]}`,
      status: 'approved',
      standing: 'effective',
      statusLabel: '真实有效',
      kind: 'online',
      effectiveAt: expect.any(String),
      endedAt: null,
    })
    expect(r.headers.get('cache-control')).toBe('public, no-cache')
    // a token sent anyway changes nothing (the route reads as anon)
    const signedIn = await verify(a.number, signAgreementNumber(a.number), await loginAs(api.url, a.student))
    expect(signedIn.body).toEqual(r.body)
  })

  it('an altered number, a missing or wrong signature and an unknown number are forged, and say which', async () => {
    const a = await agreement()
    const sig = signAgreementNumber(a.number)
    const last = a.number.slice(-1)
    const altered = `${a.number.slice(0, -1)}${last === '0' ? '1' : '0'}`
    expect((await verify(altered, sig)).body).toEqual({
      verdict: 'forged',
      number: altered,
      reason: 'bad_signature',
      statusLabel: '编号不存在或已被篡改',
    })
    expect((await verify(a.number)).body).toMatchObject({ verdict: 'forged', reason: 'bad_signature' })
    expect(
      (await verify(a.number, `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`)).body,
    ).toMatchObject({
      verdict: 'forged',
      reason: 'bad_signature',
    })
    expect((await verify(a.number, sig.slice(0, 10))).body).toMatchObject({ reason: 'bad_signature' })
    const noNumber = await callParsed(VerifyAgreementResponse, api.url, '/api/verify/agreement')
    expect(noNumber.body).toEqual({
      verdict: 'forged',
      number: null,
      reason: 'bad_signature',
      statusLabel: '编号不存在或已被篡改',
    })
    // correctly signed, but no agreement has the number (e.g. a server's signature on a made-up number)
    const unknown = 'JY-2000-0000ABCD'
    expect((await verify(unknown, signAgreementNumber(unknown))).body).toMatchObject({
      verdict: 'forged',
      number: unknown,
      reason: 'unknown_number',
    })
    // too long to be anything: a 400 with the field, not a crash
    const long = await call(api.url, verifyPath('J'.repeat(100), sig))
    expect(long.status).toBe(400)
    expect(errorOf(long).code).toBe('validation_failed')
  })

  it('each status reads as the page says it: under review 尚未生效, terminated 已解约', async () => {
    const a = await agreement(false)
    const sig = signAgreementNumber(a.number)
    expect((await verify(a.number, sig)).body).toMatchObject({
      verdict: 'genuine',
      status: 'pending_review',
      standing: 'not_effective',
      statusLabel: '尚未生效（审核中）',
      effectiveAt: null,
    })
    await decide(a.school.staff, a.id, 'approve')
    expect((await verify(a.number, sig)).body).toMatchObject({ status: 'approved', statusLabel: '真实有效' })
    await service(`update public.agreements set status = 'terminated', ended_at = now() where id = $1`, [
      a.id,
    ])
    const t = await verify(a.number, sig)
    expect(t.body).toMatchObject({
      verdict: 'genuine',
      status: 'terminated',
      standing: 'terminated',
      statusLabel: '已解约',
      effectiveAt: expect.any(String),
      endedAt: expect.any(String),
    })
  })

  it('one address is limited per minute (429 with retry_after_seconds)', async () => {
    const a = await agreement()
    await service("delete from public.rate_limit_hits where bucket like 'verify-agreement:%'")
    process.env.VERIFY_RATE_LIMIT_PER_MINUTE = '3'
    const sig = signAgreementNumber(a.number)
    // 7 calls: however a minute window's turn splits them, one window sees at least 4
    const answers = []
    for (let i = 0; i < 7; i++) answers.push(await call(api.url, verifyPath(a.number, sig)))
    expect(answers[0]!.status).toBe(200)
    const refused = answers.find((r) => r.status === 429)
    expect(refused, 'a refused call').toBeDefined()
    expect(errorOf(refused!)).toMatchObject({ code: 'rate_limited' })
    expect(errorOf(refused!).details?.retry_after_seconds).toBeGreaterThan(0)
  })
})

describe('the link signature', () => {
  const saved = { flag: process.env.JIUYE_LOCAL_SECRETS, secret: process.env.AGREEMENT_VERIFY_SECRET }
  afterAll(() => {
    for (const [k, v] of [
      ['JIUYE_LOCAL_SECRETS', saved.flag],
      ['AGREEMENT_VERIFY_SECRET', saved.secret],
    ] as const) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })

  it('is made with AGREEMENT_VERIFY_SECRET; without it (and without the local flag) nothing is signed', () => {
    const n = 'JY-2026-0A1B2C3D'
    const local = signAgreementNumber(n)
    expect(local).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(signatureMatches(n, local)).toBe(true)
    expect(signatureMatches('JY-2026-0A1B2C3E', local)).toBe(false)
    process.env.AGREEMENT_VERIFY_SECRET = 'a-real-agreement-verify-secret-0123456789-abcdef'
    expect(signAgreementNumber(n)).not.toBe(local)
    expect(signatureMatches(n, local)).toBe(false)
    delete process.env.AGREEMENT_VERIFY_SECRET
    delete process.env.JIUYE_LOCAL_SECRETS
    expect(() => signAgreementNumber(n)).toThrow(/AGREEMENT_VERIFY_SECRET is not set/)
    process.env.AGREEMENT_VERIFY_SECRET = BUILT_IN_AGREEMENT_VERIFY_SECRET
    expect(() => signAgreementNumber(n)).toThrow(/public built-in value/)
  })
})
