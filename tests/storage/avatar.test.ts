import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getPool } from '../../api/_lib/db/pool'
import { withUserTx } from '../../api/_lib/db/tx'
import { isOwnAvatarKey } from '../../api/_lib/identity/avatar'
import { objectStore } from '../../api/_lib/storage'
import { AvatarResponse, ProfileResponse } from '../../src/contracts/profile'
import { type FakeStorage, startFakeStorage } from '../fakes/supabase-storage'
import { callParsed, expectOk, withApi } from '../support/api'
import { loginAs, makeCompany, makeSchool, makeUser, type TestUser } from '../support/fixtures'
import { jpegMarkers, jpegWithExif, pngChunkTypes, pngPixelFlood, pngWithMetadata, SECRET } from './images'
import { TINY_PNG as PNG, uploadAvatar as upload } from './upload'

const profileOf = (base: string, token: string) =>
  expectOk(ProfileResponse, base, '/api/me/profile', { token })

async function avatarPath(userId: string): Promise<string | null> {
  const r = await getPool().query<{ avatar_path: string | null }>(
    'select avatar_path from public.student_profiles where user_id = $1',
    [userId],
  )
  return r.rows[0]?.avatar_path ?? null
}

/** Runs `fn` with the own-prefix CHECK on avatar_path dropped (this file's database only), then restores it. */
async function withoutOwnPrefixCheck(fn: () => Promise<void>): Promise<void> {
  const name = 'student_profiles_avatar_own_prefix'
  const def = await getPool().query<{ def: string }>(
    "select pg_get_constraintdef(oid) as def from pg_constraint where conname = $1 and conrelid = 'public.student_profiles'::regclass",
    [name],
  )
  await getPool().query(`alter table public.student_profiles drop constraint if exists ${name}`)
  try {
    await fn()
  } finally {
    if (def.rows[0])
      await getPool().query(`alter table public.student_profiles add constraint ${name} ${def.rows[0].def}`)
  }
}

/** Whether the stored object behind `key` can still be read (through a freshly signed URL). */
async function exists(base: string, key: string): Promise<boolean> {
  const url = await objectStore()
    .signedUrl('avatars', key, 60)
    .catch(() => null)
  if (!url) return false
  return (await fetch(url.startsWith('/') ? base + url : url)).ok
}

async function fetchAvatar(base: string, url: string): Promise<Response> {
  return fetch(url.startsWith('/') ? base + url : url)
}

describe('avatar upload (local store)', () => {
  const api = withApi()

  it('stores a PNG, returns a signed URL that serves it with nosniff, and refuses tampered or expired links', async () => {
    const s = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const token = await loginAs(api.url, s)
    const r = await upload(api.url, token, PNG)
    expect(r.status).toBe(200)
    const img = await fetch(api.url + r.body.avatarUrl)
    expect(img.status).toBe(200)
    expect(img.headers.get('content-type')).toBe('image/png')
    expect(img.headers.get('x-content-type-options')).toBe('nosniff')
    const served = Buffer.from(await img.arrayBuffer())
    expect((await sharp(served).metadata()).width).toBe(1)
    const tampered = await fetch(api.url + r.body.avatarUrl.replace(/sig=./, 'sig=A'))
    expect(tampered.status).toBe(403)
    const expired = await fetch(api.url + r.body.avatarUrl.replace(/exp=\d+/, 'exp=1000'))
    expect(expired.status).toBe(403)
    expect((await profileOf(api.url, token)).profile.avatarUrl).toMatch(/^\/api\/storage\/avatars\//)
  })

  it('refuses what is not a JPG/PNG, oversize files, non-multipart bodies and non-students', async () => {
    const s = await makeUser({ role: 'student', schoolId: await makeSchool() })
    const token = await loginAs(api.url, s)
    const gif = await upload(api.url, token, Buffer.from('GIF89a....'), 'x.png')
    expect(gif.status).toBe(400)
    expect(gif.error.message).toBe('头像只支持 JPG 或 PNG 图片')
    const big = await upload(api.url, token, Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]))
    expect(big.status).toBe(413)
    const json = await callParsed(AvatarResponse, api.url, '/api/me/avatar', { token, body: { file: 'x' } })
    expect(json.status).toBe(400)
    const hr = await makeUser({ role: 'employer', companyId: await makeCompany() })
    expect((await upload(api.url, await loginAs(api.url, hr), PNG)).status).toBe(403)
  })
})

