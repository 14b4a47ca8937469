/**
 * The database is the boundary: a user's own token reaches PostgREST (Supabase's Data API) as
 * well as our API, so every rule here is tried as straight SQL with the user's claims.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { withServiceTx, withUserTx } from '../../api/_lib/db/tx'
import { maskIdCard } from '../../api/_lib/identity/id-card'
import { decryptIdCard, encryptIdCard, hashIdCard } from '../../api/_lib/identity/secrets'
import { makeCompany, makeSchool, makeUser, type TestUser } from '../support/fixtures'
import { makeIdCard, makeRosterEntry, type RosterFixture } from '../support/roster-fixtures'
import { codeOf, sqlAs } from './sql'

const IP = '198.51.100.7'
const BIND = 'select app.bind_roster($1, $2, $3, $4, $5, $6, $7) as r'

async function rosterState(id: string) {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ bound_user_id: string | null }>(
      'select bound_user_id from public.roster_entries where id = $1',
      [id],
    )
    return rows[0]!
  })
}

async function attemptsOf(userId: string): Promise<number> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ n: number }>(
      'select count(*)::int as n from public.binding_attempts where user_id = $1',
      [userId],
    )
    return rows[0]!.n
  })
}

async function boundPair(): Promise<{ school: string; e: RosterFixture; student: TestUser }> {
  const school = await makeSchool()
  const e = await makeRosterEntry(school)
  const student = await makeUser({ role: 'student' })
  await withServiceTx('test: bind', (db) =>
    db.query('update public.roster_entries set bound_user_id = $2, bound_at = now() where id = $1', [
      e.id,
      student.id,
    ]),
  )
  return { school, e, student }
}

async function review(userId: string, schoolId: string | null, idCard = makeIdCard()): Promise<string> {
  return withServiceTx('test: review', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.binding_reviews (user_id, school_id, graduated_from, name, degree_level, graduation_year,
         major, id_card_hash, id_card_masked, id_card_cipher)
       values ($1, $2, '外省某大学', '申请人', 'bachelor', 2026, '土木工程', $3, $4, $5) returning id`,
      [userId, schoolId, hashIdCard(idCard), maskIdCard(idCard), encryptIdCard(idCard)],
    )
    return rows[0]!.id
  })
}

describe('functions a user may call live in app, not in the Data API’s public schema', () => {
  it('bind_roster and unbind_roster are not in public; the app ones are for authenticated only', async () => {
    const rows = await withServiceTx('test: catalog', async (db) => {
      const { rows } = await db.query<{ schema: string; name: string; anon: boolean; auth: boolean }>(
        `select n.nspname as schema, p.proname as name,
           has_function_privilege('anon', p.oid, 'execute') as anon,
           has_function_privilege('authenticated', p.oid, 'execute') as auth
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where p.proname in ('bind_roster', 'unbind_roster') order by 1, 2`,
      )
      return rows
    })
    expect(rows).toEqual([
      { schema: 'app', name: 'bind_roster', anon: false, auth: true },
      { schema: 'app', name: 'unbind_roster', anon: false, auth: true },
    ])
  })

  it('the Data API exposes only public: app is not among supabase/config.toml’s API schemas', () => {
    const toml = readFileSync(new URL('../../supabase/config.toml', import.meta.url), 'utf8')
    const api = /^\[api\]$([\s\S]*?)^\[/m.exec(toml)?.[1] ?? ''
    expect(/^schemas\s*=\s*(\[.*\])/m.exec(api)?.[1]).toBe('["public"]')
  })

  it('the Data API call public.bind_roster(school, number, NULL, NULL) no longer binds anyone', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const thief = await makeUser({ role: 'student' })
    const r = await sqlAs(thief.claims, 'select public.bind_roster($1, $2, null, null) as r', [
      school,
      e.studentNumber,
    ])
    expect(r.ok).toBe(false)
    expect((await rosterState(e.id)).bound_user_id).toBeNull()
  })
})

describe('bind_roster and unbind_roster with NULL or empty arguments change nothing', () => {
  it('every required argument NULL, empty or blank is refused with 22023, and no attempt is recorded', async () => {
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const hash = hashIdCard(e.idCard)
    const thief = await makeUser({ role: 'student' })
    const variants: Record<string, unknown[]> = {
      'NULL name and ID hash': [school, e.studentNumber, null, null, null, null, IP],
      'empty name and ID hash': [school, e.studentNumber, '', '', null, null, IP],
      'blank name': [school, e.studentNumber, '   ', hash, null, null, IP],
      'NULL ID hash': [school, e.studentNumber, e.name, null, null, null, IP],
      'NULL school': [null, e.studentNumber, e.name, hash, null, null, IP],
      'NULL student number': [school, null, e.name, hash, null, null, IP],
      'empty student number': [school, '', e.name, hash, null, null, IP],
      'NULL client address': [school, e.studentNumber, e.name, hash, null, null, null],
      'empty client address': [school, e.studentNumber, e.name, hash, null, null, ''],
      'empty degree level': [school, e.studentNumber, e.name, hash, '', null, IP],
    }
    for (const [label, args] of Object.entries(variants)) {
      expect(`${label}: ${await codeOf(thief.claims, BIND, args)}`).toBe(`${label}: 22023`)
    }
    expect((await rosterState(e.id)).bound_user_id).toBeNull()
    expect(await attemptsOf(thief.id)).toBe(0)
    // and with everything given it binds: the refusals above were about the arguments only
    const ok = await sqlAs<{ r: { outcome: string } }>(thief.claims, BIND, [
      school,
      e.studentNumber,
      e.name,
      hash,
      null,
      null,
      IP,
    ])
    expect(ok.ok && ok.rows[0]!.r.outcome).toBe('bound')
  })

  it('claims without sub are refused by both functions; the record stays bound', async () => {
    const { school, e, student } = await boundPair()
    const noSub = { role: 'authenticated', aud: 'authenticated' }
    expect(await codeOf(noSub, 'select app.unbind_roster($1)', [e.id])).toBe('42501')
    expect(
      await codeOf(noSub, BIND, [school, e.studentNumber, e.name, hashIdCard(e.idCard), null, null, IP]),
    ).toBe('42501')
    expect((await rosterState(e.id)).bound_user_id).toBe(student.id)
  })

  it('unbind_roster of NULL is refused; of another student’s record is refused; the owner may', async () => {
    const { e, student } = await boundPair()
    const other = await makeUser({ role: 'student' })
    expect(await codeOf(student.claims, 'select app.unbind_roster(null)')).toBe('22023')
    expect(await codeOf(other.claims, 'select app.unbind_roster($1)', [e.id])).toBe('42501')
    expect((await rosterState(e.id)).bound_user_id).toBe(student.id)
    const own = await sqlAs<{ ok: boolean }>(student.claims, 'select app.unbind_roster($1) as ok', [e.id])
    expect(own.ok && own.rows[0]!.ok).toBe(true)
    expect((await rosterState(e.id)).bound_user_id).toBeNull()
  })
})

describe('no user role updates a status or reviewer column', () => {
  it('binding_reviews: neither applicant nor reviewer may UPDATE; withdraw and decide are functions', async () => {
    const school = await makeSchool()
    const applicant = await makeUser({ role: 'student' })
    const admin = await makeUser({ role: 'platform_admin' })
    const id = await review(applicant.id, school)
    const upd = (set: string) => `update public.binding_reviews set ${set} where id = $1`
    expect(await codeOf(applicant.claims, upd("status = 'withdrawn'"), [id])).toBe('42501')
    expect(await codeOf(admin.claims, upd(`status = 'approved', reviewed_by = auth.uid()`), [id])).toBe(
      '42501',
    )
    expect(await codeOf(admin.claims, upd("reason = '材料不全', reviewed_at = now()"), [id])).toBe('42501')
    expect(
      await codeOf(applicant.claims, 'insert into public.binding_reviews (user_id) values (auth.uid())'),
    ).toBe('42501')

    const w = await sqlAs<{ r: { outcome: string } }>(
      applicant.claims,
      'select app.withdraw_binding_review($1) as r',
      [id],
    )
    expect(w.ok && w.rows[0]!.r).toEqual({ outcome: 'withdrawn' })
    // the applicant cannot write reviewer fields on their own withdrawn review
    expect(await codeOf(applicant.claims, upd("reason = '自己写的', reviewed_at = now()"), [id])).toBe(
      '42501',
    )
    const late = await sqlAs<{ r: { outcome: string } }>(
      admin.claims,
      "select app.decide_binding_review($1, 'approve', null) as r",
      [id],
    )
    expect(late.ok && late.rows[0]!.r).toEqual({ outcome: 'not_pending' })
  })

  it('decide_binding_review: only the review’s reviewers, NULL arguments refused', async () => {
    const school = await makeSchool()
    const applicant = await makeUser({ role: 'student' })
    const id = await review(applicant.id, school)
    const otherStaff = await makeUser({ role: 'school_staff', schoolId: await makeSchool() })
    const collegeStaff = await makeUser({ role: 'school_staff', schoolId: school, college: '计算机学院' })
    const staff = await makeUser({ role: 'school_staff', schoolId: school })
    const decide = 'select app.decide_binding_review($1, $2, $3) as r'
    const outcome = async (u: TestUser, args: unknown[]) => {
      const r = await sqlAs<{ r: { outcome: string } }>(u.claims, decide, args)
      return r.ok ? r.rows[0]!.r.outcome : r.code
    }
    expect(await outcome(applicant, [id, 'approve', null])).toBe('forbidden')
    expect(await outcome(otherStaff, [id, 'approve', null])).toBe('not_found')
    expect(await outcome(collegeStaff, [id, 'approve', null])).toBe('not_found')
    expect(await outcome(staff, [null, 'approve', null])).toBe('22023')
    expect(await outcome(staff, [id, null, null])).toBe('22023')
    expect(await outcome(staff, [id, 'approved', null])).toBe('22023')
    expect(await outcome(staff, [id, 'reject', null])).toBe('22023')
    expect(await outcome(staff, [id, 'reject', '  '])).toBe('22023')
    expect(await outcome(staff, [id, 'approve', null])).toBe('decided')
    expect(await outcome(staff, [id, 'reject', '晚了'])).toBe('not_pending')
  })

  it('companies: verification is app.verify_company, for platform admins only', async () => {
    const company = await makeCompany(false)
    const admin = await makeUser({ role: 'platform_admin' })
    const hr = await makeUser({ role: 'employer', companyId: company })
    expect(
      await codeOf(
        admin.claims,
        'update public.companies set verified = true, verified_at = now() where id = $1',
        [company],
      ),
    ).toBe('42501')
    const byHr = await sqlAs<{ r: unknown }>(hr.claims, 'select app.verify_company($1, true) as r', [company])
    expect(byHr.ok && byHr.rows[0]!.r).toEqual({ outcome: 'forbidden' })
    expect(await codeOf(admin.claims, 'select app.verify_company($1, null)', [company])).toBe('22023')
    expect(await codeOf(admin.claims, 'select app.verify_company(null, true)')).toBe('22023')
    const missing = await sqlAs<{ r: unknown }>(admin.claims, 'select app.verify_company($1, true) as r', [
      randomUUID(),
    ])
    expect(missing.ok && missing.rows[0]!.r).toEqual({ outcome: 'not_found' })
    const ok = await sqlAs<{ r: unknown }>(admin.claims, 'select app.verify_company($1, true) as r', [
      company,
    ])
    expect(ok.ok && ok.rows[0]!.r).toEqual({ outcome: 'updated', verified: true })
    const row = await withServiceTx('test: read back', async (db) => {
      const { rows } = await db.query('select verified, verified_by from public.companies where id = $1', [
        company,
      ])
      return rows[0]
    })
    expect(row).toEqual({ verified: true, verified_by: admin.id })
  })
})

describe('avatar_path is written only by app.set_avatar, inside the caller’s own prefix', () => {
  it('direct writes of avatar_path (insert or update) and of user_id are refused', async () => {
    const victim = await makeUser({ role: 'student' })
    const thief = await makeUser({ role: 'student' })
    const key = `${victim.id}/${randomUUID()}.png`
    expect(
      await codeOf(
        thief.claims,
        'insert into public.student_profiles (user_id, avatar_path) values (auth.uid(), $1)',
        [key],
      ),
    ).toBe('42501')
    expect(
      await codeOf(
        thief.claims,
        "insert into public.student_profiles (user_id, intro) values (auth.uid(), '你好')",
      ),
    ).toBe('ok')
    expect(
      await codeOf(
        thief.claims,
        'update public.student_profiles set avatar_path = $1 where user_id = auth.uid()',
        [key],
      ),
    ).toBe('42501')
    expect(
      await codeOf(
        thief.claims,
        'update public.student_profiles set user_id = $1 where user_id = auth.uid()',
        [victim.id],
      ),
    ).toBe('42501')
  })

  it('set_avatar takes only <own id>/<uuid>.png|jpg and returns the previous key', async () => {
    const me = await makeUser({ role: 'student' })
    const other = await makeUser({ role: 'student' })
    const set = 'select app.set_avatar($1) as previous'
    for (const bad of [
      null,
      '',
      `${other.id}/${randomUUID()}.png`,
      `${me.id}/${randomUUID()}.gif`,
      `${me.id}/../${other.id}/${randomUUID()}.png`,
      `${me.id}/${randomUUID()}.png/x`,
      `${me.id}/not-a-uuid.png`,
      `${me.id.toUpperCase()}/${randomUUID()}.png`,
    ]) {
      expect(`${bad}: ${await codeOf(me.claims, set, [bad])}`).toBe(`${bad}: 22023`)
    }
    const first = `${me.id}/${randomUUID()}.png`
    const second = `${me.id}/${randomUUID()}.jpg`
    const a = await sqlAs<{ previous: string | null }>(me.claims, set, [first])
    expect(a.ok && a.rows[0]!.previous).toBeNull()
    const b = await sqlAs<{ previous: string | null }>(me.claims, set, [second])
    expect(b.ok && b.rows[0]!.previous).toBe(first)
    const staff = await makeUser({ role: 'school_staff', schoolId: await makeSchool() })
    expect(await codeOf(staff.claims, set, [`${staff.id}/${randomUUID()}.png`])).toBe('42501')
    expect(await codeOf({ role: 'authenticated' }, set, [first])).toBe('42501')
  })

  it('a CHECK keeps every avatar_path under its own user’s prefix, whoever writes', async () => {
    const me = await makeUser({ role: 'student' })
    const other = await makeUser({ role: 'student' })
    const err = await withServiceTx('test: system write', (db) =>
      db.query('insert into public.student_profiles (user_id, avatar_path) values ($1, $2)', [
        me.id,
        `${other.id}/${randomUUID()}.png`,
      ]),
    ).catch((e: { cause?: { code?: string } }) => e.cause?.code)
    expect(err).toBe('23514')
  })
})

describe('the roster trigger keeps a bound student’s identity fields', () => {
  it.each([
    ['name', "'改名'"],
    ['id_card_hash', "'x'"],
    ['id_card_masked', "'1101**********0000'"],
    ['id_card_cipher', "'x'"],
    ['identity_digest', "'x'"],
  ])('staff update of %s on a bound record is refused (and allowed on a free one)', async (column, value) => {
    const { school, e } = await boundPair()
    const free = await makeRosterEntry(school)
    const staff = await makeUser({ role: 'school_staff', schoolId: school })
    const sql = `update public.roster_entries set ${column} = ${value} where id = $1`
    expect(await codeOf(staff.claims, sql, [e.id])).toBe('23514')
    expect(await codeOf(staff.claims, sql, [free.id])).toBe('ok')
  })
})

describe('app.reveal_my_id_card', () => {
  it('returns the cipher of the caller’s own bound record only, in the caller’s transaction', async () => {
    const { e, student } = await boundPair()
    const cipher = await withUserTx(student.claims, async (db) => {
      const { rows } = await db.query<{ c: string | null }>('select app.reveal_my_id_card() as c')
      return rows[0]!.c
    })
    expect(decryptIdCard(cipher!)).toBe(e.idCard)
    const unbound = await makeUser({ role: 'student' })
    const none = await sqlAs<{ c: string | null }>(unbound.claims, 'select app.reveal_my_id_card() as c')
    expect(none.ok && none.rows[0]!.c).toBeNull()
    expect(await codeOf({ role: 'authenticated' }, 'select app.reveal_my_id_card()')).toBe('42501')
    expect(await codeOf(null, 'select app.reveal_my_id_card()')).toBe('42501')
  })
})
