/**
 * Job posts and company profiles as straight SQL with a user's claims, the way Supabase's Data API
 * would run a user's own token: the rules of 000610 hold without our API.
 */
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { JOB_SUMMARY_COLUMNS, type JobSummaryRow, toJobSummary } from '../../api/_lib/jobs/row'
import { JobSummary } from '../../src/contracts/jobs'
import { codeOf, sqlAs } from '../identity/sql'
import { makeCompany, makeSchool, makeUser } from '../support/fixtures'
import { chinaDay, jobRow, makeJob, setVerified } from './posts-fixtures'

const INSERT = `insert into public.jobs (company_id, created_by, title, category, industry, cities, salary_min,
  salary_max, nature, description, deadline) values ($1, $2, '数据分析师', 'tech', 'internet', '{上海}', 9000,
  14000, 'full_time', '分析数据', $3) returning id`

async function employerOf(verified: boolean) {
  const company = await makeCompany(verified)
  const member = await makeUser({ role: 'employer', companyId: company })
  return { company, member }
}

const outcome = async (claims: Record<string, unknown> | null, sql: string, params: unknown[]) => {
  const r = await sqlAs<{ r: { outcome: string } }>(claims, sql, params)
  if (!r.ok) return `error ${r.code}`
  return r.rows[0]!.r.outcome
}

describe('job posts: who may write', () => {
  it('a member inserts a draft of their own company; the company fields are copied, not taken', async () => {
    const { company, member } = await employerOf(true)
    const r = await sqlAs<{ id: string }>(member.claims, INSERT, [company, member.id, chinaDay(10)])
    expect(r.ok).toBe(true)
    const row = await jobRow((r as { rows: Array<{ id: string }> }).rows[0]!.id)
    expect(row).toMatchObject({ status: 'draft', company_verified: true, created_by: member.id })
    expect(row?.company_name).toMatch(/^测试公司/)
    // a spoofed company name, verification or status is refused by the grants
    for (const col of ['company_name', 'company_verified', 'status', 'published_at']) {
      const value = col === 'company_verified' ? true : col === 'published_at' ? new Date() : 'published'
      const sql = `insert into public.jobs (company_id, created_by, title, category, industry, cities, salary_min,
        salary_max, nature, description, deadline, ${col}) values ($1, $2, '数据分析师', 'tech', 'internet',
        '{上海}', 9000, 14000, 'full_time', '分析数据', $3, $4)`
      expect(await codeOf(member.claims, sql, [company, member.id, chinaDay(10), value]), col).toBe('42501')
    }
  })

  it('a student, staff or another company cannot insert a job for a company', async () => {
    const { company } = await employerOf(true)
    const school = await makeSchool()
    const student = await makeUser({ role: 'student', schoolId: school })
    const staff = await makeUser({ role: 'school_staff', schoolId: school })
    const other = await employerOf(true)
    expect(await codeOf(student.claims, INSERT, [company, student.id, chinaDay(10)])).toBe('42501')
    expect(await codeOf(staff.claims, INSERT, [company, staff.id, chinaDay(10)])).toBe('42501')
    expect(await codeOf(other.member.claims, INSERT, [company, other.member.id, chinaDay(10)])).toBe('42501')
    expect(await codeOf(null, INSERT, [company, null, chinaDay(10)])).toBe('42501')
  })

  it('a signed-in user cannot set a deadline in the past; the system may (expired demo data)', async () => {
    const { company, member } = await employerOf(true)
    expect(await codeOf(member.claims, INSERT, [company, member.id, chinaDay(-1)])).toBe('23514')
    const id = await makeJob(company, { status: 'draft' })
    expect(
      await codeOf(member.claims, 'update public.jobs set deadline = $2 where id = $1', [id, chinaDay(-1)]),
    ).toBe('23514')
    expect(await makeJob(company, { deadline: chinaDay(-5) })).toBeTruthy()
  })

  it('an employer of another company cannot update or publish your job; nobody updates status directly', async () => {
    const { company, member } = await employerOf(true)
    const other = await employerOf(true)
    const admin = await makeUser({ role: 'platform_admin' })
    const student = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const draft = await makeJob(company, { status: 'draft' })
    const published = await makeJob(company)

    const retitle = await sqlAs(
      other.member.claims,
      "update public.jobs set title = '被篡改' where id = $1",
      [published],
    )
    expect(retitle).toMatchObject({ ok: true, rowCount: 0 })
    expect(await outcome(other.member.claims, 'select app.publish_job($1) as r', [draft])).toBe('not_found')
    expect(await outcome(other.member.claims, 'select app.close_job($1) as r', [published])).toBe('not_found')

    for (const who of [member, other.member, admin, student]) {
      for (const [sql, id] of [
        ["update public.jobs set status = 'published', published_at = now() where id = $1", draft],
        ["update public.jobs set status = 'closed', closed_at = now() where id = $1", published],
        ["update public.jobs set status = 'draft' where id = $1", published],
      ] as const) {
        expect(await codeOf(who.claims, sql, [id]), `${who.role}: ${sql}`).toBe('42501')
      }
    }
    expect(
      await codeOf(null, "update public.jobs set status = 'published', published_at = now() where id = $1", [
        draft,
      ]),
    ).toBe('42501')
    expect((await jobRow(draft))?.status).toBe('draft')
    expect(await jobRow(published)).toMatchObject({ status: 'published', title: '测试职位' })
  })

  it('a member edits a published job (it stays published) but not a closed one; deletes drafts only', async () => {
    const { company, member } = await employerOf(true)
    const published = await makeJob(company)
    const closed = await makeJob(company, { status: 'closed' })
    const draft = await makeJob(company, { status: 'draft' })
    const before = (await jobRow(published))!.updated_at as Date
    const edit = await sqlAs(member.claims, "update public.jobs set title = '高级前端工程师' where id = $1", [
      published,
    ])
    expect(edit).toMatchObject({ ok: true, rowCount: 1 })
    const after = (await jobRow(published))!
    expect(after).toMatchObject({ status: 'published', title: '高级前端工程师' })
    expect((after.updated_at as Date).getTime()).toBeGreaterThan(before.getTime())
    expect(
      await sqlAs(member.claims, "update public.jobs set title = '改关闭的' where id = $1", [closed]),
    ).toMatchObject({ ok: true, rowCount: 0 })
    expect(await sqlAs(member.claims, 'delete from public.jobs where id = $1', [published])).toMatchObject({
      rowCount: 0,
    })
    expect(await sqlAs(member.claims, 'delete from public.jobs where id = $1', [draft])).toMatchObject({
      rowCount: 1,
    })
  })
})

