/**
 * The online resume routes (api/me/resumes/**): create (prefilled from the roster and profile,
 * one per language), list with completeness and what is missing, save (validated, the database
 * recomputes completeness), the one default resume, delete, and the PDF download.
 */
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { resumeCompleteness } from '../../src/contracts/resume-completeness'
import {
  DeletedResponse,
  ResumeListResponse,
  ResumeResponse,
  SetDefaultResponse,
} from '../../src/contracts/resumes'
import { call, callParsed, expectOk, withApi } from '../support/api'
import { loginAs, makeCompany, makeSchool, makeUser, type TestUser } from '../support/fixtures'
import { makeRosterEntry } from '../support/roster-fixtures'
import { pdfPages, pdfText } from './pdf-tools'
import { FULL_ZH, longResume } from './samples'

const api = withApi()

async function boundStudent(name = '赵六'): Promise<{ user: TestUser; token: string; school: string }> {
  const school = await makeSchool('测试理工大学')
  const user = await makeUser({ role: 'student', schoolId: school, name })
  const e = await makeRosterEntry(school, { name, degreeLevel: 'master', graduationYear: 2026 })
  await withServiceTx('test: bind', async (db) => {
    await db.query('update public.roster_entries set bound_user_id = $2, bound_at = now() where id = $1', [
      e.id,
      user.id,
    ])
    await db.query('update public.app_users set verified_at = now() where id = $1', [user.id])
    await db.query(
      `insert into public.student_profiles (user_id, phone, email) values ($1, '13912345678', 'zl@example.com')`,
      [user.id],
    )
  })
  return { user, token: await loginAs(api.url, user), school }
}

const key = () => `k-${Math.random().toString(36).slice(2)}-${Date.now()}`
const create = (token: string, lang: 'zh' | 'en', title?: string) =>
  callParsed(ResumeResponse, api.url, '/api/me/resumes', {
    token,
    body: { lang, ...(title ? { title } : {}) },
    headers: { 'idempotency-key': key() },
  })

async function stored(id: string) {
  return withServiceTx('test: read back', async (db) => {
    const r = await db.query<{ content: unknown; title: string; completeness: number; is_default: boolean }>(
      'select content, title, completeness, is_default from public.resumes where id = $1',
      [id],
    )
    return r.rows[0]
  })
}