describe('avatar metadata is stripped (the stored file is re-encoded)', () => {
  const api = withApi()
  let token: string
  beforeAll(async () => {
    token = await loginAs(api.url, await makeUser({ role: 'student', schoolId: await makeSchool() }))
  })

  it('drops a JPEG’s EXIF (GPS position, camera make) and APP13, after turning it upright', async () => {
    const input = await jpegWithExif(40, 20, 6) // orientation 6: shown rotated 90° clockwise
    const meta = await sharp(input).metadata()
    expect(meta.exif).toBeDefined() // the test image really carries EXIF
    expect(meta.orientation).toBe(6)
    expect(jpegMarkers(input)).toContain(0xe1)
    const r = await upload(api.url, token, input, 'photo.jpg')
    expect(r.status).toBe(200)
    const res = await fetchAvatar(api.url, r.body.avatarUrl)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    const out = Buffer.from(await res.arrayBuffer())
    const outMeta = await sharp(out).metadata()
    expect(outMeta.exif).toBeUndefined()
    expect(outMeta.orientation).toBeUndefined()
    expect([outMeta.width, outMeta.height]).toEqual([20, 40]) // upright, not sideways
    // no APP1…APP15 segment (EXIF, XMP, Photoshop/IPTC, vendor blocks) and none of the text
    expect(jpegMarkers(out).filter((m) => m >= 0xe1 && m <= 0xef)).toEqual([])
    expect(out.includes(SECRET)).toBe(false)
    expect(out.includes('Exif')).toBe(false)
  })

  it('drops a PNG’s tEXt, zTXt, iTXt and eXIf chunks', async () => {
    const input = await pngWithMetadata()
    expect(pngChunkTypes(input)).toEqual(expect.arrayContaining(['tEXt', 'zTXt', 'iTXt', 'eXIf']))
    const r = await upload(api.url, token, input)
    expect(r.status).toBe(200)
    const out = Buffer.from(await (await fetchAvatar(api.url, r.body.avatarUrl)).arrayBuffer())
    const types = pngChunkTypes(out)
    expect(types[0]).toBe('IHDR')
    expect(types.filter((t) => ['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME'].includes(t))).toEqual([])
    expect(out.includes(SECRET)).toBe(false)
  })

  it('shrinks large avatars to 512 px and refuses pixel floods and broken images with 400', async () => {
    const big = await sharp({ create: { width: 1600, height: 800, channels: 3, background: '#123' } })
      .jpeg()
      .toBuffer()
    const r = await upload(api.url, token, big, 'big.jpg')
    const out = await sharp(
      Buffer.from(await (await fetchAvatar(api.url, r.body.avatarUrl)).arrayBuffer()),
    ).metadata()
    expect([out.width, out.height]).toEqual([512, 256])
    const flood = await upload(api.url, token, pngPixelFlood())
    expect(flood.status).toBe(400)
    expect(flood.error.message).toBe('图片尺寸过大')
    const broken = await upload(api.url, token, Buffer.concat([PNG.subarray(0, 40), Buffer.alloc(40)]))
    expect(broken.status).toBe(400)
    expect(broken.error.code).toBe('validation_failed')
  })
})

const backends = [
  { name: 'local store', supabase: false },
  { name: 'Supabase Storage', supabase: true },
]

describe.each(backends)('avatar_path theft ($name)', ({ supabase }) => {
  const api = withApi()
  let fake: FakeStorage | undefined
  beforeAll(async () => {
    if (!supabase) return
    fake = await startFakeStorage()
    process.env.SUPABASE_URL = fake.url
    process.env.SUPABASE_SERVICE_ROLE_KEY = fake.serviceKey
  })
  afterAll(async () => {
    delete process.env.SUPABASE_URL
    delete process.env.SUPABASE_SERVICE_ROLE_KEY
    await fake?.close()
  })

  async function student(): Promise<{ user: TestUser; token: string }> {
    const user = await makeUser({ role: 'student', schoolId: await makeSchool() })
    return { user, token: await loginAs(api.url, user) }
  }

  it('B cannot point avatar_path at A’s file, and B’s uploads never delete it even if the row held its key', async () => {
    const a = await student()
    const b = await student()
    expect((await upload(api.url, a.token, PNG)).status).toBe(200)
    const aKey = (await avatarPath(a.user.id))!
    expect(isOwnAvatarKey(a.user.id, aKey)).toBe(true)
    expect((await upload(api.url, b.token, PNG)).status).toBe(200)
    const bKey = (await avatarPath(b.user.id))!

    // as B's claims, straight SQL as the Data API would run it: a direct write and the function both refuse
    await expect(
      withUserTx(b.user.claims, (db) =>
        db.query('update public.student_profiles set avatar_path = $1 where user_id = auth.uid()', [aKey]),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' })
    await expect(
      withUserTx(b.user.claims, (db) => db.query('select app.set_avatar($1)', [aKey])),
    ).rejects.toThrow()
    expect(await avatarPath(b.user.id)).toBe(bKey)

    // a row that holds A's key anyway: the database's own-prefix CHECK is the first guard; with it
    // absent (a database not yet migrated, a hand edit), the API is the second and must hold alone
    await withoutOwnPrefixCheck(async () => {
      await getPool().query('update public.student_profiles set avatar_path = $1 where user_id = $2', [
        aKey,
        b.user.id,
      ])
      expect((await profileOf(api.url, b.token)).profile.avatarUrl).toBeNull() // no link to A's file
      expect((await upload(api.url, b.token, PNG)).status).toBe(200)
    })
    expect(await exists(api.url, aKey)).toBe(true) // A's avatar survives B's next upload
    const bNew = (await avatarPath(b.user.id))!
    expect(isOwnAvatarKey(b.user.id, bNew)).toBe(true)
    expect(await exists(api.url, bNew)).toBe(true)
  })

  it('replacing one’s own avatar deletes the old file', async () => {
    const s = await student()
    expect((await upload(api.url, s.token, PNG)).status).toBe(200)
    const first = (await avatarPath(s.user.id))!
    const second = await upload(api.url, s.token, PNG)
    expect(second.status).toBe(200)
    expect(await exists(api.url, first)).toBe(false)
    expect(await exists(api.url, (await avatarPath(s.user.id))!)).toBe(true)
    if (fake)
      expect(
        second.body.avatarUrl.startsWith(`${fake.url}/storage/v1/object/sign/avatars/${s.user.id}/`),
      ).toBe(true)
  })
})