describe('job posts: transitions', () => {
  it('an unverified company cannot publish; once verified it can, once; a closed job never again', async () => {
    const { company, member } = await employerOf(false)
    const job = await makeJob(company, { status: 'draft' })
    const publish = (claims = member.claims) => outcome(claims, 'select app.publish_job($1) as r', [job])
    expect(await publish()).toBe('company_unverified')
    expect((await jobRow(job))?.status).toBe('draft')
    await setVerified(company, true)
    expect(await publish()).toBe('published')
    expect((await jobRow(job))?.published_at).toBeInstanceOf(Date)
    expect(await publish()).toBe('already_published')
    expect(await outcome(member.claims, 'select app.close_job($1) as r', [job])).toBe('closed')
    expect(await outcome(member.claims, 'select app.close_job($1) as r', [job])).toBe('already_closed')
    expect(await publish()).toBe('closed')
    expect((await jobRow(job))?.status).toBe('closed')
  })

  it('NULL arguments are refused with 22023, a token without a subject with 42501', async () => {
    const { member } = await employerOf(true)
    for (const fn of [
      'app.publish_job($1::uuid)',
      'app.close_job($1::uuid)',
      'app.set_company_logo($1::text)',
    ]) {
      expect(await codeOf(member.claims, `select ${fn}`, [null]), fn).toBe('22023')
      expect(await codeOf({ role: 'authenticated' }, `select ${fn}`, [null]), fn).toBe('42501')
      expect(await codeOf(null, `select ${fn}`, [null]), `anon ${fn}`).toBe('42501')
    }
  })

  it('a past deadline blocks publishing; an expired job reads as expired and stays closable', async () => {
    const { company, member } = await employerOf(true)
    const draft = await makeJob(company, { status: 'draft', deadline: chinaDay(-1) })
    expect(await outcome(member.claims, 'select app.publish_job($1) as r', [draft])).toBe('deadline_passed')
    const expired = await makeJob(company, { deadline: chinaDay(-1) })
    const today = await makeJob(company, { deadline: chinaDay(0) })
    const r = await sqlAs<JobSummaryRow>(
      null,
      `select ${JOB_SUMMARY_COLUMNS} from public.jobs j where j.id = any($1) order by j.deadline`,
      [[expired, today]],
    )
    const rows = (r as { rows: JobSummaryRow[] }).rows.map((x) => JobSummary.parse(toJobSummary(x)))
    expect(rows.map((x) => [x.deadline, x.status])).toEqual([
      [chinaDay(-1), 'expired'],
      [chinaDay(0), 'published'],
    ])
    expect(await outcome(member.claims, 'select app.close_job($1) as r', [expired])).toBe('closed')
  })
})