describe('online resumes', () => {
  it('a new Chinese resume starts from what the school and the profile know; the first is the default', async () => {
    const { token } = await boundStudent()
    const r = await create(token, 'zh')
    expect(r.status).toBe(201)
    const resume = r.body.resume
    expect(resume).toMatchObject({ lang: 'zh', title: '我的简历', isDefault: true })
    expect(resume.content.personal).toMatchObject({
      name: '赵六',
      phone: '13912345678',
      email: 'zl@example.com',
    })
    expect(resume.content.education).toEqual([
      expect.objectContaining({
        school: '测试理工大学',
        major: '软件工程',
        degree: 'master',
        end: '2026-06',
      }),
    ])
    expect(resume.completeness).toBe(resumeCompleteness(resume.content).percent)
    expect(resume.missing).toEqual(resumeCompleteness(resume.content).missing)
    expect(resume.missing).toContain('education.details')

    const en = await create(token, 'en', 'English CV')
    expect(en.body.resume).toMatchObject({ lang: 'en', title: 'English CV', isDefault: false })
    expect(en.body.resume.content.education).toEqual([])

    const list = await expectOk(ResumeListResponse, api.url, '/api/me/resumes', { token })
    expect(list.resumes.map((x) => [x.lang, x.isDefault])).toEqual([
      ['zh', true],
      ['en', false],
    ])
    expect(list.attachments).toEqual([])
  })

  it('one resume per language: a second is 409 naming the first; a resent create replays its answer', async () => {
    const { token } = await boundStudent()
    const k = key()
    const first = await callParsed(ResumeResponse, api.url, '/api/me/resumes', {
      token,
      body: { lang: 'zh' },
      headers: { 'idempotency-key': k },
    })
    const again = await callParsed(ResumeResponse, api.url, '/api/me/resumes', {
      token,
      body: { lang: 'zh' },
      headers: { 'idempotency-key': k },
    })
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body.resume.id).toBe(first.body.resume.id)
    const dup = await create(token, 'zh')
    expect(dup.status).toBe(409)
    expect(dup.error.details).toEqual({ conflicting_id: first.body.resume.id })
    expect(dup.error.message).toBe('中文简历已存在')
  })

  it('saving recomputes completeness in the database; bad input is 400 per field and changes nothing', async () => {
    const { token } = await boundStudent()
    const { id } = (await create(token, 'zh')).body.resume
    const before = await stored(id)
    const saved = await callParsed(ResumeResponse, api.url, `/api/me/resumes/${id}`, {
      method: 'PUT',
      token,
      body: { title: '求职简历', content: FULL_ZH },
    })
    expect(saved.status).toBe(200)
    expect(saved.body.resume).toMatchObject({ title: '求职简历', completeness: 100, missing: [] })
    expect((await stored(id))?.completeness).toBe(100)

    for (const [content, field, message] of [
      [{ personal: { phone: '12ab' } }, 'content.personal.phone', '手机号格式不正确'],
      [{ personal: { email: 'not-mail' } }, 'content.personal.email', '邮箱格式不正确'],
      [
        { education: [{ start: '2024-09', end: '2020-06' }] },
        'content.education.0.end',
        '结束时间不能早于开始时间',
      ],
      [
        { education: [{ start: '2024/09' }] },
        'content.education.0.start',
        '入学时间请按“年-月”填写，如 2024-06',
      ],
      [{ education: [{ degree: 'any' }] }, 'content.education.0.degree', undefined],
      [{ selfEvaluation: 'x'.repeat(2001) }, 'content.selfEvaluation', '自我评价不能超过2000字'],
      [{ skills: Array.from({ length: 31 }, () => ({ name: 'x' })) }, 'content.skills', '技能特长最多30条'],
    ] as const) {
      const r = await callParsed(ResumeResponse, api.url, `/api/me/resumes/${id}`, {
        method: 'PUT',
        token,
        body: { content },
      })
      expect(r.status, JSON.stringify(content).slice(0, 80)).toBe(400)
      expect(r.error.code).toBe('validation_failed')
      expect(Object.keys(r.error.fields ?? {})).toContain(field)
      if (message) expect(r.error.fields?.[field]).toBe(message)
      expect(r.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
    const after = await stored(id)
    expect(after?.completeness).toBe(100)
    expect(after?.content).toEqual(JSON.parse(JSON.stringify(FULL_ZH)))
    expect(before?.title).toBe('我的简历')
  })

  it("someone else's resume is 404 to read, save, delete, make default or download", async () => {
    const { token } = await boundStudent()
    const { id } = (await create(token, 'zh')).body.resume
    const other = await loginAs(api.url, await makeUser({ role: 'student', schoolId: await makeSchool() }))
    for (const [method, path, body] of [
      ['GET', `/api/me/resumes/${id}`, undefined],
      ['PUT', `/api/me/resumes/${id}`, { content: {} }],
      ['DELETE', `/api/me/resumes/${id}`, undefined],
      ['POST', `/api/me/resumes/${id}/default`, {}],
      ['GET', `/api/me/resumes/${id}/pdf`, undefined],
    ] as const) {
      const r = await call(api.url, path, { method, token: other, body })
      expect(r.status, `${method} ${path}`).toBe(404)
    }
    expect((await stored(id))?.content).toBeTruthy()
    const bad = await call(api.url, '/api/me/resumes/not-a-uuid', { token })
    expect(bad.status).toBe(400)
  })

  it('only students keep resumes', async () => {
    const employer = await makeUser({ role: 'employer', companyId: await makeCompany(true) })
    const token = await loginAs(api.url, employer)
    const r = await create(token, 'zh')
    expect(r.status).toBe(403)
    expect(r.error.message).toBe('只有学生账号可以管理简历')
    expect((await call(api.url, '/api/me/resumes', { token })).status).toBe(403)
  })

  it('the default moves only through its function, and deleting it promotes the other resume', async () => {
    const { token } = await boundStudent()
    const zh = (await create(token, 'zh')).body.resume
    const en = (await create(token, 'en')).body.resume
    const set = await callParsed(SetDefaultResponse, api.url, `/api/me/resumes/${en.id}/default`, {
      token,
      body: {},
      headers: { 'idempotency-key': key() },
    })
    expect(set.body).toEqual({ outcome: 'set', defaultId: en.id })
    const again = await expectOk(SetDefaultResponse, api.url, `/api/me/resumes/${en.id}/default`, {
      token,
      body: {},
    })
    expect(again.outcome).toBe('already_default')
    expect((await stored(zh.id))?.is_default).toBe(false)

    const del = await expectOk(DeletedResponse, api.url, `/api/me/resumes/${en.id}`, {
      method: 'DELETE',
      token,
    })
    expect(del).toEqual({ deleted: true })
    expect((await stored(zh.id))?.is_default).toBe(true)
    expect((await call(api.url, `/api/me/resumes/${en.id}`, { method: 'DELETE', token })).status).toBe(404)
  })

  it('the PDF downloads as an attachment named after the student; pdftotext finds the name', async () => {
    const { token } = await boundStudent('林玙昳')
    const { id } = (await create(token, 'zh')).body.resume
    await expectOk(ResumeResponse, api.url, `/api/me/resumes/${id}`, {
      method: 'PUT',
      token,
      body: { content: FULL_ZH },
    })
    const res = await fetch(`${api.url}/api/me/resumes/${id}/pdf`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const disposition = res.headers.get('content-disposition') ?? ''
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/)
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('林玙昳-中文简历.pdf')
    const pdf = Buffer.from(await res.arrayBuffer())
    expect(pdf.length).toBeLessThan(300 * 1024)
    expect(pdfPages(pdf)).toBe(1)
    expect(pdfText(pdf)).toContain('林玙昳')

    await expectOk(ResumeResponse, api.url, `/api/me/resumes/${id}`, {
      method: 'PUT',
      token,
      body: { content: longResume() },
    })
    const long = await fetch(`${api.url}/api/me/resumes/${id}/pdf`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(pdfPages(Buffer.from(await long.arrayBuffer()))).toBeGreaterThan(1)

    const anon = await call(api.url, `/api/me/resumes/${id}/pdf`)
    expect(anon.status).toBe(401)
  })

  it('content written straight through the Data API still lists and reads (odd values left out)', async () => {
    const { user, token } = await boundStudent()
    const { id } = (await create(token, 'zh')).body.resume
    const odd = {
      personal: { name: ['x'], phone: '13800138000' },
      education: 'none',
      skills: [7, { name: 'SQL', x: 1 }],
    }
    await withServiceTx('test: as if through PostgREST', (db) =>
      db.query('update public.resumes set content = $2 where id = $1 and user_id = $3', [
        id,
        JSON.stringify(odd),
        user.id,
      ]),
    )
    const r = await expectOk(ResumeResponse, api.url, `/api/me/resumes/${id}`, { token })
    expect(r.resume.content).toEqual({ personal: { phone: '13800138000' }, skills: [{ name: 'SQL' }] })
    expect(r.resume.completeness).toBe(resumeCompleteness(odd).percent)
  })
})
