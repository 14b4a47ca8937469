/**
 * Resumes as Supabase's Data API would run them: straight SQL with a user's claims (our API is
 * not in the way). Talent search with a verified company, school staff reading, the default
 * resume's rules and the attachment functions.
 */
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { codeOf, sqlAs } from '../identity/sql'
import { makeCompany, makeSchool, makeUser, type TestUser } from '../support/fixtures'
import { makeRosterEntry } from '../support/roster-fixtures'

async function boundStudent(school: string, college = '计算机学院'): Promise<TestUser> {
  const user = await makeUser({ role: 'student', schoolId: school })
  const e = await makeRosterEntry(school, { college })
  await withServiceTx('test: bind', (db) =>
    db.query('update public.roster_entries set bound_user_id = $2, bound_at = now() where id = $1', [
      e.id,
      user.id,
    ]),
  )
  return user
}

async function resumeOf(user: TestUser, lang: 'zh' | 'en' = 'zh'): Promise<string> {
  const r = await sqlAs<{ id: string }>(
    user.claims,
    `insert into public.resumes (user_id, lang, content) values (auth.uid(), $1, '{"personal":{"name":"学生"}}') returning id`,
    [lang],
  )
  if (!r.ok) throw new Error(r.message)
  return r.rows[0]!.id
}

async function searchable(user: TestUser, on: boolean): Promise<void> {
  const r = await sqlAs(
    user.claims,
    `insert into public.privacy_settings (user_id, resume_searchable) values (auth.uid(), $1)
     on conflict (user_id) do update set resume_searchable = excluded.resume_searchable`,
    [on],
  )
  if (!r.ok) throw new Error(r.message)
}

/** The ids of the given resumes the caller can read. */
async function visible(u: TestUser, ids: string[]): Promise<string[]> {
  const r = await sqlAs<{ id: string }>(
    u.claims,
    'select id from public.resumes where id = any($1::uuid[])',
    [ids],
  )
  if (!r.ok) throw new Error(r.message)
  return r.rows.map((x) => x.id).sort()
}

