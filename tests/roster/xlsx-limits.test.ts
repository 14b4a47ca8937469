/**
 * Hostile spreadsheets (issue 9 item 9), uploaded over real HTTP as staff: each is refused quickly
 * with a 4xx naming the limit, and the server's memory stays bounded. The files are built here,
 * byte by byte (`./xlsx-builder.ts`). Plus one file of the shapes real spreadsheet programs write,
 * read correctly by the streaming reader.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { XLSX_LIMITS } from '../../api/_lib/roster/xlsx'
import { ZIP_LIMITS } from '../../api/_lib/roster/zip'
import { RosterImportResult } from '../../src/contracts/roster'
import { call, parseAnswer, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { cells, HEADER, row } from './support'
import { inlineRow, part, repeatedPart, SHEET_HEAD, sheetOf, xlsxParts, zip } from './xlsx-builder'

const api = withApi()
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const SST_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
const MB = 1024 * 1024

async function staff() {
  const school = await makeSchool()
  const u = await makeUser({ role: 'school_staff', schoolId: school })
  return { school, token: await loginAs(api.url, u) }
}

/** Uploads the file and measures the answer's time and the process's memory growth. */
async function upload(token: string, file: Buffer) {
  const rss = process.memoryUsage().rss
  const started = performance.now()
  const res = await call(api.url, '/api/roster/import', {
    method: 'POST',
    token,
    body: file,
    headers: { 'content-type': XLSX_TYPE },
  })
  // not spread: the parsed answer's `body` and `error` are getters that check the side
  return Object.assign(parseAnswer(RosterImportResult, res), {
    ms: performance.now() - started,
    rssGrowthMb: (process.memoryUsage().rss - rss) / MB,
  })
}

function validRow(r: number): string {
  return inlineRow(r, cells(row()))
}

/** 300 MB of one letter as a shared string, deflated to ~300 KB; built once (it takes seconds). */
let bomb: ReturnType<typeof repeatedPart> | undefined
const stringBomb = () => {
  bomb ??= repeatedPart('sst', `${SST_HEAD}<si><t>`, 'a', 300 * MB, '</t></si></sst>')
  return bomb
}

