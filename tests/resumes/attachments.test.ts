/**
 * Attachment resumes (api/me/resume-attachments/**): a PDF by its bytes, at most 5 MB, its name
 * kept; stored through the storage interface (here against the Supabase Storage fake, the
 * production backend), downloaded by a signed link, soft-deleted with the file removed unless an
 * application sent it; at most 20; only the owner's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getPool } from '../../api/_lib/db/pool'
import { type Db, withServiceTx } from '../../api/_lib/db/tx'
import { isPdf, tidyFileName } from '../../api/_lib/resumes/attachments'
import { renderResumePdf } from '../../api/_lib/resumes/pdf'
import {
  AttachmentLinkResponse,
  AttachmentResponse,
  DeletedResponse,
  ResumeListResponse,
} from '../../src/contracts/resumes'
import { type FakeStorage, startFakeStorage } from '../fakes/supabase-storage'
import { TINY_PNG } from '../storage/upload'
import { call, expectOk, parseAnswer, withApi } from '../support/api'
import { loginAs, makeCompany, makeSchool, makeUser, type TestUser } from '../support/fixtures'

const api = withApi()
let fake: FakeStorage
let PDF: Buffer

beforeAll(async () => {
  fake = await startFakeStorage()
  process.env.SUPABASE_URL = fake.url
  process.env.SUPABASE_SERVICE_ROLE_KEY = fake.serviceKey
  PDF = await renderResumePdf({ personal: { name: '附件测试' } }, 'zh')
})
afterAll(async () => {
  delete process.env.SUPABASE_URL
  delete process.env.SUPABASE_SERVICE_ROLE_KEY
  await fake.close()
})

/** POSTs one multipart file as wx.uploadFile does; the raw filename bytes are UTF-8, as phones send them. */
async function upload(
  token: string,
  data: Buffer,
  name = '我的简历.pdf',
  type = 'application/pdf',
  query = '',
) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)], { type }), name)
  const res = await fetch(`${api.url}/api/me/resume-attachments${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  return parseAnswer(AttachmentResponse, { status: res.status, body: await res.json(), headers: res.headers })
}

async function student(): Promise<{ user: TestUser; token: string }> {
  const user = await makeUser({ role: 'student', schoolId: await makeSchool() })
  return { user, token: await loginAs(api.url, user) }
}

/** The table owner's connection (jobs and applications are other flows' tables; here only their rows are needed). */
async function ownerTx(fn: (db: Db) => Promise<void>): Promise<void> {
  const c = await getPool().connect()
  try {
    await c.query('begin')
    await fn(c)
    await c.query('commit')
  } finally {
    c.release()
  }
}

async function rowsOf(userId: string) {
  return withServiceTx('test: read back', async (db) => {
    const r = await db.query<{
      id: string
      storage_path: string
      file_name: string
      deleted_at: Date | null
    }>(
      'select id, storage_path, file_name, deleted_at from public.resume_attachments where user_id = $1 order by created_at',
      [userId],
    )
    return r.rows
  })
}

describe('attachment resumes', () => {
  it('a PDF is stored under the owner prefix, listed with its name, and downloads by a signed link', async () => {
    const { user, token } = await student()
    const r = await upload(token, PDF, '林玙昳-简历.pdf')
    expect(r.status).toBe(201)
    expect(r.body.attachment).toMatchObject({ fileName: '林玙昳-简历.pdf', sizeBytes: PDF.length })
    const [row] = await rowsOf(user.id)
    expect(row!.storage_path).toMatch(new RegExp(`^resumes/${user.id}/[0-9a-f-]{36}\\.pdf$`))
    expect(fake.objects.get(row!.storage_path)).toMatchObject({ type: 'application/pdf' })
    expect(fake.objects.get(row!.storage_path)!.data.equals(PDF)).toBe(true)

    const list = await expectOk(ResumeListResponse, api.url, '/api/me/resumes', { token })
    expect(list.attachments).toEqual([r.body.attachment])

    const link = await expectOk(AttachmentLinkResponse, api.url, `/api/me/resume-attachments/${row!.id}`, {
      token,
    })
    expect(link).toMatchObject({ fileName: '林玙昳-简历.pdf', expiresInSeconds: 600 })
    const file = await fetch(link.url.startsWith('/') ? fake.url + link.url : link.url)
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true)
  })

  it('refuses by the bytes: a renamed image, a truncated PDF, an empty file; nothing is stored', async () => {
    const { user, token } = await student()
    const before = fake.objects.size
    for (const [data, name] of [
      [TINY_PNG, 'photo.pdf'],
      [PDF.subarray(0, PDF.length - 200), 'cut.pdf'],
      [Buffer.from('%PDF-1.7\nnot really'), 'fake.pdf'],
    ] as const) {
      const r = await upload(token, data, name)
      expect(r.status, name).toBe(415)
      expect(r.error.code).toBe('unsupported_media_type')
      expect(r.error.message).toBe('附件简历只支持 PDF 文件，请导出为 PDF 后上传')
      expect(r.error.fields).toEqual({ file: '不是有效的 PDF 文件' })
    }
    const empty = await upload(token, Buffer.alloc(0), 'empty.pdf')
    expect(empty.status).toBe(400)
    expect(fake.objects.size).toBe(before)
    expect(await rowsOf(user.id)).toEqual([])
  })

  it('over 5 MB is 413 before anything is stored (the platform cuts bodies at 4.5 MB first)', async () => {
    const { user, token } = await student()
    const big = Buffer.concat([
      PDF.subarray(0, 400),
      Buffer.alloc(5 * 1024 * 1024 + 1, 32),
      PDF.subarray(-200),
    ])
    const r = await upload(token, big, 'big.pdf')
    expect(r.status).toBe(413)
    expect(r.error.code).toBe('payload_too_large')
    expect(r.error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(await rowsOf(user.id)).toEqual([])
  })

  it('the name may come as ?name= (wx.uploadFile names the part after its temp file)', async () => {
    const { token } = await student()
    const r = await upload(
      token,
      PDF,
      'tmp_5f3a9c.pdf',
      'application/pdf',
      `?name=${encodeURIComponent('王五 简历')}`,
    )
    expect(r.status).toBe(201)
    expect(r.body.attachment.fileName).toBe('王五 简历.pdf')
  })

  it('a multipart filename is read as the UTF-8 browsers send', async () => {
    const { token } = await student()
    const r = await upload(token, PDF, '简历.pdf')
    expect(r.status).toBe(201)
    expect(r.body.attachment.fileName).toBe('简历.pdf')
  })

  it('file names: paths and control characters dropped, .pdf kept, at most 100', () => {
    expect(isPdf(Buffer.from('%PDF-1.4\n1 0 obj\nendobj\nstartxref\n9\n%%EOF\n'))).toBe(true)
    expect(tidyFileName('C:\\Users\\me\\cv.PDF')).toBe('cv.PDF')
    expect(tidyFileName('a\u0000b\u001f.pdf')).toBe('ab.pdf')
    expect(tidyFileName('')).toBe('附件简历.pdf')
    expect(tidyFileName('résumé')).toBe('résumé.pdf')
    const long = tidyFileName(`${'长'.repeat(120)}.pdf`)
    expect(Array.from(long)).toHaveLength(100)
    expect(long.endsWith('.pdf')).toBe(true)
  })

  it('delete is soft and removes the file; one an application sent stays for the employer', async () => {
    const { user, token } = await student()
    const a = (await upload(token, PDF, 'a.pdf')).body.attachment
    const b = (await upload(token, PDF, 'b.pdf')).body.attachment
    const [rowA, rowB] = await rowsOf(user.id)
    // b went out with an application (app.apply writes these; here the service path stands in)
    const company = await makeCompany(true)
    await ownerTx(async (db) => {
      const job = await db.query<{ id: string }>(
        `insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max, nature,
           description, deadline, status, published_at)
         values ($1, '后端开发', 'tech', 'internet', '{杭州}', 8000, 12000, 'full_time', '职位描述', current_date + 30,
           'published', now()) returning id`,
        [company],
      )
      await db.query(
        'insert into public.applications (job_id, company_id, student_id, attachment_id) values ($1, $2, $3, $4)',
        [job.rows[0]!.id, company, user.id, b.id],
      )
    })
    for (const id of [a.id, b.id]) {
      expect(
        await expectOk(DeletedResponse, api.url, `/api/me/resume-attachments/${id}`, {
          method: 'DELETE',
          token,
        }),
      ).toEqual({
        deleted: true,
      })
    }
    const rows = await rowsOf(user.id)
    expect(rows.map((r) => r.deleted_at !== null)).toEqual([true, true])
    expect(fake.objects.has(rowA!.storage_path)).toBe(false)
    expect(fake.objects.has(rowB!.storage_path)).toBe(true)
    // gone for the owner: list, link and a second delete
    expect((await expectOk(ResumeListResponse, api.url, '/api/me/resumes', { token })).attachments).toEqual(
      [],
    )
    for (const method of ['GET', 'DELETE']) {
      const r = await call(api.url, `/api/me/resume-attachments/${a.id}`, { method, token })
      expect(r.status).toBe(404)
    }
  })

  it("another user's attachment is 404; non-students cannot upload; at most 20 live ones", async () => {
    const { user, token } = await student()
    const mine = (await upload(token, PDF)).body.attachment
    const other = await student()
    for (const method of ['GET', 'DELETE']) {
      expect(
        (await call(api.url, `/api/me/resume-attachments/${mine.id}`, { method, token: other.token })).status,
      ).toBe(404)
    }
    expect((await rowsOf(user.id))[0]!.deleted_at).toBeNull()

    const employer = await loginAs(
      api.url,
      await makeUser({ role: 'employer', companyId: await makeCompany(true) }),
    )
    const refused = await upload(employer, PDF)
    expect(refused.status).toBe(403)
    expect(refused.error.message).toBe('只有学生账号可以上传附件简历')

    // 19 more through the function, then the 21st is refused and nothing is left behind
    await withServiceTx('test: fill up', async (db) => {
      for (let i = 0; i < 19; i++) {
        await db.query(
          `insert into public.resume_attachments (user_id, file_name, storage_path, size_bytes)
           values ($1::uuid, 'x.pdf', 'resumes/' || $1::text || '/' || gen_random_uuid() || '.pdf', 10)`,
          [user.id],
        )
      }
    })
    const objects = fake.objects.size
    const full = await upload(token, PDF)
    expect(full.status).toBe(409)
    expect(full.error.details).toEqual({ conflict: 'limit_reached', limit: 20 })
    expect(full.error.message).toBe('附件简历最多20份，请先删除不用的附件')
    expect(fake.objects.size).toBe(objects)
  })
})
