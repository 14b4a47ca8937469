import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildRoutes, matchRoute } from '../../scripts/devserver/router'
import { TokenResponse } from '../../src/contracts/auth'
import { EventListResponse } from '../../src/contracts/events'
import { HealthResponse } from '../../src/contracts/health'
import { MarkReadResponse } from '../../src/contracts/messages'
import { call, callParsed, errorOf, withApi } from '../support/api'

describe('routing like Vercel', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jiuye-routes-'))
  for (const f of [
    'index.ts',
    'a.ts',
    'a/[id].ts',
    'a/[id]/b.ts',
    'a/new.ts',
    'files/[...path].ts',
    '_lib/x.ts',
  ]) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true })
    writeFileSync(path.join(dir, f), 'export default () => {}')
  }
  const routes = buildRoutes(dir)

  it('skips _-prefixed folders and ranks static before dynamic', () => {
    expect(routes.map((r) => r.pattern)).not.toContain('/api/_lib/x')
    expect(matchRoute(routes, '/api/a/new')?.route.pattern).toBe('/api/a/new')
    expect(matchRoute(routes, '/api/a/42')).toMatchObject({
      route: { pattern: '/api/a/[id]' },
      params: { id: '42' },
    })
    expect(matchRoute(routes, '/api/a/42/b')?.params).toEqual({ id: '42' })
    expect(matchRoute(routes, '/api/files/x/y.pdf')?.params).toEqual({ path: ['x', 'y.pdf'] })
    expect(matchRoute(routes, '/api')?.route.pattern).toBe('/api')
    expect(matchRoute(routes, '/api/a/42/c')).toBeNull()
  })
})

describe('dev server request handling', () => {
  const api = withApi()

  it('unknown API paths give a JSON 404', async () => {
    const r = await call(api.url, '/api/nope')
    expect(r.status).toBe(404)
    expect(errorOf(r).code).toBe('not_found')
  })

  it('bodies over Vercel’s 4.5 MB limit are refused with 413', async () => {
    const big = JSON.stringify({ login: 'x'.repeat(5 * 1024 * 1024), password: 'y' })
    const r = await callParsed(TokenResponse, api.url, '/api/auth/login', { body: big })
    expect(r.status).toBe(413)
    expect(r.error.code).toBe('payload_too_large')
  })

  it('validates query strings with the route’s schema and answers in Chinese', async () => {
    const r = await callParsed(EventListResponse, api.url, '/api/events?kind=party')
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('validation_failed')
    expect(r.error.fields?.kind).toMatch(/[\u4e00-\u9fff]/)
  })

  it('path parameters reach the handler and are validated', async () => {
    const r = await callParsed(MarkReadResponse, api.url, '/api/messages/not-a-uuid/read', {
      method: 'POST',
      token: undefined,
    })
    expect(r.status).toBe(401)
  })

  it('every answer carries a request id', async () => {
    const r = await callParsed(HealthResponse, api.url, '/api/health')
    expect(r.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/)
  })
})
