/**
 * The dev server's request bodies are Vercel's: `@vercel/node`'s helpers (`getBodyParser`,
 * `addHelpers`, `restoreBody` in its `dev-server.mjs`; the same code runs in production) are not
 * exported, so their behaviour is stated here as a table. They parse `req.body` for four types only
 * and leave it `undefined` for every other (multipart, CSV, XLSX, images); whatever the type, the
 * raw bytes stay readable from the request stream.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { withApi } from '../support/api'

const probes = withApi({ apiDir: path.join(import.meta.dirname, 'body-probes') })

interface Case {
  name: string
  method?: 'GET' | 'POST'
  type?: string
  sent: string
  /** what `req.body` is on Vercel */
  kind: 'object' | 'string' | 'buffer' | 'undefined' | 'throws'
  value?: unknown
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

// Vercel's getBodyParser, case by case (the type is normalised by the `content-type` package first)
const cases: Case[] = [
  // no content-type: the body is never read, `req.body` is '' whatever was sent
  { name: 'no content-type', sent: 'a=1', kind: 'string', value: '' },
  {
    name: 'application/json',
    type: 'application/json',
    sent: '{"a":1,"b":"二"}',
    kind: 'object',
    value: { a: 1, b: '二' },
  },
  {
    name: 'JSON with parameters and capitals',
    type: 'Application/JSON; charset=utf-8',
    sent: '{"a":1}',
    kind: 'object',
    value: { a: 1 },
  },
  { name: 'empty JSON body', type: 'application/json', sent: '', kind: 'object', value: {} },
  {
    name: 'GET with a JSON type (no body is read for GET)',
    method: 'GET',
    type: 'application/json',
    sent: '',
    kind: 'object',
    value: {},
  },
  { name: 'malformed JSON (the getter throws)', type: 'application/json', sent: '{bad', kind: 'throws' },
  {
    name: 'a +json type is not JSON to Vercel',
    type: 'application/problem+json',
    sent: '{"a":1}',
    kind: 'undefined',
  },
  {
    name: 'application/octet-stream',
    type: 'application/octet-stream',
    sent: 'raw\u0000bytes',
    kind: 'buffer',
    value: Buffer.from('raw\u0000bytes').toString('base64'),
  },
  {
    name: 'form-urlencoded (querystring: repeated keys are arrays)',
    type: 'application/x-www-form-urlencoded',
    sent: 'a=1&a=2&b=%E4%BA%8C',
    kind: 'object',
    value: { a: ['1', '2'], b: '二' },
  },
  {
    name: 'text/plain',
    type: 'text/plain; charset=utf-8',
    sent: '学号,姓名',
    kind: 'string',
    value: '学号,姓名',
  },
  { name: 'text/csv', type: 'text/csv; charset=utf-8', sent: '学号,姓名', kind: 'undefined' },
  { name: 'multipart/form-data', type: 'multipart/form-data; boundary=x', sent: '--x--', kind: 'undefined' },
  { name: 'XLSX', type: XLSX, sent: 'PK\u0003\u0004', kind: 'undefined' },
  { name: 'image/png', type: 'image/png', sent: '\u0089PNG', kind: 'undefined' },
  {
    name: 'a content-type that is not one (the getter throws)',
    type: 'not a type',
    sent: 'x',
    kind: 'throws',
  },
]

describe('request bodies as Vercel delivers them', () => {
  it.each(cases)('$name', async (c) => {
    const sent = Buffer.from(c.sent)
    const res = await fetch(`${probes.url}/api/echo`, {
      method: c.method ?? 'POST',
      headers: c.type ? { 'content-type': c.type } : {},
      // bytes, so fetch adds no content-type of its own
      body: c.method === 'GET' ? undefined : new Uint8Array(sent),
    })
    expect(res.status).toBe(200)
    const seen = (await res.json()) as { kind: string; value: unknown; streamed: string | null }
    expect(seen.kind).toBe(c.kind)
    if (c.kind !== 'throws' && c.kind !== 'undefined') expect(seen.value).toEqual(c.value)
    // the raw bytes stay readable from the request, as Vercel restores them after reading
    expect(seen.streamed, 'the request stream never ended').not.toBeNull()
    expect(Buffer.from(seen.streamed!, 'base64').equals(sent)).toBe(true)
  })
})
