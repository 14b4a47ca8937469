/**
 * No network inside a transaction: with Supabase Storage, signing the avatar URL is an HTTP call,
 * so the profile answers sign it after their transaction has ended. Signing is made slow in the
 * fake Storage server, and the pool is looked at while it waits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getPool } from '../../api/_lib/db/pool'
import { ProfileResponse } from '../../src/contracts/profile'
import { type FakeStorage, startFakeStorage } from '../fakes/supabase-storage'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { uploadAvatar } from './upload'

describe('avatar URLs are signed outside the transaction (Supabase Storage)', () => {
  const api = withApi()
  let fake: FakeStorage
  let token: string
  /** connections checked out of the pool each time the fake was asked to sign */
  let heldWhileSigning: number[] = []

  beforeAll(async () => {
    fake = await startFakeStorage()
    process.env.SUPABASE_URL = fake.url
    process.env.SUPABASE_SERVICE_ROLE_KEY = fake.serviceKey
    fake.beforeSign = async () => {
      const pool = getPool()
      heldWhileSigning.push(pool.totalCount - pool.idleCount)
      await new Promise((r) => setTimeout(r, 200)) // a slow Storage
    }
    token = await loginAs(api.url, await makeUser({ role: 'student', schoolId: await makeSchool() }))
    const up = await uploadAvatar(api.url, token)
    expect(up.status).toBe(200)
    expect(up.body.avatarUrl.startsWith(`${fake.url}/storage/v1/object/sign/avatars/`)).toBe(true)
    expect(heldWhileSigning).toEqual([0]) // the upload signs after its transactions too
  })
  afterAll(async () => {
    delete process.env.SUPABASE_URL
    delete process.env.SUPABASE_SERVICE_ROLE_KEY
    await fake.close()
  })

  it.each([
    { name: 'GET /api/me/profile', method: 'GET', path: '/api/me/profile', body: undefined },
    { name: 'PUT /api/me/profile', method: 'PUT', path: '/api/me/profile', body: { hometown: '北京市' } },
    { name: 'PUT /api/me/privacy', method: 'PUT', path: '/api/me/privacy', body: { phoneVisible: true } },
  ])('$name signs the avatar with no connection checked out', async ({ method, path, body }) => {
    heldWhileSigning = []
    const r = await callParsed(ProfileResponse, api.url, path, { method, token, body })
    expect(r.status).toBe(200)
    expect(r.body.profile.avatarUrl?.startsWith(`${fake.url}/storage/v1/object/sign/avatars/`)).toBe(true)
    expect(heldWhileSigning).toEqual([0])
  })
})
