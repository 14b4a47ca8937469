/**
 * The database computes completeness itself (resumes.completeness, app.resume_missing: a student
 * may write content straight through the Data API, and app.apply refuses under 60 %). Here the SQL
 * twin and the TypeScript rule meet on random contents — a few hundred in one query — from
 * well-formed resumes to JSON of the wrong shapes, with the blank characters the rule names.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getPool } from '../../api/_lib/db/pool'
import { withServiceTx } from '../../api/_lib/db/tx'
import { resumeCompleteness } from '../../src/contracts/resume-completeness'
import { makeStudent } from '../support/fixtures'

/** Strings that are blank, nearly blank or filled, including characters just outside the blank set. */
const str = fc.oneof(
  fc.constantFrom('', ' ', '\t', '\n', '\r\n', '\u00a0', '\u3000', ' \u3000\t', '\u2003', '\u200b', 'x'),
  fc.string({ maxLength: 6, unit: fc.constantFrom(' ', '\u3000', '\u00a0', '\t', '\u2003', 'a', '张', '1') }),
  fc.string({ maxLength: 12 }),
)

/** Any JSON value, for fields written through the Data API. */
const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  str,
  fc.array(str, { maxLength: 2 }),
  fc.dictionary(fc.constantFrom('name', 'x'), str, { maxKeys: 2 }),
)
const field = fc.oneof({ weight: 6, arbitrary: str }, { weight: 1, arbitrary: junk })

const entry = (keys: string[]) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, field])), { requiredKeys: [] }),
    },
    { weight: 1, arbitrary: junk },
  )
const section = (keys: string[]) =>
  fc.oneof({ weight: 6, arbitrary: fc.array(entry(keys), { maxLength: 3 }) }, { weight: 1, arbitrary: junk })

const content = fc.record(
  {
    personal: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record(
          { name: field, gender: field, phone: field, email: field, city: field },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: junk },
    ),
    intention: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record(
          { position: field, cities: fc.oneof(fc.array(field, { maxLength: 3 }), junk) },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: junk },
    ),
    education: section(['school', 'major', 'degree', 'start', 'end', 'gpa']),
    internships: section(['company', 'role', 'description']),
    projects: section(['name', 'role']),
    skills: section(['name', 'level']),
    awards: section(['name']),
    certificates: section(['name']),
    campusRoles: section(['organization', 'role']),
    selfEvaluation: field,
  },
  { requiredKeys: [] },
)

describe('completeness: TypeScript and SQL agree', () => {
  it('on 400 random contents, in one query', async () => {
    const samples = fc.sample(content, { numRuns: 400, seed: 20261201 })
    // lone surrogates cannot be stored in jsonb; fast-check's full-unicode strings may hold one
    const cases = samples.filter(
      (s) => !/[\ud800-\udfff]/.test(JSON.stringify(s).replace(/\\u[0-9a-f]{4}/g, '')),
    )
    expect(cases.length).toBeGreaterThan(380)
    const { rows } = await getPool().query<{ i: number; percent: number; missing: string[] }>(
      `select (c.i - 1)::int as i, app.resume_completeness(c.v) as percent, app.resume_missing(c.v) as missing
       from jsonb_array_elements($1::jsonb) with ordinality as c (v, i) order by c.i`,
      [JSON.stringify(cases)],
    )
    expect(rows).toHaveLength(cases.length)
    const mismatches = rows.filter((r) => {
      const ts = resumeCompleteness(cases[r.i])
      return ts.percent !== r.percent || JSON.stringify(ts.missing) !== JSON.stringify(r.missing)
    })
    expect(
      mismatches.map((r) => ({ content: cases[r.i], sql: r, ts: resumeCompleteness(cases[r.i]) })),
    ).toEqual([])
    // the samples reach the whole range, not only the ends
    const percents = new Set(rows.map((r) => r.percent))
    expect(percents.size).toBeGreaterThan(30)
  })

  it('the stored column is the function, and nobody writes it', async () => {
    const s = await makeStudent()
    const c = { personal: { name: '张三', phone: '13800138000' }, skills: [{ name: 'SQL' }] }
    const row = await withServiceTx('test: resume', async (db) => {
      const r = await db.query<{ completeness: number }>(
        `insert into public.resumes (user_id, lang, content) values ($1, 'zh', $2) returning completeness`,
        [s.id, JSON.stringify(c)],
      )
      return r.rows[0]!
    })
    expect(row.completeness).toBe(resumeCompleteness(c).percent)
    await expect(
      withServiceTx('test: resume', (db) =>
        db.query(`update public.resumes set completeness = 100 where user_id = $1`, [s.id]),
      ),
    ).rejects.toMatchObject({ code: '428C9' })
  })
})
