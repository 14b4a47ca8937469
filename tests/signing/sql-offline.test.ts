/**
 * Offline and blank agreements in straight SQL, as the student's claims (the Data API's path):
 * every step of app.signing_transitions they take with its audit row, and every refusal changing
 * nothing — an edit after generating, a submission without scans, someone else's scan keys, an
 * ineligible student, unknown keys (22023), two generations at once.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  EMPLOYER_TYPE_LABELS,
  INDUSTRY_LABELS,
  OFFLINE_FIELD_SQL,
} from '../../src/contracts/agreement-offline'
import {
  ATTACH,
  DISCARD,
  draft,
  FILE_BLANK,
  GENERATE,
  generatedWithScan,
  OFFLINE_SQL_FIELDS,
  SAVE,
  SUBMIT,
  scanKey,
} from './offline-support'
import { call, code, decide, employmentOf, makeSigningSchool, makeSigningStudent, service } from './support'

let school: Awaited<ReturnType<typeof makeSigningSchool>>
beforeAll(async () => {
  school = await makeSigningSchool()
})

const row = async (id: string) =>
  (
    await service<{
      status: string
      scan_keys: string[]
      generated_at: Date | null
      employer_name: string | null
    }>('select status, scan_keys, generated_at, employer_name from public.agreements where id = $1', [id])
  )[0]!
const trail = async (id: string) =>
  (
    await service<{ action: string; from_status: string | null; to_status: string }>(
      "select action, from_status, to_status from public.review_log where kind = 'agreement' and item_id = $1 order by id",
      [id],
    )
  ).map((t) => `${t.action}:${t.from_status ?? 'new'}→${t.to_status}`)

const queued = (id: string) =>
  service<{ status: string; awaiting: boolean }>(
    "select status, awaiting from public.review_items where kind = 'agreement' and item_id = $1",
    [id],
  )

describe('vocabularies', () => {
  it('the SQL codes are the contract’s', async () => {
    const [v] = await service<{ types: string[]; industries: string[]; fields: string[] }>(
      'select app.offline_employer_types() as types, app.offline_industries() as industries, app.offline_fields() as fields',
    )
    expect([...v!.types].sort()).toEqual(Object.keys(EMPLOYER_TYPE_LABELS).sort())
    expect([...v!.industries].sort()).toEqual(Object.keys(INDUSTRY_LABELS).sort())
    expect([...v!.fields].sort()).toEqual(Object.values(OFFLINE_FIELD_SQL).sort())
  })
})

describe('the offline path', () => {
  it('save (partial) → edit → generate → scans → submit → returned → new scans → resubmit → approved', async () => {
    const s = await makeSigningStudent(school)
    const first = await call(s.claims, SAVE, [null, { employer_name: '某某公司', position: '  ' }])
    expect(first).toMatchObject({ outcome: 'saved', status: 'draft', created: true })
    const id = String(first.id)
    // a second "new" save is the one draft, edited
    expect(await call(s.claims, SAVE, [null, { position: '工程师' }])).toMatchObject({ id, created: false })
    const incomplete = await call(s.claims, GENERATE, [id])
    expect(incomplete.outcome).toBe('incomplete')
    expect(incomplete.missing).toContain('credit_code')
    expect(incomplete.missing).not.toContain('position')
    expect(await call(s.claims, SAVE, [id, OFFLINE_SQL_FIELDS])).toMatchObject({ outcome: 'saved' })
    expect(await call(s.claims, SUBMIT, [id])).toEqual({ outcome: 'not_editable', status: 'draft' })
    expect(await call(s.claims, GENERATE, [id])).toEqual({ outcome: 'generated', status: 'generated' })
    expect((await row(id)).generated_at).not.toBeNull()
    // immutable from now on
    expect(await call(s.claims, SAVE, [id, { position: '经理' }])).toEqual({
      outcome: 'not_editable',
      status: 'generated',
    })
    expect(await call(s.claims, DISCARD, [id])).toEqual({ outcome: 'not_editable', status: 'generated' })
    expect(await call(s.claims, SUBMIT, [id])).toEqual({ outcome: 'scans_required' })
    // not the school's until submitted: no queue line for a draft or a generated agreement
    expect(await queued(id)).toEqual([])
    const k1 = scanKey(s.id)
    expect(await call(s.claims, ATTACH, [id, [k1]])).toEqual({
      outcome: 'attached',
      status: 'generated',
      scans: 1,
    })
    expect(await call(s.claims, SUBMIT, [id])).toEqual({ outcome: 'submitted', status: 'pending_review' })
    expect(await call(s.claims, ATTACH, [id, [scanKey(s.id)]])).toEqual({
      outcome: 'not_editable',
      status: 'pending_review',
    })
    expect(await queued(id)).toEqual([{ status: 'pending_review', awaiting: true }])
    expect((await decide(school.staff, id, 'return', '扫描件不清晰')).outcome).toBe('decided')
    const k2 = scanKey(s.id, 'png')
    expect(await call(s.claims, ATTACH, [id, [k2, scanKey(s.id)]])).toMatchObject({
      outcome: 'attached',
      scans: 2,
    })
    expect((await row(id)).scan_keys[0]).toBe(k2)
    expect(await call(s.claims, SUBMIT, [id])).toEqual({ outcome: 'submitted', status: 'pending_review' })
    expect((await decide(school.staff, id, 'approve')).outcome).toBe('decided')
    expect(await employmentOf(s.id)).toEqual([{ agreement_id: id, status: 'active' }])
    expect(await trail(id)).toEqual([
      'save:new→draft',
      'generate:draft→generated',
      'submit:generated→pending_review',
      'return:pending_review→returned',
      'resubmit:returned→pending_review',
      'approve:pending_review→approved',
    ])
  })

  it('discard: a draft → discarded; then a new draft may be started', async () => {
    const s = await makeSigningStudent(school)
    const id = await draft(s.claims)
    expect(await call(s.claims, DISCARD, [id])).toEqual({ outcome: 'discarded', status: 'discarded' })
    expect(await call(s.claims, DISCARD, [id])).toEqual({ outcome: 'not_editable', status: 'discarded' })
    expect(await call(s.claims, SAVE, [id, { position: 'x' }])).toEqual({
      outcome: 'not_editable',
      status: 'discarded',
    })
    const again = await draft(s.claims)
    expect(again).not.toBe(id)
    expect(await trail(id)).toEqual(['save:new→draft', 'discard:draft→discarded'])
  })
})

describe('refusals change nothing', () => {
  it('unknown keys, malformed arguments and NULLs are 22023; signed out 42501', async () => {
    const s = await makeSigningStudent(school)
    const id = await draft(s.claims)
    expect(await code(s.claims, SAVE, [null, { salary: 1 }])).toBe('22023')
    expect(await code(s.claims, SAVE, [id, null])).toBe('22023')
    expect(await code(s.claims, SAVE, [id, '[]'])).toBe('22023')
    expect(await code(s.claims, GENERATE, [null])).toBe('22023')
    expect(await code(s.claims, DISCARD, [null])).toBe('22023')
    expect(await code(s.claims, SUBMIT, [null])).toBe('22023')
    expect(await code(s.claims, ATTACH, [id, null])).toBe('22023')
    expect(await code(s.claims, FILE_BLANK, [{ nope: 1 }, [scanKey(s.id)]])).toBe('22023')
    expect(await code(s.claims, FILE_BLANK, [OFFLINE_SQL_FIELDS, null])).toBe('22023')
    expect(await code({ role: 'authenticated' }, SAVE, [null, {}])).toBe('42501')
    expect(await trail(id)).toEqual(['save:new→draft'])
  })

  it('malformed values are named (invalid), nothing saved', async () => {
    const s = await makeSigningStudent(school)
    const id = await draft(s.claims)
    const r = await call(s.claims, SAVE, [
      id,
      { credit_code: 'ABC', employer_type: 'xx', industry: 'Z', salary_monthly: 'lots', contract_years: 0.3 },
    ])
    expect(r).toEqual({
      outcome: 'invalid',
      invalid: ['contract_years', 'credit_code', 'employer_type', 'industry', 'salary_monthly'],
    })
    expect((await row(id)).employer_name).toBe(OFFLINE_SQL_FIELDS.employer_name)
  })

  it('someone else’s keys, not 1–6, duplicates: bad_scans; another student’s agreement: not_found', async () => {
    const s = await makeSigningStudent(school)
    const other = await makeSigningStudent(school)
    const id = await draft(s.claims)
    await call(s.claims, GENERATE, [id])
    const k = scanKey(s.id)
    for (const keys of [
      [scanKey(other.id)],
      [],
      Array.from({ length: 7 }, () => scanKey(s.id)),
      [k, k],
      ['x.pdf'],
    ]) {
      expect(await call(s.claims, ATTACH, [id, keys])).toEqual({ outcome: 'bad_scans' })
    }
    expect((await row(id)).scan_keys).toEqual([])
    for (const sql of [GENERATE, DISCARD, SUBMIT]) {
      expect(await call(other.claims, sql, [id])).toEqual({ outcome: 'not_found' })
    }
    expect(await call(other.claims, ATTACH, [id, [scanKey(other.id)]])).toEqual({ outcome: 'not_found' })
    expect(await call(other.claims, SAVE, [id, { position: 'x' }])).toEqual({ outcome: 'not_found' })
    expect(await call(school.staff.claims, SAVE, [null, {}])).toEqual({ outcome: 'not_found' })
  })

  it('ineligible: source info not approved; an agreement in progress (save, generate, file)', async () => {
    const fresh = await makeSigningStudent(school, { approved: false })
    expect(await call(fresh.claims, SAVE, [null, OFFLINE_SQL_FIELDS])).toEqual({
      outcome: 'not_eligible',
      reason: 'source_info_not_approved',
    })
    expect(await call(fresh.claims, FILE_BLANK, [OFFLINE_SQL_FIELDS, [scanKey(fresh.id)]])).toEqual({
      outcome: 'not_eligible',
      reason: 'source_info_not_approved',
    })
    const s = await makeSigningStudent(school)
    const d = await draft(s.claims)
    const filed = await call(s.claims, FILE_BLANK, [OFFLINE_SQL_FIELDS, [scanKey(s.id)]])
    expect(filed.outcome).toBe('filed')
    // the draft stays a draft but may not be generated now
    expect(await call(s.claims, GENERATE, [d])).toEqual({
      outcome: 'not_eligible',
      reason: 'agreement_in_progress',
    })
    expect(await call(s.claims, FILE_BLANK, [OFFLINE_SQL_FIELDS, [scanKey(s.id)]])).toEqual({
      outcome: 'not_eligible',
      reason: 'agreement_in_progress',
    })
    expect((await row(d)).status).toBe('draft')
  })

  it('no direct writes: the student may not update an agreement’s status or scans', async () => {
    const s = await makeSigningStudent(school)
    const id = await draft(s.claims)
    expect(
      await code(s.claims, "update public.agreements set status = 'generated' where id = $1", [id]),
    ).toBe('42501')
    expect(
      await code(s.claims, 'update public.agreements set scan_keys = $2 where id = $1', [id, ['x']]),
    ).toBe('42501')
  })
})

describe('the blank agreement', () => {
  it('files straight for review with its key fields and scans; incomplete names what is missing', async () => {
    const s = await makeSigningStudent(school)
    const missing = await call(s.claims, FILE_BLANK, [{ employer_name: '某某公司' }, [scanKey(s.id)]])
    expect(missing.outcome).toBe('incomplete')
    expect(missing.missing).toEqual([
      'archive_to',
      'contract_years',
      'credit_code',
      'hukou_to',
      'position',
      'salary_monthly',
      'work_place',
    ])
    expect(await call(s.claims, FILE_BLANK, [OFFLINE_SQL_FIELDS, [scanKey(school.staff.id)]])).toEqual({
      outcome: 'bad_scans',
    })
    const { employer_type: _t, industry: _i, employer_location: _l, ...key } = OFFLINE_SQL_FIELDS
    const r = await call(s.claims, FILE_BLANK, [key, [scanKey(s.id)]])
    expect(r).toMatchObject({ outcome: 'filed', status: 'pending_review' })
    const id = String(r.id)
    const [a] = await service<{ blank: boolean; kind: string; submitted_at: Date | null }>(
      'select blank, kind, submitted_at from public.agreements where id = $1',
      [id],
    )
    expect(a).toMatchObject({ blank: true, kind: 'offline', submitted_at: expect.any(Date) })
    expect(await trail(id)).toEqual(['submit:new→pending_review'])
    expect((await decide(school.staff, id, 'return', '信息有误')).outcome).toBe('decided')
    expect(await call(s.claims, ATTACH, [id, [scanKey(s.id)]])).toMatchObject({ outcome: 'attached' })
    expect(await call(s.claims, SUBMIT, [id])).toEqual({ outcome: 'submitted', status: 'pending_review' })
  })
})

describe('races', () => {
  it('20 rounds: two generations of one draft at once → one generated, the other not_editable', async () => {
    for (let round = 0; round < 20; round++) {
      const s = await makeSigningStudent(school)
      const id = await draft(s.claims)
      const rs = await Promise.all([call(s.claims, GENERATE, [id]), call(s.claims, GENERATE, [id])])
      expect(rs.map((r) => r.outcome).sort(), `round ${round}`).toEqual(['generated', 'not_editable'])
      expect(await trail(id)).toEqual(['save:new→draft', 'generate:draft→generated'])
    }
  }, 60_000)

  it('20 rounds: a blank filing and a generation at once → one agreement in progress (the index holds)', async () => {
    for (let round = 0; round < 20; round++) {
      const s = await makeSigningStudent(school)
      const id = await draft(s.claims)
      const rs = await Promise.all([
        call(s.claims, GENERATE, [id]),
        call(s.claims, FILE_BLANK, [OFFLINE_SQL_FIELDS, [scanKey(s.id)]]),
      ])
      expect(
        rs.filter((r) => r.outcome === 'generated' || r.outcome === 'filed'),
        `round ${round}`,
      ).toHaveLength(1)
      const live = await service<{ n: number }>(
        `select count(*)::int as n from public.agreements where student_id = $1
           and status in ('generated', 'pending_review')`,
        [s.id],
      )
      expect(live[0]!.n).toBe(1)
    }
  }, 60_000)

  it('two first saves at once → one draft', async () => {
    const s = await makeSigningStudent(school)
    const rs = await Promise.all([
      call(s.claims, SAVE, [null, { position: 'a' }]),
      call(s.claims, SAVE, [null, { position: 'b' }]),
    ])
    expect(rs.map((r) => r.id)[0]).toBe(rs.map((r) => r.id)[1])
    expect(await generatedWithScan(s.claims, s.id)).toBeTruthy()
  })
})
