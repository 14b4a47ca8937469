/**
 * 单位信息: a member reads and saves their company's profile and uploads its logo. The name and
 * credit code are fixed once the platform verified the company; every refusal is a 4xx with a
 * Chinese message per field and changes nothing.
 */
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import {
  CompanyLogoResponse,
  type CompanyProfileInput,
  CompanyProfileResponse,
} from '../../src/contracts/company-profile'
import { EmployerJobResponse } from '../../src/contracts/jobs'
import { TINY_PNG } from '../storage/upload'
import { call, callParsed, expectOk, parseAnswer, withApi } from '../support/api'
import { loginAs, makeCompany, makeSchool, makeUser } from '../support/fixtures'
import { makeJob, setVerified } from './posts-fixtures'

const api = withApi()

/** A credit code of its own per company (they are unique): 18 of [0-9A-Z]. */
function creditCode(): string {
  const abc = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  return Array.from({ length: 18 }, () => abc[Math.floor(Math.random() * abc.length)]).join('')
}

const PROFILE: CompanyProfileInput = {
  name: '杭州云图教育科技有限公司',
  creditCode: '91330106ma2abcde1x',
  companyType: 'private',
  companySize: '300_999',
  industry: 'education',
  city: '杭州',
  address: '杭州市西湖区文三路 100 号',
  intro: '专注于在线教育产品。',
  website: 'https://example.com',
  contactName: '王老师',
  contactPhone: '0571-88886666',
  contactEmail: 'hr@example.com',
}

async function member(verified = false) {
  const company = await makeCompany(verified)
  const user = await makeUser({ role: 'employer', companyId: company })
  return { company, token: await loginAs(api.url, user) }
}

const profile = (): CompanyProfileInput => ({ ...PROFILE, creditCode: creditCode() })

const put = (token: string, body: unknown) =>
  callParsed(CompanyProfileResponse, api.url, '/api/employer/company', { method: 'PUT', token, body })

async function stored(company: string) {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query('select * from public.companies where id = $1', [company])
    return rows[0] as Record<string, unknown>
  })
}

async function uploadLogo(token: string, data: Buffer, name = 'logo.png') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)]), name)
  const res = await fetch(`${api.url}/api/employer/company/logo`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  return parseAnswer(CompanyLogoResponse, {
    status: res.status,
    body: await res.json(),
    headers: res.headers,
  })
}