describe('resumes through the Data API', () => {
  it('talent search: members of verified companies read searchable students only', async () => {
    const school = await makeSchool()
    const open = await boundStudent(school)
    const closed = await boundStudent(school)
    const [a, b, en] = [await resumeOf(open), await resumeOf(closed), await resumeOf(open, 'en')]
    await searchable(open, true)
    await searchable(closed, false)
    const admin = await makeUser({ role: 'platform_admin' })
    const company = await makeCompany(false)
    expect((await sqlAs(admin.claims, 'select app.verify_company($1, true) as r', [company])).ok).toBe(true)
    const verifiedEmployer = await makeUser({ role: 'employer', companyId: company })
    expect(await visible(verifiedEmployer, [a, b, en])).toEqual([a, en].sort())

    // an unverified company sees nobody, however searchable
    const unverified = await makeUser({ role: 'employer', companyId: await makeCompany(false) })
    expect(await visible(unverified, [a, b, en])).toEqual([])
    // employers only read: no write reaches the row
    expect(
      await codeOf(verifiedEmployer.claims, `update public.resumes set content = '{}' where id = $1`, [a]),
    ).toBe('ok')
    const after = await withServiceTx('test', (db) =>
      db.query<{ content: unknown }>('select content from public.resumes where id = $1', [a]),
    )
    expect(after.rows[0]!.content).toEqual({ personal: { name: '学生' } })
    // another student never reads a classmate's resume, searchable or not
    expect(await visible(closed, [a, en])).toEqual([])
    // switching searchable off hides the resume at once
    await searchable(open, false)
    expect(await visible(verifiedEmployer, [a, b, en])).toEqual([])
    await searchable(open, true)
    // a disabled student is not found
    await withServiceTx('test: disable', (db) =>
      db.query('update public.app_users set disabled_at = now() where id = $1', [open.id]),
    )
    expect(await visible(verifiedEmployer, [a, b, en])).toEqual([])
  })

  it("school staff read the resumes of the students they cover, and no one else's", async () => {
    const [schoolA, schoolB] = [await makeSchool(), await makeSchool()]
    const cs = await boundStudent(schoolA, '计算机学院')
    const lang = await boundStudent(schoolA, '外国语学院')
    const other = await boundStudent(schoolB)
    const ids = [await resumeOf(cs), await resumeOf(lang), await resumeOf(other)]
    const staff = await makeUser({ role: 'school_staff', schoolId: schoolA })
    const collegeStaff = await makeUser({ role: 'school_staff', schoolId: schoolA, college: '计算机学院' })
    expect(await visible(staff, ids)).toEqual([ids[0]!, ids[1]!].sort())
    expect(await visible(collegeStaff, ids)).toEqual([ids[0]!])
    expect(await codeOf(staff.claims, 'delete from public.resumes where id = $1', [ids[0]])).toBe('ok')
    expect(await visible(cs, [ids[0]!])).toEqual([ids[0]!])
  })

  it('the first resume becomes the default, also when both are created at once; nobody writes is_default', async () => {
    for (let round = 0; round < 3; round++) {
      const s = await makeUser({ role: 'student', schoolId: await makeSchool() })
      await Promise.all([resumeOf(s, 'zh'), resumeOf(s, 'en')])
      const r = await sqlAs<{ n: number }>(
        s.claims,
        'select count(*)::int as n from public.resumes where is_default',
      )
      expect(r.ok && r.rows[0]!.n).toBe(1)
      expect(await codeOf(s.claims, 'update public.resumes set is_default = not is_default')).toBe('42501')
      expect(
        await codeOf(
          s.claims,
          `insert into public.resumes (user_id, lang, is_default) values (auth.uid(), 'zh', true)`,
        ),
      ).toBe('42501')
    }
  })

  it('deleting the account deletes its resumes (the default-promoting trigger does not stand in the way)', async () => {
    const s = await makeUser({ role: 'student', schoolId: await makeSchool() })
    await resumeOf(s, 'zh')
    await resumeOf(s, 'en')
    const r = await sqlAs<{ r: { outcome: string } }>(s.claims, 'select app.delete_my_account() as r')
    expect(r.ok && r.rows[0]!.r.outcome).toBe('deleted')
    const left = await withServiceTx('test', (db) =>
      db.query<{ n: number }>('select count(*)::int as n from public.resumes where user_id = $1', [s.id]),
    )
    expect(left.rows[0]!.n).toBe(0)
  })

  it('a student cannot write a resume for someone else, nor move one to another owner or language', async () => {
    const s = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const t = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const id = await resumeOf(s)
    expect(
      await codeOf(s.claims, `insert into public.resumes (user_id, lang) values ($1, 'zh')`, [t.id]),
    ).toBe('42501')
    expect(await codeOf(s.claims, 'update public.resumes set user_id = $2 where id = $1', [id, t.id])).toBe(
      '42501',
    )
    expect(await codeOf(s.claims, `update public.resumes set lang = 'en' where id = $1`, [id])).toBe('42501')
    // content the API would refuse is still only a resume of the owner's: completeness is computed from it
    const junk = await sqlAs<{ completeness: number }>(
      s.claims,
      `update public.resumes set content = '{"personal":{"name":"x","phone":"1"},"education":"?"}' where id = $1
       returning completeness`,
      [id],
    )
    expect(junk.ok && junk.rows[0]!.completeness).toBe(14)
    // not an object, or too large: the table's check refuses it
    expect(await codeOf(s.claims, `update public.resumes set content = '[]' where id = $1`, [id])).toBe(
      '23514',
    )
  })

  it('attachments: no direct writes; the functions keep every path under its owner', async () => {
    const s = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const t = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const file = '3f3e3d3c-3b3a-4938-b736-353433323130.pdf'
    expect(
      await codeOf(
        s.claims,
        `insert into public.resume_attachments (user_id, file_name, storage_path, size_bytes)
         values (auth.uid(), 'a.pdf', 'resumes/' || auth.uid() || '/${file}', 10)`,
      ),
    ).toBe('42501')
    expect(
      await codeOf(s.claims, 'select app.add_resume_attachment($1, $2, $3)', [
        `resumes/${t.id}/${file}`,
        'a.pdf',
        10,
      ]),
    ).toBe('22023')
    const added = await sqlAs<{ r: { outcome: string; attachment_id: string } }>(
      s.claims,
      'select app.add_resume_attachment($1, $2, $3) as r',
      [`resumes/${s.id}/${file}`, ' 简历.pdf ', 10],
    )
    expect(added.ok && added.rows[0]!.r.outcome).toBe('added')
    const id = added.ok ? added.rows[0]!.r.attachment_id : ''
    expect(
      await codeOf(s.claims, 'update public.resume_attachments set deleted_at = now() where id = $1', [id]),
    ).toBe('42501')
    // the same path twice is refused by the unique path (a resent record cannot double a file)
    expect(
      await codeOf(s.claims, 'select app.add_resume_attachment($1, $2, $3)', [
        `resumes/${s.id}/${file}`,
        'b.pdf',
        10,
      ]),
    ).toBe('23505')
    const other = await sqlAs<{ r: { outcome: string } }>(
      t.claims,
      'select app.delete_resume_attachment($1) as r',
      [id],
    )
    expect(other.ok && other.rows[0]!.r.outcome).toBe('not_found')
    const mine = await sqlAs<{ r: { outcome: string; remove_path: string } }>(
      s.claims,
      'select app.delete_resume_attachment($1) as r',
      [id],
    )
    expect(mine.ok && mine.rows[0]!.r).toEqual({ outcome: 'deleted', remove_path: `resumes/${s.id}/${file}` })
    const name = await withServiceTx('test', (db) =>
      db.query<{ file_name: string }>('select file_name from public.resume_attachments where id = $1', [id]),
    )
    expect(name.rows[0]!.file_name).toBe('简历.pdf')
  })
})
