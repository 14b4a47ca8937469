/**
 * A roster import reads and validates its file (seconds for a big XLSX) with no pooled connection
 * checked out: on Vercel a function has two (PG_POOL_MAX=2), and a connection held through a parse
 * starves every other request of that instance. Observed with the pool's own `acquire`/`release`
 * events, over real HTTP.
 */
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closePool, getPool } from '../../api/_lib/db/pool'
import { MeResponse } from '../../src/contracts/me'
import { RosterImportResult } from '../../src/contracts/roster'
import { callParsed, parseAnswer, withApi } from '../support/api'
import { loginAs, makeSchool, makeUser } from '../support/fixtures'
import { cells, HEADER, row } from './support'
import { inlineRow, sheetOf, xlsxParts, zip } from './xlsx-builder'

const api = withApi()
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const ROWS = 30_000

/** A big sheet (about a second to read) whose rows all fail validation but the last few. */
function bigSheet(valid: number): Buffer {
  const rows = [inlineRow(1, HEADER)]
  for (let r = 2; r <= ROWS + 1; r++) {
    // a wrong check digit: the row is read and validated in full, then rejected
    const x = r > ROWS + 1 - valid ? row() : row({ idCard: '110101200403150010' })
    rows.push(inlineRow(r, cells(x)))
  }
  return zip(xlsxParts(sheetOf(rows)))
}

/** Each checkout of a pool connection while `during` runs: [acquired, released] in ms. */
async function holdsDuring<T>(pool: pg.Pool, during: () => Promise<T>) {
  const holds: Array<{ from: number; to?: number }> = []
  const open = new Map<pg.PoolClient, { from: number; to?: number }>()
  const onAcquire = (c: pg.PoolClient) => {
    const h = { from: performance.now() }
    holds.push(h)
    open.set(c, h)
  }
  const onRelease = (_err: Error | undefined, c: pg.PoolClient) => {
    const h = open.get(c)
    if (h) h.to = performance.now()
    open.delete(c)
  }
  pool.on('acquire', onAcquire)
  pool.on('release', onRelease)
  const started = performance.now()
  try {
    const result = await during()
    return { result, holds, ms: performance.now() - started }
  } finally {
    pool.off('acquire', onAcquire)
    pool.off('release', onRelease)
  }
}

function upload(token: string, file: Buffer) {
  return fetch(`${api.url}/api/roster/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': XLSX_TYPE },
    body: new Uint8Array(file),
  }).then(async (res) =>
    parseAnswer(RosterImportResult, { status: res.status, body: await res.json(), headers: res.headers }),
  )
}

describe('roster import holds no connection while it reads the file', () => {
  let token: string
  beforeAll(async () => {
    token = await loginAs(api.url, await makeUser({ role: 'school_staff', schoolId: await makeSchool() }))
  })

  it('checks connections out only for short transactions, never across the parse', async () => {
    const file = bigSheet(5)
    const { result, holds, ms } = await holdsDuring(getPool(), () => upload(token, file))
    expect(result.status).toBe(200)
    expect(result.body).toMatchObject({ total: ROWS, inserted: 5, rejectedCount: ROWS - 5 })
    expect(holds.length).toBeGreaterThan(0) // the pool observed is the one the API uses
    const longest = Math.max(...holds.map((h) => (h.to ?? performance.now()) - h.from))
    // before the fix one connection was held for the whole import (≈ ms); now only the scope
    // check and the write of five rows hold one
    expect(longest, `longest hold ${Math.round(longest)} ms of a ${Math.round(ms)} ms import`).toBeLessThan(
      ms / 4,
    )
  })

  describe('with PG_POOL_MAX=1', () => {
    const saved = process.env.PG_POOL_MAX
    beforeAll(async () => {
      await closePool()
      process.env.PG_POOL_MAX = '1'
    })
    afterAll(async () => {
      if (saved === undefined) delete process.env.PG_POOL_MAX
      else process.env.PG_POOL_MAX = saved
      await closePool()
    })

    it('another request is answered while a large import is being read', async () => {
      const file = bigSheet(0)
      const pool = getPool()
      expect(pool.options.max).toBe(1)
      // the import's first checkout (its scope check) tells that it has started
      const started = new Promise<void>((resolve) => pool.once('acquire', () => resolve()))
      let importDone = 0
      const importing = upload(token, file).then((r) => {
        importDone = performance.now()
        return r
      })
      await started
      await new Promise((r) => setTimeout(r, 100))
      const other = await callParsed(MeResponse, api.url, '/api/me', { token })
      const otherDone = performance.now()
      expect(other.status).toBe(200)
      const imported = await importing
      expect(imported.status).toBe(200)
      expect(imported.body.rejectedCount).toBe(ROWS)
      // before the fix /api/me waited for the import's one connection, until the import ended
      expect(importDone, 'the import ended before /api/me was answered').toBeGreaterThan(otherDone)
    })
  })
})