describe('hostile spreadsheets', () => {
  beforeAll(async () => {
    // load the route's modules first, so the timings below measure the reading alone
    await call(api.url, '/api/roster/import', { method: 'POST', body: 'x' })
  })

  it('a ~32 KB file with a cell at XFD1048576 is refused at that cell, naming the column limit', async () => {
    const { token } = await staff()
    const rows = [inlineRow(1, HEADER)]
    for (let r = 2; r <= 700; r++) rows.push(validRow(r))
    rows.push('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    const file = zip(xlsxParts(sheetOf(rows)))
    expect(file.length).toBeGreaterThan(28 * 1024)
    const res = await upload(token, file)
    expect(res.status).toBe(400)
    expect(res.error).toMatchObject({
      code: 'validation_failed',
      details: { limit: 'columns', max: XLSX_LIMITS.columns, row: 1048576, column: 'XFD' },
    })
    expect(res.error.message).toContain(`最多使用${XLSX_LIMITS.columns}列`)
    expect(res.ms).toBeLessThan(3000)
  })

  it('merged ranges and styled empty cells over the whole sheet are not expanded: the rows import', async () => {
    const { token } = await staff()
    const sheet = part(
      'sheet',
      `${SHEET_HEAD}${inlineRow(1, HEADER)}${validRow(2).replace('</row>', '<c r="XFD2" s="0"/></row>')}` +
        '</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells></worksheet>',
    )
    const res = await upload(token, zip(xlsxParts(sheet)))
    expect(res.status, JSON.stringify(res.raw)).toBe(200)
    expect(res.body).toMatchObject({ inserted: 1, rejectedCount: 0 })
    expect(res.ms).toBeLessThan(3000)
  })

  it('a 300 MB string deflated into a few hundred KB is refused from the zip directory, before inflating', async () => {
    const { token } = await staff()
    const sst = await stringBomb()
    const sheet = sheetOf([inlineRow(1, HEADER), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'])
    const file = zip(xlsxParts(sheet, { sharedStrings: sst }))
    expect(file.length).toBeLessThan(ZIP_LIMITS.inflatedBytes / 64)
    const res = await upload(token, file)
    expect(res.status).toBe(413)
    expect(res.error).toMatchObject({ code: 'payload_too_large', details: { limit: 'inflated_bytes' } })
    expect(res.error.message).toContain('解压后超过64MB')
    expect(res.ms).toBeLessThan(3000)
    expect(res.rssGrowthMb).toBeLessThan(200)
  })

  it('the same string declaring a 1 KB size stops inflating at 1 KB', async () => {
    const { token } = await staff()
    const sst = await stringBomb()
    const sheet = sheetOf([inlineRow(1, HEADER)])
    const file = zip(xlsxParts(sheet, { sharedStrings: { ...sst, declaredSize: 1024 } }))
    const res = await upload(token, file)
    expect(res.status).toBe(400)
    expect(res.error.code).toBe('bad_request')
    expect(res.error.message).toContain('无法读取该 Excel 文件')
    expect(res.ms).toBeLessThan(3000)
    expect(res.rssGrowthMb).toBeLessThan(200)
  })

  it('an entry deflated past the compression-ratio bound is refused before inflating', async () => {
    const { token } = await staff()
    // 20 MB of one letter: under the size limit, but ~1,000:1
    const sst = await repeatedPart('sst', `${SST_HEAD}<si><t>`, 'a', 20 * MB, '</t></si></sst>')
    const file = zip(xlsxParts(sheetOf([inlineRow(1, HEADER)]), { sharedStrings: sst }))
    const res = await upload(token, file)
    expect(res.status).toBe(413)
    expect(res.error).toMatchObject({
      code: 'payload_too_large',
      details: { limit: 'compression_ratio', max: ZIP_LIMITS.ratio },
    })
    expect(res.ms).toBeLessThan(3000)
  })

  it('a cell over 1,000 characters is refused naming its row and column; so is such a shared string', async () => {
    const { token } = await staff()
    const long = '很'.repeat(XLSX_LIMITS.cellChars + 1)
    const x = row()
    const cells = [
      x.college,
      x.major,
      x.degree,
      x.year,
      x.number,
      long,
      x.idCard,
      x.gender,
      x.origin,
      x.phone,
    ]
    const inline = await upload(token, zip(xlsxParts(sheetOf([inlineRow(1, HEADER), inlineRow(2, cells)]))))
    expect(inline.status).toBe(400)
    expect(inline.error).toMatchObject({
      code: 'validation_failed',
      details: { limit: 'cell_chars', max: XLSX_LIMITS.cellChars, row: 2, column: 'F' },
    })
    expect(inline.error.message).toBe('第2行第F列的内容超过1000个字符，请检查后重新上传')

    const sst = part('sst', `${SST_HEAD}<si><t>${long}</t></si></sst>`)
    const shared = await upload(
      token,
      zip(xlsxParts(sheetOf([inlineRow(1, HEADER)]), { sharedStrings: sst })),
    )
    expect(shared.status).toBe(400)
    expect(shared.error).toMatchObject({ code: 'validation_failed', details: { limit: 'cell_chars' } })
  })

  it('a truncated file, a sheet cut mid-element and a zip without a workbook are 400s', async () => {
    const { token } = await staff()
    const whole = zip(xlsxParts(sheetOf([inlineRow(1, HEADER), validRow(2)])))
    const truncated = await upload(token, whole.subarray(0, Math.floor(whole.length / 2)))
    expect(truncated.status).toBe(400)
    expect(truncated.error.code).toBe('bad_request')
    const cut = await upload(token, zip(xlsxParts(part('sheet', `${SHEET_HEAD}<row r="1"><c r="A1" t="inl`))))
    expect(cut.status).toBe(400)
    expect(cut.error.message).toContain('已损坏')
    const bare = await upload(token, zip([part('hello.txt', 'not a workbook')]))
    expect(bare.status).toBe(400)
    expect(bare.error.code).toBe('bad_request')
  })

  it('one row past the import limit is refused as the sheet is read', async () => {
    const { token } = await staff()
    const rows = [inlineRow(1, HEADER)]
    for (let r = 2; r <= 100_002; r++)
      rows.push(`<row r="${r}"><c r="E${r}"><v>${2023000000 + r}</v></c></row>`)
    const res = await upload(token, zip(xlsxParts(sheetOf(rows))))
    expect(res.status).toBe(413)
    expect(res.error).toMatchObject({
      code: 'payload_too_large',
      details: { limit: 'rows', max: 100_000 },
    })
    expect(res.error.message).toBe('单次最多导入100000行，请分批上传')
  })
})

describe('the streaming reader reads what spreadsheet programs write', () => {
  it('shared strings with rich runs (phonetic runs dropped), inline strings, formula results, a date-styled year', async () => {
    const { school, token } = await staff()
    const x = row({ name: '富文本' })
    const sst = part(
      'sst',
      `${SST_HEAD}<si><r><t>计算机</t></r><r><rPr><b/></rPr><t>学院</t></r><rPh sb="0" eb="1"><t>ジ</t></rPh></si>` +
        `<si><t xml:space="preserve">${x.gender}</t></si></sst>`,
    )
    const styles = part(
      'styles',
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>' +
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>',
    )
    // 2027-06-30 as an Excel day number
    const serial = Date.UTC(2027, 5, 30) / 86_400_000 + 25569
    const r2 =
      '<row r="2"><c r="A2" t="s"><v>0</v></c>' +
      `<c r="B2" t="inlineStr"><is><t>${x.major}</t></is></c>` +
      `<c r="C2" t="str"><f>"本"&amp;"科"</f><v>${x.degree}</v></c>` +
      `<c r="D2" s="1"><v>${serial}</v></c>` +
      `<c r="E2"><v>${x.number}</v></c>` +
      `<c r="F2" t="inlineStr"><is><t>${x.name}</t></is></c>` +
      `<c r="G2" t="inlineStr"><is><t>${x.idCard}</t></is></c>` +
      '<c r="H2" t="s"><v>1</v></c>' +
      `<c r="J2"><v>${x.phone}</v></c></row>`
    const file = zip(xlsxParts(sheetOf([inlineRow(1, HEADER), r2]), { sharedStrings: sst, styles }))
    const res = await upload(token, file)
    expect(res.status, JSON.stringify(res.raw)).toBe(200)
    expect(res.body).toMatchObject({ inserted: 1, rejectedCount: 0 })
    const { rows } = await withServiceTx('test: read back', (db) =>
      db.query(
        'select college, major, degree_level, graduation_year, student_number, name from public.roster_entries where school_id = $1',
        [school],
      ),
    )
    expect(rows).toEqual([
      {
        college: '计算机学院',
        major: x.major,
        degree_level: expect.any(String),
        graduation_year: 2027,
        student_number: x.number,
        name: '富文本',
      },
    ])
  })
})
