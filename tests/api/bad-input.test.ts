/**
 * Hostile or broken requests (issue 9 item 10): each is the client's fault, so each gets a 4xx with
 * a machine-readable code and a Chinese message, never a 500. Sent with `http.request`, which keeps
 * the path byte for byte (fetch would normalise `%` and friends away).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ErrorBody } from '../../src/contracts/errors'
import { withApi } from '../support/api'
import { loginAs, makeSchool, makeStudent, makeUser } from '../support/fixtures'

interface RawAnswer {
  status: number
  text: string
}

function send(
  base: string,
  req: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: hostname, port, method: req.method ?? 'GET', path: req.path, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }))
        res.on('error', reject)
      },
    )
    r.on('error', reject)
    r.end(req.body)
  })
}

const UUID0 = '00000000-0000-0000-0000-000000000000'

describe('bad input never answers 5xx', () => {
  const api = withApi()
  // the H5 client is served from the same origin in `npm start`: its paths must survive too
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'jiuye-static-'))
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>')
  const site = withApi({ staticDir })
  const tokens = { student: '', staff: '' }

  beforeAll(async () => {
    const school = await makeSchool()
    tokens.student = await loginAs(api.url, await makeStudent(school))
    tokens.staff = await loginAs(api.url, await makeUser({ role: 'school_staff', schoolId: school }))
  })

  const auth = (who: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[who]}` })
  const json = { 'content-type': 'application/json' }
  const cases: Array<{
    name: string
    site?: boolean
    req: () => { method?: string; path: string; headers?: Record<string, string>; body?: string }
  }> = [
    { name: 'GET /api/%', req: () => ({ path: '/api/%' }) },
    { name: 'GET /api/%E0%A4%A', req: () => ({ path: '/api/%E0%A4%A' }) },
    { name: 'GET /api/storage/%E0%A4%A', req: () => ({ path: '/api/storage/%E0%A4%A?exp=1&sig=x' }) },
    { name: 'GET //[ (not a URL)', req: () => ({ path: '//[' }) },
    { name: 'GET /% (static site)', site: true, req: () => ({ path: '/%' }) },
    { name: 'GET /%E0%A4%A (static site)', site: true, req: () => ({ path: '/%E0%A4%A' }) },
    {
      name: 'Cookie: a=%',
      req: () => ({ path: '/api/messages', headers: { cookie: 'a=%; b=%E0%A4%A' } }),
    },
    {
      name: 'message cursor with a date Postgres cannot read (22007)',
      req: () => ({
        path: `/api/messages?before=${encodeURIComponent(`1|${UUID0}`)}`,
        headers: auth('student'),
      }),
    },
    {
      name: 'message cursor with zeros for an id (22P02)',
      req: () => ({
        path: `/api/messages?before=${encodeURIComponent(`1|${'0'.repeat(36)}`)}`,
        headers: auth('student'),
      }),
    },
    {
      name: 'message cursor with a year out of range (22008)',
      req: () => ({
        path: `/api/messages?before=${encodeURIComponent(`+275760-09-13T00:00:00Z|${UUID0}`)}`,
        headers: auth('student'),
      }),
    },
    {
      name: 'login whose body contains \\u0000',
      req: () => ({
        method: 'POST',
        path: '/api/auth/login',
        headers: json,
        body: '{"login":"admin\\u0000","password":"x\\u0000y"}',
      }),
    },
    {
      name: 'avatar: multipart without a boundary',
      req: () => ({
        method: 'POST',
        path: '/api/me/avatar',
        headers: { ...auth('student'), 'content-type': 'multipart/form-data' },
        body: 'hello',
      }),
    },
    {
      name: 'avatar: malformed JSON',
      req: () => ({
        method: 'POST',
        path: '/api/me/avatar',
        headers: { ...auth('student'), ...json },
        body: '{bad',
      }),
    },
    {
      name: 'avatar: JSON instead of multipart',
      req: () => ({
        method: 'POST',
        path: '/api/me/avatar',
        headers: { ...auth('student'), ...json },
        body: '{}',
      }),
    },
    {
      name: 'roster import: multipart without a boundary',
      req: () => ({
        method: 'POST',
        path: '/api/roster/import',
        headers: { ...auth('staff'), 'content-type': 'multipart/form-data; charset=utf-8' },
        body: 'hello',
      }),
    },
    {
      name: 'roster import: multipart with a boundary that never appears',
      req: () => ({
        method: 'POST',
        path: '/api/roster/import',
        headers: { ...auth('staff'), 'content-type': 'multipart/form-data; boundary=zzz' },
        body: 'hello',
      }),
    },
    {
      name: 'roster import: malformed JSON',
      req: () => ({
        method: 'POST',
        path: '/api/roster/import',
        headers: { ...auth('staff'), ...json },
        body: '{"a":',
      }),
    },
    {
      name: 'roster import: JSON instead of a file',
      req: () => ({
        method: 'POST',
        path: '/api/roster/import',
        headers: { ...auth('staff'), ...json },
        body: '{"a":1}',
      }),
    },
  ]

  it.each(cases)('$name → 4xx with { error: { code, message } }', async (c) => {
    const res = await send(c.site ? site.url : api.url, c.req())
    expect(res.status, res.text).toBeGreaterThanOrEqual(400)
    expect(res.status, res.text).toBeLessThan(500)
    const { error } = ErrorBody.parse(JSON.parse(res.text))
    expect(error.code).toMatch(/^[a-z_]+$/)
    expect(error.message).toMatch(/[\u4e00-\u9fff]/)
  })
})
