/**
 * The request path every feature copies (issue 9 items 13 and 14): errors carry machine-readable
 * `details`, and every answer is parsed with its method's response schema before it leaves.
 */
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppError, toHttpError } from '../../api/_lib/http/errors'
import { RosterImportResult } from '../../src/contracts/roster'
import { call, callParsed, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'

const probes = withApi({ apiDir: path.join(import.meta.dirname, 'probe-routes') })
const api = withApi()

/** Error log lines written while `fn` runs (logs are JSON lines on stderr). */
async function errorLines(fn: () => Promise<void>): Promise<Array<Record<string, unknown>>> {
  const lines: string[] = []
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk))
    return true
  })
  try {
    await fn()
  } finally {
    spy.mockRestore()
  }
  return lines.flatMap((l) => l.split('\n').filter(Boolean)).map((l) => JSON.parse(l))
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('errors carry details', () => {
  it('a 4xx answer passes the error details through to the client', async () => {
    const school = await makeSchool()
    const staff = await makeUser({ role: 'school_staff', schoolId: school })
    const token = await loginAs(api.url, staff)
    // a header without the ID-number and name columns
    const r = await callParsed(RosterImportResult, api.url, `/api/roster/import?schoolId=${school}`, {
      token,
      headers: { 'content-type': 'text/csv' },
      body: '学号,学院\n2023000001,计算机学院\n',
    })
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('validation_failed')
    expect(r.error.details?.missing).toEqual(expect.arrayContaining(['name', 'idCard']))
  })

  it('a 5xx answer keeps its details (upstream bodies, config names) in the log, not in the body', () => {
    const { status, body } = toHttpError(
      new AppError('upstream_unavailable', undefined, { details: { missing: 'WECHAT_SECRET' } }),
    )
    expect(status).toBe(503)
    expect(body.error).toEqual({ code: 'upstream_unavailable', message: expect.any(String) })
    const four = toHttpError(
      new AppError('rate_limited', undefined, { details: { retry_after_seconds: 60 } }),
    )
    expect(four.body.error.details).toEqual({ retry_after_seconds: 60 })
  })
})

describe('responses are parsed with their schema', () => {
  it('a handler result of the wrong shape is a logged 500, and the bad body never leaves', async () => {
    let r: Awaited<ReturnType<typeof call>> | undefined
    const logged = await errorLines(async () => {
      r = await call(probes.url, '/api/wrong-shape')
    })
    expect(r!.status).toBe(500)
    expect(r!.body).toEqual({ error: { code: 'internal', message: '服务器开小差了，请稍后再试' } })
    expect(JSON.stringify(r!.body)).not.toContain('110101199003070011')
    const line = logged.find((l) => l.msg === 'request failed')
    expect(line).toMatchObject({ level: 'error', method: 'GET', path: '/api/wrong-shape' })
    expect(line!.details).toEqual({ responseIssues: [{ path: ['count'], code: 'invalid_type' }] })
    // the log names the fault, never the values
    expect(JSON.stringify(logged)).not.toContain('110101199003070011')
  })

  it('fields the contract does not name are stripped (an allow-list stops a column leaking)', async () => {
    const r = await call(probes.url, '/api/leaky')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ id: 'a1', name: '张三' })
  })

  it('a raw method (a download) sends its own answer untouched', async () => {
    const r = await call(api.url, '/api/roster/template')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toContain('text/csv')
    expect(String(r.body)).toContain('学号')
  })
})

describe('bodies', () => {
  it('a POST with no body and no content type validates as an empty object, as the client never sends', async () => {
    const student = await makeUser({ role: 'student' })
    const token = await loginAs(api.url, student)
    // Vercel hands such a body over as undefined or ''; the unbind route's fields are all optional
    const res = await fetch(`${api.url}/api/binding/unbind`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    })
    const body = (await res.json()) as { error: { code: string } }
    expect(res.status).toBe(404)
    expect(body.error.code).toBe('not_found')
  })
})