describe('company profile', () => {
  it('a member reads and saves the whole profile; blanks become empty; the jobs follow the new name', async () => {
    const { company, token } = await member()
    const job = await makeJob(company, { status: 'draft' })
    const before = await expectOk(CompanyProfileResponse, api.url, '/api/employer/company', { token })
    expect(before.company).toMatchObject({ id: company, verified: false, companyType: null, logoUrl: null })

    const saved = await put(token, PROFILE)
    expect(saved.status).toBe(200)
    expect(saved.body.company).toMatchObject({
      ...PROFILE,
      creditCode: '91330106MA2ABCDE1X',
      verified: false,
    })
    const job1 = await expectOk(EmployerJobResponse, api.url, `/api/employer/jobs/${job}`, { token })
    expect(job1.job).toMatchObject({
      companyName: PROFILE.name,
      companyType: 'private',
      companySize: '300_999',
    })

    const blanks = await put(token, { ...PROFILE, address: '', website: null, intro: '  ', creditCode: '' })
    expect(blanks.body.company).toMatchObject({ address: null, website: null, intro: null, creditCode: null })
    expect(await stored(company)).toMatchObject({
      address: null,
      website: null,
      intro: null,
      credit_code: null,
    })
  })

  it('refuses bad fields with a Chinese message each, and changes nothing', async () => {
    const { company, token } = await member()
    const mine = profile()
    await put(token, mine)
    const cases: Array<[Partial<Record<keyof CompanyProfileInput, unknown>>, string, string]> = [
      [{ name: '杭' }, 'name', '单位名称须为2-100个字'],
      [{ creditCode: '1234' }, 'creditCode', '统一社会信用代码为18位数字或大写字母'],
      [{ companyType: undefined }, 'companyType', '请选择单位性质'],
      [{ companySize: 'huge' }, 'companySize', '请选择单位规模'],
      [{ industry: null }, 'industry', '请选择所属行业'],
      [{ city: '' }, 'city', '请填写所在城市'],
      [{ website: 'example.com' }, 'website', '网址须以 http:// 或 https:// 开头'],
      [{ contactPhone: '电话号码' }, 'contactPhone', '联系电话格式不正确'],
      [{ contactEmail: 'not-an-email' }, 'contactEmail', '邮箱格式不正确'],
      [{ intro: '字'.repeat(5001) }, 'intro', '单位简介不能超过5000字'],
    ]
    for (const [patch, field, message] of cases) {
      const r = await put(token, { ...mine, ...patch, name: patch.name ?? '改了名字的公司' })
      expect(r.status, field).toBe(400)
      expect(r.error.fields?.[field], JSON.stringify(r.error.fields)).toBe(message)
    }
    expect(await stored(company)).toMatchObject({ name: PROFILE.name, website: PROFILE.website })
  })

  it('once verified, the name and credit code stay (409 per field); the rest may change', async () => {
    const { company, token } = await member()
    const mine = profile()
    await put(token, mine)
    await setVerified(company, true)
    const renamed = await put(token, { ...mine, name: '新名字有限公司', creditCode: creditCode() })
    expect(renamed.status).toBe(409)
    expect(renamed.error.fields).toEqual({
      name: '单位已通过认证，名称不能修改',
      creditCode: '单位已通过认证，统一社会信用代码不能修改',
    })
    expect(renamed.error.details).toEqual({ reason: 'verified' })
    expect(await stored(company)).toMatchObject({ name: PROFILE.name, credit_code: mine.creditCode })
    const ok = await put(token, { ...mine, intro: '认证后更新的简介' })
    expect(ok.status).toBe(200)
    expect(ok.body.company).toMatchObject({ verified: true, intro: '认证后更新的简介' })
  })

  it('a credit code another company holds is a 409 on that field', async () => {
    const a = await member()
    const b = await member()
    const held = profile()
    expect((await put(a.token, held)).status).toBe(200)
    const r = await put(b.token, { ...held, name: '另一家公司' })
    expect(r.status).toBe(409)
    expect(r.error.fields?.creditCode).toBe('该统一社会信用代码已被其他单位使用')
  })

  it('only company members have a company profile: students 403, anonymous 401', async () => {
    const student = await loginAs(api.url, await makeUser({ role: 'student', schoolId: await makeSchool() }))
    const r = await callParsed(CompanyProfileResponse, api.url, '/api/employer/company', { token: student })
    expect(r.status).toBe(403)
    expect(r.error.message).toBe('只有用人单位账号可以管理单位信息和职位')
    expect((await put(student, profile())).status).toBe(403)
    expect((await call(api.url, '/api/employer/company')).status).toBe(401)
  })
})

describe('company logo', () => {
  it('stores a re-encoded image under the company’s prefix, replaces the previous one, shows on the profile', async () => {
    const { company, token } = await member()
    const big = await sharp({ create: { width: 800, height: 400, channels: 3, background: '#36c' } })
      .jpeg()
      .toBuffer()
    const first = await uploadLogo(token, big, 'logo.jpg')
    expect(first.status).toBe(200)
    const img = await fetch(api.url + first.body.logoUrl)
    expect(img.status).toBe(200)
    expect(img.headers.get('content-type')).toBe('image/jpeg')
    const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata()
    expect([meta.width, meta.height]).toEqual([256, 128])
    const path1 = (await stored(company)).logo_path as string
    expect(path1).toMatch(new RegExp(`^companies/${company}/[0-9a-f-]{36}\\.jpg$`))

    const second = await uploadLogo(token, TINY_PNG)
    expect(second.status).toBe(200)
    const path2 = (await stored(company)).logo_path as string
    expect(path2).toMatch(/\.png$/)
    // the previous file is gone: its old (still validly signed) link no longer serves it
    expect((await fetch(api.url + first.body.logoUrl)).status).toBe(403)
    expect((await fetch(api.url + second.body.logoUrl)).status).toBe(200)
    const profile = await expectOk(CompanyProfileResponse, api.url, '/api/employer/company', { token })
    expect(profile.company.logoUrl).toMatch(/^\/api\/storage\/avatars\/companies\//)
  })

  it('refuses what is not a JPG/PNG and callers without a company', async () => {
    const { company, token } = await member()
    const gif = await uploadLogo(token, Buffer.from('GIF89a....'), 'x.png')
    expect(gif.status).toBe(400)
    expect(gif.error.message).toBe('单位标志只支持 JPG 或 PNG 图片')
    expect((await stored(company)).logo_path).toBeNull()
    const student = await loginAs(api.url, await makeUser({ role: 'student', schoolId: await makeSchool() }))
    expect((await uploadLogo(student, TINY_PNG)).status).toBe(403)
  })
})
