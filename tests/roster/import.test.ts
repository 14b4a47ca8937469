/**
 * Roster import over real HTTP, as staff with RLS: row-level rejections, idempotent re-import,
 * encodings and formats, dry runs, scope (school, college), bound records, concurrency.
 */
import ExcelJS from 'exceljs'
import iconvLite from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { BindingStatus } from '../../src/contracts/binding'
import { RosterImportResult, RosterListResponse } from '../../src/contracts/roster'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeSchool, makeStudent, makeUser } from '../support/fixtures'
import { makeRosterEntry } from '../support/roster-fixtures'
import { csv, HEADER, row } from './support'

const api = withApi()

async function importFile(
  token: string | undefined,
  body: string | Buffer,
  query = '',
  contentType = 'text/csv; charset=utf-8',
) {
  return callParsed(RosterImportResult, api.url, `/api/roster/import${query}`, {
    method: 'POST',
    token,
    body,
    headers: { 'content-type': contentType },
  })
}

async function staffOf(schoolId: string, college: string | null = null) {
  const u = await makeUser({ role: 'school_staff', schoolId, college })
  return { user: u, token: await loginAs(api.url, u) }
}

async function stored(schoolId: string) {
  return withServiceTx('test', async (db) => {
    const { rows } = await db.query(
      `select student_number, name, major, id_card_hash, id_card_masked, id_card_cipher, bound_user_id
         from public.roster_entries where school_id = $1 order by student_number`,
      [schoolId],
    )
    return rows
  })
}

