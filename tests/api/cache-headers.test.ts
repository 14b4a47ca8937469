import { describe, expect, it } from 'vitest'
import { SchoolListResponse } from '../../src/contracts/binding'
import { EventListResponse } from '../../src/contracts/events'
import { call, callParsed, withApi } from '../support/api'
import { loginAs, makeStudent } from '../support/fixtures'

const api = withApi()

describe('cache headers (anonymous listings may be cached by others, nothing else)', () => {
  it('the school directory and the event list, asked anonymously, are publicly cacheable and vary by token', async () => {
    for (const [path, schema] of [
      ['/api/schools', SchoolListResponse],
      ['/api/events', EventListResponse],
    ] as const) {
      const res = await callParsed(schema, api.url, path)
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/)
      expect(res.headers.get('vary')).toMatch(/authorization/i)
    }
  })

  it('the same listing asked with a token, and any signed-in answer, is private and not stored', async () => {
    const accessToken = await loginAs(api.url, await makeStudent())
    const schools = await call(api.url, '/api/schools', { token: accessToken })
    expect(schools.status).toBe(200)
    expect(schools.headers.get('cache-control')).toBe('private, no-store')
    const me = await call(api.url, '/api/me', { token: accessToken })
    expect(me.headers.get('cache-control')).toBe('private, no-store')
  })

  it('a handler that sets its own cache-control keeps it', async () => {
    const health = await call(api.url, '/api/health')
    expect(health.headers.get('cache-control')).toBe('no-store')
  })
})