describe('job posts: who may read', () => {
  it('anon and students read published jobs of verified companies only; members all of their own', async () => {
    const verified = await employerOf(true)
    const unverified = await employerOf(false)
    const student = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const jobs = {
      published: await makeJob(verified.company),
      draft: await makeJob(verified.company, { status: 'draft' }),
      closed: await makeJob(verified.company, { status: 'closed' }),
      ofUnverified: await makeJob(unverified.company),
    }
    const visible = async (claims: Record<string, unknown> | null) => {
      const r = await sqlAs<{ id: string }>(claims, 'select id from public.jobs where id = any($1)', [
        Object.values(jobs),
      ])
      const ids = (r as { rows: Array<{ id: string }> }).rows.map((x) => x.id)
      return Object.entries(jobs)
        .filter(([, id]) => ids.includes(id))
        .map(([k]) => k)
        .sort()
    }
    expect(await visible(null)).toEqual(['published'])
    expect(await visible(student.claims)).toEqual(['published'])
    expect(await visible(verified.member.claims)).toEqual(['closed', 'draft', 'published'])
    expect(await visible(unverified.member.claims)).toEqual(['ofUnverified', 'published'])

    // a student who favourited the job keeps seeing it after it closes
    await withServiceTx('test: favourite', async (db) => {
      await db.query('insert into public.job_favourites (user_id, job_id) values ($1, $2)', [
        student.id,
        jobs.closed,
      ])
    })
    expect(await visible(student.claims)).toEqual(['closed', 'published'])
  })

  it('withdrawing verification hides the company’s jobs at once (the copy follows)', async () => {
    const { company } = await employerOf(true)
    const job = await makeJob(company)
    const anonSees = async () =>
      ((await sqlAs(null, 'select id from public.jobs where id = $1', [job])) as { rows: unknown[] }).rows
        .length
    expect(await anonSees()).toBe(1)
    const admin = await makeUser({ role: 'platform_admin' })
    expect(await outcome(admin.claims, 'select app.verify_company($1, false) as r', [company])).toBe(
      'updated',
    )
    expect((await jobRow(job))?.company_verified).toBe(false)
    expect(await anonSees()).toBe(0)
    expect(await outcome(admin.claims, 'select app.verify_company($1, true) as r', [company])).toBe('updated')
    expect(await anonSees()).toBe(1)
  })
})

describe('company profiles', () => {
  it('a member edits the profile; the name is fixed once verified; the jobs’ copies follow, closed ones too', async () => {
    const { company, member } = await employerOf(false)
    const open = await makeJob(company)
    const closed = await makeJob(company, { status: 'closed' })
    const rename = (name: string) =>
      sqlAs(member.claims, 'update public.companies set name = $2 where id = $1', [company, name])
    expect(await rename('杭州新名字科技有限公司')).toMatchObject({ ok: true, rowCount: 1 })
    expect((await jobRow(open))?.company_name).toBe('杭州新名字科技有限公司')
    expect((await jobRow(closed))?.company_name).toBe('杭州新名字科技有限公司')
    const retype = await sqlAs(
      member.claims,
      "update public.companies set company_type = 'soe', company_size = '300_999' where id = $1",
      [company],
    )
    expect(retype).toMatchObject({ ok: true, rowCount: 1 })
    expect(await jobRow(closed)).toMatchObject({ company_type: 'soe', company_size: '300_999' })

    await setVerified(company, true)
    expect(await rename('认证后再改名')).toMatchObject({ ok: false, code: '42501' })
    expect(
      await codeOf(
        member.claims,
        "update public.companies set credit_code = '91330100MA2ABCDE1X' where id = $1",
        [company],
      ),
    ).toBe('42501')
    expect(
      await sqlAs(member.claims, "update public.companies set intro = '认证后可以改简介' where id = $1", [
        company,
      ]),
    ).toMatchObject({ ok: true, rowCount: 1 })
    // verification, its time and the logo are not the member's to write
    for (const set of ['verified = false', 'verified_at = null', "logo_path = 'companies/x/y.png'"]) {
      expect(
        await codeOf(member.claims, `update public.companies set ${set} where id = $1`, [company]),
        set,
      ).toBe('42501')
    }
  })

  it('a member cannot edit another company; anon reads verified profiles, never who verified them', async () => {
    const a = await employerOf(true)
    const b = await employerOf(false)
    expect(
      await sqlAs(b.member.claims, "update public.companies set intro = '篡改' where id = $1", [a.company]),
    ).toMatchObject({ ok: true, rowCount: 0 })
    const r = await sqlAs<{ id: string }>(
      null,
      'select id, name, intro from public.companies where id = any($1)',
      [[a.company, b.company]],
    )
    expect((r as { rows: Array<{ id: string }> }).rows.map((x) => x.id)).toEqual([a.company])
    expect(await codeOf(null, 'select verified_by from public.companies limit 1')).toBe('42501')
  })

  it('verified and verified_at always agree, whoever writes them', async () => {
    const id = await makeCompany(true)
    const rows = await withServiceTx('test: read back', async (db) => {
      await db.query('update public.companies set verified = false where id = $1', [id])
      const off = await db.query('select verified, verified_at from public.companies where id = $1', [id])
      await db.query('update public.companies set verified = true where id = $1', [id])
      const on = await db.query('select verified, verified_at from public.companies where id = $1', [id])
      return [off.rows[0], on.rows[0]]
    })
    expect(rows[0]).toEqual({ verified: false, verified_at: null })
    expect(rows[1]?.verified).toBe(true)
    expect(rows[1]?.verified_at).toBeInstanceOf(Date)
  })
})
