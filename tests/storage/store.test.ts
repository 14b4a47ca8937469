/**
 * The ObjectStore contract, run against both backends over real HTTP: the local stand-in (served by
 * our API) and Supabase Storage through supabase-js (against the fake Storage server).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localStore } from '../../api/_lib/storage/local'
import type { ObjectStore } from '../../api/_lib/storage/store'
import { supabaseStore } from '../../api/_lib/storage/supabase'
import { type FakeStorage, startFakeStorage } from '../fakes/supabase-storage'
import { withApi } from '../support/api'

const api = withApi()
let fake: FakeStorage
beforeAll(async () => {
  fake = await startFakeStorage()
})
afterAll(() => fake.close())

const backends: Array<{ name: string; store: () => ObjectStore; abs: (url: string) => string }> = [
  { name: 'local stand-in', store: () => localStore, abs: (u) => (u.startsWith('/') ? api.url + u : u) },
  {
    name: 'Supabase Storage (supabase-js)',
    store: () => supabaseStore(fake.url, fake.serviceKey),
    abs: (u) => u,
  },
]

const key = () => `${randomUUID()}/${randomUUID()}.png`
const bytes = (s: string) => Buffer.from(s)

describe.each(backends)('ObjectStore: $name', ({ store, abs }) => {
  it('stores an object, signs a URL that reads it with its type and nosniff, and removes it', async () => {
    const k = key()
    await store().put('avatars', k, bytes('first'), 'image/png')
    const url = abs(await store().signedUrl('avatars', k, 60))
    const res = await fetch(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).toBe('first')
    await store().put('avatars', k, bytes('second'), 'image/png')
    expect(await (await fetch(abs(await store().signedUrl('avatars', k, 60)))).text()).toBe('second')
    await store().remove('avatars', k)
    expect((await fetch(url)).ok).toBe(false)
    await store().remove('avatars', k) // removing a missing object is not an error
  })

  it('hands out a signed upload URL a client PUTs to without our key, once, and not with a forged token', async () => {
    const k = key()
    const { url } = await store().signedUploadUrl('avatars', k)
    const put = (target: string, body: string) =>
      fetch(abs(target), { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body })
    expect((await put(url.replace(/(token|sig)=[^&]+/, '$1=forged'), 'evil')).ok).toBe(false)
    const first = await put(url, 'uploaded')
    expect(first.status).toBe(200)
    const read = await fetch(abs(await store().signedUrl('avatars', k, 60)))
    expect(read.headers.get('content-type')).toBe('image/jpeg')
    expect(await read.text()).toBe('uploaded')
    // the URL is for a free key: a second PUT does not replace what the first wrote
    expect((await put(url, 'replaced')).ok).toBe(false)
    expect(await (await fetch(abs(await store().signedUrl('avatars', k, 60)))).text()).toBe('uploaded')
    await store().remove('avatars', k)
  })

  it('refuses keys that are not ours before any request', async () => {
    for (const bad of ['../etc/passwd', 'a//b', '/abs', 'a/b?c', 'a/../../b']) {
      await expect(store().put('avatars', bad, bytes('x'), 'image/png')).rejects.toThrow(
        /invalid storage key/,
      )
      await expect(store().signedUrl('avatars', bad, 60)).rejects.toThrow(/invalid storage key/)
      await expect(store().remove('avatars', bad)).rejects.toThrow(/invalid storage key/)
    }
  })
})

describe('Supabase backend: calls as supabase-js makes them', () => {
  it('sends the client header, the project key as apikey and as bearer, on the Storage API paths', async () => {
    const from = fake.requests.length
    const k = key()
    const s = supabaseStore(fake.url, fake.serviceKey)
    await s.put('avatars', k, bytes('x'), 'image/png')
    await s.signedUrl('avatars', k, 60)
    await s.signedUploadUrl('avatars', key())
    await s.remove('avatars', k)
    const sent = fake.requests.slice(from)
    expect(sent.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, 'ID')}`)).toEqual([
      'POST /storage/v1/object/avatars/ID/ID.png',
      'POST /storage/v1/object/sign/avatars/ID/ID.png',
      'POST /storage/v1/object/upload/sign/avatars/ID/ID.png',
      'DELETE /storage/v1/object/avatars',
    ])
    for (const r of sent) {
      expect(r.headers['x-client-info']).toMatch(/^supabase-js\//)
      expect(r.headers.apikey).toBe(fake.serviceKey)
      expect(r.headers.authorization).toBe(`Bearer ${fake.serviceKey}`)
    }
  })

  it('turns a Storage refusal into upstream_unavailable (503), not a crash', async () => {
    const wrongKey = supabaseStore(fake.url, 'not-the-key')
    await expect(wrongKey.put('avatars', key(), bytes('x'), 'image/png')).rejects.toMatchObject({
      code: 'upstream_unavailable',
      status: 503,
    })
    const gone = supabaseStore('http://127.0.0.1:1', fake.serviceKey)
    await expect(gone.signedUrl('avatars', key(), 60)).rejects.toMatchObject({ code: 'upstream_unavailable' })
  })
})