describe('roster import', () => {
  it('imports valid rows, rejects bad ones with file row numbers and reasons, stores no plain ID numbers', async () => {
    const school = await makeSchool()
    const { token } = await staffOf(school)
    const good = [row({ name: '张三' }), row({ name: '李四', gender: '女' })]
    const bad = row({ name: '王五', idCard: '110101200403150010' })
    const dup = { ...good[0]!, name: '张三重复' }
    const res = await importFile(token, csv([good[0]!, bad, good[1]!, dup]))
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      dryRun: false,
      total: 4,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejectedCount: 2,
    })
    expect(res.body.rejected).toEqual([
      { row: 3, studentNumber: bad.number, name: '王五', reasons: ['身份证号校验位不正确，请核对'] },
      { row: 5, studentNumber: good[0]!.number, name: '张三重复', reasons: ['学号与第2行重复'] },
    ])
    const rows = await stored(school)
    expect(rows.map((r) => r.name).sort()).toEqual(['张三', '李四'])
    for (const r of rows) {
      const plain = good.find((g) => g.number === r.student_number)!.idCard
      expect(r.id_card_masked).toBe(`${plain.slice(0, 4)}**********${plain.slice(-4)}`)
      expect(r.id_card_hash).not.toContain(plain)
      expect(r.id_card_cipher).not.toContain(plain)
    }
  })

  it('is idempotent: re-importing changes nothing; a changed row is updated, others stay unchanged', async () => {
    const school = await makeSchool()
    const { token } = await staffOf(school)
    const rows = [row(), row(), row()]
    expect((await importFile(token, csv(rows))).body).toMatchObject({ inserted: 3 })
    const before = await withServiceTx(
      'test',
      async (db) =>
        (
          await db.query(
            'select student_number, updated_at from public.roster_entries where school_id = $1',
            [school],
          )
        ).rows,
    )
    expect((await importFile(token, csv(rows))).body).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 })
    rows[1] = { ...rows[1]!, major: '人工智能' }
    expect((await importFile(token, csv(rows))).body).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 })
    const after = await withServiceTx(
      'test',
      async (db) =>
        (
          await db.query(
            'select student_number, updated_at, major from public.roster_entries where school_id = $1',
            [school],
          )
        ).rows,
    )
    for (const a of after) {
      const b = before.find((x) => x.student_number === a.student_number)!
      if (a.student_number === rows[1]!.number) {
        expect(a.major).toBe('人工智能')
        expect(a.updated_at.getTime()).toBeGreaterThan(b.updated_at.getTime())
      } else expect(a.updated_at).toEqual(b.updated_at)
    }
  })

  it('reads GB18030 CSV, multipart uploads and XLSX with numeric cells; a dry run writes nothing', async () => {
    const school = await makeSchool()
    const { token } = await staffOf(school)
    const a = row({ name: '甲' })
    const gbBytes = iconvLite.encode(csv([a]), 'gb18030')
    const dry = await importFile(token, gbBytes, '?dryRun=1', 'text/csv')
    expect(dry.body).toMatchObject({ dryRun: true, inserted: 1, rejectedCount: 0 })
    expect(await stored(school)).toHaveLength(0)
    expect((await importFile(token, gbBytes, '', 'text/csv')).body).toMatchObject({ inserted: 1 })
    expect((await stored(school))[0].name).toBe('甲')

    const form = new FormData()
    const b = row({ name: '乙' })
    form.append('file', new Blob([csv([b])], { type: 'text/csv' }), '生源.csv')
    const multipart = await fetch(`${api.url}/api/roster/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    })
    expect(await multipart.json()).toMatchObject({ inserted: 1 })

    const wb = new ExcelJS.Workbook()
    const sheet = wb.addWorksheet('生源')
    sheet.addRow(HEADER)
    const c = row({ name: '丙' })
    sheet.addRow([
      c.college,
      c.major,
      c.degree,
      2027,
      Number(c.number),
      c.name,
      c.idCard,
      c.gender,
      c.origin,
      Number(c.phone),
    ])
    sheet.addRow([c.college, c.major, c.degree, 2027, 2023999999, '丁', 110101200403151000, '男', '', ''])
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer())
    const res = await importFile(
      token,
      xlsx,
      '',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(res.body).toMatchObject({ inserted: 1, rejectedCount: 1 })
    expect(res.body.rejected[0]).toMatchObject({ row: 3, name: '丁' })
    expect(res.body.rejected[0]!.reasons[0]).toMatch(/Excel 存成了数字/)
    expect((await stored(school)).map((r) => r.name).sort()).toEqual(['丙', '乙', '甲'])
  })

  it('numbers the rows of a chunk from firstRow and refuses files without the required columns', async () => {
    const school = await makeSchool()
    const { token } = await staffOf(school)
    const res = await importFile(token, csv([row(), row({ year: '明年' })]), '?firstRow=5002')
    expect(res.body.rejected).toEqual([expect.objectContaining({ row: 5003 })])
    const noHeader = await importFile(token, '学号,姓名\r\n1,张三\r\n')
    expect(noHeader.status).toBe(400)
    expect(noHeader.error).toMatchObject({ code: 'validation_failed' })
    expect(noHeader.error.message).toContain('学院、专业')
    const xls = await importFile(
      token,
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]),
      '',
      'application/vnd.ms-excel',
    )
    expect(xls.status).toBe(400)
    expect(xls.error.message).toContain('.xls')
    expect((await importFile(token, '')).status).toBe(400)
    expect(await stored(school)).toHaveLength(1)
  })

  it('keeps staff to their school and college; students, employers and anonymous callers are refused', async () => {
    const school = await makeSchool()
    const other = await makeSchool()
    const { token } = await staffOf(school)
    const file = csv([row()])
    expect((await importFile(token, file, `?schoolId=${other}`)).status).toBe(403)
    const student = await makeStudent(school)
    expect((await importFile(await loginAs(api.url, student), file)).error.code).toBe('forbidden')
    expect((await importFile(undefined, file)).status).toBe(401)
    expect(await stored(school)).toHaveLength(0)

    // platform admins read any school's roster but the school alone writes it
    const admin = await makeUser({ role: 'platform_admin' })
    const adminToken = await loginAs(api.url, admin)
    expect((await importFile(adminToken, file, `?schoolId=${school}`)).status).toBe(403)
    await importFile(token, file)
    expect(
      (await callParsed(RosterListResponse, api.url, `/api/roster?schoolId=${school}`, { token: adminToken }))
        .body.total,
    ).toBe(1)
    expect((await callParsed(RosterListResponse, api.url, '/api/roster', { token: adminToken })).status).toBe(
      400,
    )

    // college-level staff: only their college, and not a number another college holds
    const elsewhere = await makeRosterEntry(school, { college: '外国语学院' })
    const { token: cs } = await staffOf(school, '计算机学院')
    const res = await importFile(
      cs,
      csv([row(), row({ college: '外国语学院' }), row({ number: elsewhere.studentNumber })]),
    )
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ inserted: 1, rejectedCount: 2 })
    expect(res.body.rejected.map((r: { reasons: string[] }) => r.reasons[0])).toEqual([
      '只能导入本学院（计算机学院）的学生',
      '该学号已在外国语学院的生源中，请联系学校就业部门处理',
    ])
    const list = await callParsed(RosterListResponse, api.url, '/api/roster', { token: cs })
    expect(list.body.items.every((i: { college: string }) => i.college === '计算机学院')).toBe(true)
  })

  it('never changes a bound student’s name or ID number; other fields still update', async () => {
    const school = await makeSchool()
    const { token } = await staffOf(school)
    const r = row({ name: '绑定生' })
    await importFile(token, csv([r]))
    const student = await makeUser({ role: 'student' })
    const studentToken = await loginAs(api.url, student)
    // the student binds through the real flow, which matches the imported hash
    const bind = await callParsed(BindingStatus, api.url, '/api/binding', {
      token: studentToken,
      body: { schoolId: school, studentNumber: r.number, name: r.name, idCard: r.idCard },
    })
    expect(bind.status).toBe(200)

    const renamed = await importFile(token, csv([{ ...r, name: '改名生' }]))
    expect(renamed.body).toMatchObject({ updated: 0, rejectedCount: 1 })
    expect(renamed.body.rejected[0]!.reasons[0]).toContain('已绑定微信')
    const moved = await importFile(token, csv([{ ...r, major: '网络工程' }]))
    expect(moved.body).toMatchObject({ updated: 1, rejectedCount: 0 })
    const [rec] = await stored(school)
    expect(rec).toMatchObject({ name: '绑定生', major: '网络工程', bound_user_id: student.id })

    // the database holds the rule too, whatever the caller
    const direct = await withServiceTx('test', (db) =>
      db.query(`update public.roster_entries set name = '偷改' where school_id = $1`, [school]),
    ).catch((e: Error) => e)
    expect((direct as Error & { cause?: { constraint?: string } }).cause?.constraint).toBe(
      'roster_bound_identity',
    )
  })

  it('two simultaneous imports of the same file insert every row once', async () => {
    const school = await makeSchool()
    const { token } = await staffOf(school)
    const file = csv(Array.from({ length: 300 }, () => row()))
    const [a, b] = await Promise.all([importFile(token, file), importFile(token, file)])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(a.body.inserted + b.body.inserted).toBe(300)
    expect(a.body.inserted + a.body.unchanged).toBe(300)
    expect(b.body.inserted + b.body.unchanged).toBe(300)
    expect(await stored(school)).toHaveLength(300)
  })

  it('lists the roster with filters and keyset pages; serves the template', async () => {
    const school = await makeSchool()
    const { token } = await staffOf(school)
    const rows = Array.from({ length: 5 }, (_, i) =>
      row({ number: `2027${i}`, name: i === 3 ? '周找我' : `学生${i}` }),
    )
    await importFile(token, csv(rows))
    const p1 = await callParsed(RosterListResponse, api.url, '/api/roster?limit=2', { token })
    expect(p1.body).toMatchObject({ total: 5, next: '20271' })
    expect(p1.body.items.map((i: { studentNumber: string }) => i.studentNumber)).toEqual(['20270', '20271'])
    const p3 = await callParsed(RosterListResponse, api.url, '/api/roster?limit=2&after=20273', { token })
    expect(p3.body).toMatchObject({ next: null, items: [{ studentNumber: '20274' }] })
    const found = await callParsed(RosterListResponse, api.url, `/api/roster?q=${encodeURIComponent('周')}`, {
      token,
    })
    expect(found.body).toMatchObject({
      total: 1,
      items: [{ name: '周找我', bound: false, idCardMasked: expect.stringMatching(/\*{10}/) }],
    })
    expect(
      (await callParsed(RosterListResponse, api.url, '/api/roster?bound=yes', { token })).body.total,
    ).toBe(0)
    expect(found.body.items[0]).not.toHaveProperty('idCardHash')

    const tpl = await fetch(`${api.url}/api/roster/template`)
    expect(tpl.headers.get('content-type')).toContain('text/csv')
    const bytes = Buffer.from(await tpl.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.subarray(3).toString('utf8').trim()).toBe([...HEADER, '学制', '入学日期'].join(','))
  })
})
