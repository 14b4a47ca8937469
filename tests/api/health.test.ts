import { describe, expect, it } from 'vitest'
import { closePool } from '../../api/_lib/db/pool'
import { listMigrations } from '../../scripts/db/migrate'
import { HealthResponse } from '../../src/contracts/health'
import { call, callParsed, withApi } from '../support/api'

describe('GET /api/health', () => {
  const api = withApi()

  it('reports the database reachable and the latest migration applied', async () => {
    const r = await callParsed(HealthResponse, api.url, '/api/health')
    expect(r.status).toBe(200)
    expect(r.headers.get('cache-control')).toBe('no-store')
    const latest = listMigrations().at(-1)!.version
    expect(r.body).toMatchObject({ status: 'ok', db: { reachable: true, migrationVersion: latest } })
    expect(typeof r.body.db.latencyMs).toBe('number')
  })

  it('answers 503 degraded when the database is unreachable', async () => {
    const saved = process.env.DATABASE_URL
    await closePool()
    process.env.DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:1/none'
    try {
      // a degraded health answer is a 503 with the health body, not an error body
      const r = await call(api.url, '/api/health')
      expect(r.status).toBe(503)
      expect(HealthResponse.parse(r.body)).toMatchObject({
        status: 'degraded',
        db: { reachable: false, migrationVersion: null },
      })
    } finally {
      await closePool()
      process.env.DATABASE_URL = saved
    }
    expect((await callParsed(HealthResponse, api.url, '/api/health')).status).toBe(200)
  })

  it('refuses other methods with 405 and an Allow header', async () => {
    const r = await callParsed(HealthResponse, api.url, '/api/health', { method: 'DELETE' })
    expect(r.status).toBe(405)
    expect(r.headers.get('allow')).toBe('GET')
    expect(r.error.code).toBe('method_not_allowed')
  })
})
