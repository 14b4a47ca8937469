/**
 * Uploads as Vercel delivers them (the dev server follows `@vercel/node`'s body rules, see
 * `vercel-body.test.ts`): for multipart, CSV, XLSX and image bodies `req.body` is undefined and the
 * bytes come from the request stream. `readRawBody` is the one reader; the avatar and roster
 * routes work with every way a client sends a file.
 */
import path from 'node:path'
import ExcelJS from 'exceljs'
import iconvLite from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { RosterImportResult } from '../../src/contracts/roster'
import { csv, HEADER, row } from '../roster/support'
import { uploadAvatar } from '../storage/upload'
import { parseAnswer, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { RawAnswer } from './body-probes/raw'

const api = withApi()
const probes = withApi({ apiDir: path.join(import.meta.dirname, 'body-probes') })

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** POSTs bytes with exactly this content-type (none when undefined) to the `readRawBody` probe. */
async function raw(type: string | undefined, bytes: Buffer | string) {
  const res = await fetch(`${probes.url}/api/raw`, {
    method: 'POST',
    headers: type ? { 'content-type': type } : {},
    body: new Uint8Array(Buffer.from(bytes)),
  })
  return parseAnswer(RawAnswer, { status: res.status, body: await res.json(), headers: res.headers })
}

describe('readRawBody', () => {
  it('reads the exact bytes of bodies Vercel leaves unparsed, of octet-stream and of text/plain', async () => {
    const gb = iconvLite.encode('学号,姓名', 'gb18030') // not UTF-8: a decoded string would lose it
    for (const type of [
      'text/csv',
      XLSX_TYPE,
      'image/png',
      'application/octet-stream',
      'text/plain',
      undefined,
    ]) {
      const r = await raw(type, gb)
      expect(r.status, String(type)).toBe(200)
      expect(Buffer.from(r.body.bytes, 'base64').equals(gb), String(type)).toBe(true)
    }
  })

  it('refuses more than its limit with 413, from the stream and from a Buffer body', async () => {
    for (const type of ['text/csv', 'application/octet-stream']) {
      expect((await raw(type, Buffer.alloc(16, 1))).status).toBe(200)
      const r = await raw(type, Buffer.alloc(17, 1))
      expect(r.status, type).toBe(413)
      expect(r.error.code).toBe('payload_too_large')
      expect(r.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('refuses bodies the platform parsed (JSON, forms) and malformed JSON with 400 bad_request', async () => {
    for (const [type, body] of [
      ['application/json', '{"a":1}'],
      ['application/json', '{bad'],
      ['application/x-www-form-urlencoded', 'a=1'],
    ] as const) {
      const r = await raw(type, body)
      expect(r.status, `${type} ${body}`).toBe(400)
      expect(r.error.code).toBe('bad_request')
    }
  })
})

describe('upload routes through the dev server, as on Vercel', () => {
  it('POST /api/me/avatar takes a multipart file (what wx.uploadFile sends)', async () => {
    const token = await loginAs(api.url, await makeUser({ role: 'student', schoolId: await makeSchool() }))
    const r = await uploadAvatar(api.url, token)
    expect(r.status).toBe(200)
    expect(r.body.avatarUrl).toMatch(/^\/api\/storage\/avatars\//)
  })

  it('POST /api/roster/import takes raw CSV (UTF-8, GB18030, any text type), XLSX and multipart', async () => {
    const school = await makeSchool()
    const token = await loginAs(api.url, await makeUser({ role: 'school_staff', schoolId: school }))
    const send = (body: Buffer | FormData, type?: string) =>
      fetch(`${api.url}/api/roster/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}) },
        body: body instanceof FormData ? body : new Uint8Array(body),
      }).then(async (res) =>
        parseAnswer(RosterImportResult, { status: res.status, body: await res.json(), headers: res.headers }),
      )
    const utf8 = await send(Buffer.from(csv([row({ name: '张三' })])), 'text/csv; charset=utf-8')
    expect(utf8.status).toBe(200)
    expect(utf8.body.inserted).toBe(1)
    for (const type of ['text/csv', 'text/plain', 'application/octet-stream']) {
      const gb = await send(iconvLite.encode(csv([row({ name: '李四' })]), 'gb18030'), type)
      expect(gb.status, type).toBe(200)
      expect(gb.body, type).toMatchObject({ inserted: 1, rejectedCount: 0 })
    }

    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('生源')
    ws.addRow(HEADER)
    const x = row({ name: '王五' })
    ws.addRow([x.college, x.major, x.degree, x.year, x.number, x.name, x.idCard, x.gender, x.origin, x.phone])
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer())
    const sheet = await send(xlsx, XLSX_TYPE)
    expect(sheet.status).toBe(200)
    expect(sheet.body.inserted).toBe(1)

    const form = new FormData()
    form.append('file', new Blob([csv([row({ name: '赵六' })])], { type: 'text/csv' }), '生源.csv')
    const multipart = await send(form)
    expect(multipart.status).toBe(200)
    expect(multipart.body.inserted).toBe(1)
  })
})
