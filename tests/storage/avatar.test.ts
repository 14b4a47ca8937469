import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeStorage, startFakeStorage } from '../fakes/supabase-storage'
import { call, withApi } from '../support/api'
import { loginAs, makeCompany, makeSchool, makeUser } from '../support/fixtures'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

async function upload(base: string, token: string, data: Buffer, name = 'a.png') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)]), name)
  const res = await fetch(`${base}/api/me/avatar`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  return {
    status: res.status,
    body: (await res.json()) as { avatarUrl: string; error: { code: string; message: string } },
  }
}

describe('avatar upload (local store)', () => {
  const api = withApi()

  it('stores a PNG, returns a signed URL that serves it, and refuses tampered or expired links', async () => {
    const s = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const token = await loginAs(api.url, s)
    const r = await upload(api.url, token, PNG)
    expect(r.status).toBe(200)
    const img = await fetch(api.url + r.body.avatarUrl)
    expect(img.status).toBe(200)
    expect(img.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true)
    const tampered = await fetch(api.url + r.body.avatarUrl.replace(/sig=./, 'sig=A'))
    expect(tampered.status).toBe(403)
    const expired = await fetch(api.url + r.body.avatarUrl.replace(/exp=\d+/, 'exp=1000'))
    expect(expired.status).toBe(403)
    const profile = await call(api.url, '/api/me/profile', { token })
    expect(profile.body.profile.avatarUrl).toMatch(/^\/api\/storage\/avatars\//)
  })

  it('refuses what is not a JPG/PNG, oversize files, non-multipart bodies and non-students', async () => {
    const s = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const token = await loginAs(api.url, s)
    const gif = await upload(api.url, token, Buffer.from('GIF89a....'), 'x.png')
    expect(gif.status).toBe(400)
    expect(gif.body.error.message).toBe('头像只支持 JPG 或 PNG 图片')
    const big = await upload(api.url, token, Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]))
    expect(big.status).toBe(413)
    const json = await call(api.url, '/api/me/avatar', { token, body: { file: 'x' } })
    expect(json.status).toBe(400)
    const hr = await makeUser({ role: 'employer', companyId: await makeCompany() })
    expect((await upload(api.url, await loginAs(api.url, hr), PNG)).status).toBe(403)
  })
})

describe('avatar upload (Supabase Storage REST)', () => {
  const api = withApi()
  let fake: FakeStorage
  beforeAll(async () => {
    fake = await startFakeStorage()
    process.env.SUPABASE_URL = fake.url
    process.env.SUPABASE_SERVICE_ROLE_KEY = fake.serviceKey
  })
  afterAll(async () => {
    delete process.env.SUPABASE_URL
    delete process.env.SUPABASE_SERVICE_ROLE_KEY
    await fake.close()
  })

  it('uploads with the service key, signs a URL that serves the image, and deletes the replaced one', async () => {
    const s = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const token = await loginAs(api.url, s)
    const first = await upload(api.url, token, PNG)
    expect(first.status).toBe(200)
    expect(first.body.avatarUrl.startsWith(`${fake.url}/storage/v1/object/sign/avatars/${s.id}/`)).toBe(true)
    const img = await fetch(first.body.avatarUrl)
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true)
    expect(fake.objects.size).toBe(1)
    await upload(api.url, token, PNG)
    expect(fake.objects.size).toBe(1)
  })
})
