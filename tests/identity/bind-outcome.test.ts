/**
 * Binding's outcome is parsed, not cast: an outcome the API does not know (a newer database, a
 * typo) is a logged 500, never a 200 with an empty body.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { parseBindOutcome } from '../../api/_lib/identity/binding'
import { BindingStatus } from '../../src/contracts/binding'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { makeRosterEntry } from '../support/roster-fixtures'

describe('the bind outcome vocabulary', () => {
  const api = withApi()
  afterEach(() => vi.restoreAllMocks())

  it('parses known outcomes and refuses unknown or malformed ones', () => {
    expect(parseBindOutcome({ outcome: 'not_matched', remaining: 2 })).toEqual({
      outcome: 'not_matched',
      remaining: 2,
    })
    expect(() => parseBindOutcome({ outcome: 'brand_new' })).toThrow(/bind_roster/)
    expect(() => parseBindOutcome({ outcome: 'bound' })).toThrow(/bind_roster/)
    expect(() => parseBindOutcome({ outcome: 'mismatch', field: 'name', remaining: 1 })).toThrow(
      /bind_roster/,
    )
    expect(() => parseBindOutcome(null)).toThrow(/bind_roster/)
  })

  it('an outcome the API does not know answers 500 and logs it', async () => {
    // this file's own database: the binding function answers with a word the API has never seen
    await withServiceTx('test: a newer database', async (db) => {
      const { rows } = await db.query<{ schema: string; args: string }>(
        `select n.nspname as schema, pg_get_function_arguments(p.oid) as args
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace where p.proname = 'bind_roster'`,
      )
      await db.query('set local role none')
      for (const f of rows)
        await db.query(
          `create or replace function ${f.schema}.bind_roster(${f.args}) returns jsonb language sql
           as $$ select '{"outcome": "brand_new"}'::jsonb $$`,
        )
    })
    const school = await makeSchool()
    const e = await makeRosterEntry(school)
    const token = await loginAs(api.url, await makeUser({ role: 'student' }))
    const lines: string[] = []
    const write = process.stderr.write.bind(process.stderr)
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk))
      return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest)
    })
    const r = await callParsed(BindingStatus, api.url, '/api/binding', {
      token,
      body: { schoolId: school, studentNumber: e.studentNumber, name: e.name, idCard: e.idCard },
    })
    expect(r.status).toBe(500)
    expect(r.error.code).toBe('internal')
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed')
    expect(JSON.stringify(logged.err)).toContain('brand_new')
  })
})
