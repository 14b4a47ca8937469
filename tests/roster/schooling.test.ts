/**
 * 学制 and 入学日期: optional columns of the roster file, part of the record the school reports
 * (locked fields of the student's source info). A file without them keeps what the record has.
 */
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { parseEnrolment } from '../../api/_lib/roster/parse-row'
import { RosterImportResult } from '../../src/contracts/roster'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { cells, csv, HEADER, row } from './support'

const api = withApi()

async function importCsv(token: string, body: string) {
  return callParsed(RosterImportResult, api.url, '/api/roster/import', {
    method: 'POST',
    token,
    body,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  })
}

function withExtras(rows: { r: ReturnType<typeof row>; years: string; enrolled: string }[]): string {
  const lines = rows.map(({ r, years, enrolled }) => [...cells(r), years, enrolled].join(','))
  return `${[[...HEADER, '学制', '入学日期'].join(','), ...lines].join('\r\n')}\r\n`
}

async function extrasOf(school: string) {
  return withServiceTx('test', async (db) => {
    const { rows } = await db.query<{
      student_number: string
      schooling_years: string | null
      enrolled_on: string | null
    }>(
      `select student_number, schooling_years::text, to_char(enrolled_on, 'YYYY-MM-DD') as enrolled_on
         from public.roster_entries where school_id = $1 order by student_number`,
      [school],
    )
    return Object.fromEntries(rows.map((r) => [r.student_number, [r.schooling_years, r.enrolled_on]]))
  })
}

describe('roster 学制 and 入学日期', () => {
  it('reads the spellings staff use and refuses values that are not years or dates', () => {
    expect(parseEnrolment('2023-09-01')).toBe('2023-09-01')
    expect(parseEnrolment('2023/9/1')).toBe('2023-09-01')
    expect(parseEnrolment('2023.09')).toBe('2023-09-01')
    expect(parseEnrolment('202309')).toBe('2023-09-01')
    expect(parseEnrolment('2023年9月')).toBe('2023-09-01')
    expect(parseEnrolment('2023-02-30')).toBeNull()
    expect(parseEnrolment('九月')).toBeNull()
  })

  it('imports them, rejects bad ones with reasons, and a later file without the columns keeps them', async () => {
    const school = await makeSchool()
    const staff = await makeUser({ role: 'school_staff', schoolId: school })
    const token = await loginAs(api.url, staff)
    const a = row()
    const b = row()
    const bad = row()
    const res = await importCsv(
      token,
      withExtras([
        { r: a, years: '4', enrolled: '2023-09-01' },
        { r: b, years: '2.5年', enrolled: '2024.03' },
        { r: bad, years: '九', enrolled: '2023-13-01' },
      ]),
    )
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ inserted: 2, rejectedCount: 1 })
    expect(res.body.rejected[0]!.reasons).toEqual([
      '学制“九”不正确，应为年数，如4或2.5',
      '入学日期“2023-13-01”不正确，应为如2023-09-01或2023.09',
    ])
    expect(await extrasOf(school)).toEqual({
      [a.number]: ['4.0', '2023-09-01'],
      [b.number]: ['2.5', '2024-03-01'],
    })

    // the ten-column file of before: the rows are "changed" (their digest has no extras) but keep them
    const again = await importCsv(token, csv([{ ...a, phone: '13900139000' }, b]))
    expect(again.status).toBe(200)
    expect(await extrasOf(school)).toEqual({
      [a.number]: ['4.0', '2023-09-01'],
      [b.number]: ['2.5', '2024-03-01'],
    })
  })
})
