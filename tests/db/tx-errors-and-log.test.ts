/**
 * The transaction helpers against the real database: every data exception (SQLSTATE class 22) is
 * the input's fault and becomes a 400 `validation_failed`, and `withServiceTx` leaves one
 * structured log line naming its reason (issue 9 items 10 and 15).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { withServiceTx, withUserTx } from '../../api/_lib/db/tx'
import { AppError } from '../../api/_lib/http/errors'

describe('Postgres data exceptions are 400s', () => {
  it.each([
    ['22021 text with NUL', "select $1::text || ''", ['a\u0000b']],
    ['22007 a date Postgres cannot read', 'select $1::timestamptz', ['1']],
    ['22008 a date out of range', 'select $1::timestamptz', ['+275760-09-13T00:00:00Z']],
    ['22003 a number out of range', 'select $1::int', ['99999999999']],
    ['22012 division by zero', 'select 1 / $1::int', ['0']],
    ['22P02 malformed uuid', 'select $1::uuid', ['0'.repeat(36)]],
  ])('%s', async (_name, sql, params) => {
    const err = await withUserTx(null, (db) => db.query(sql, params)).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'validation_failed', status: 400 })
    expect((err as AppError).message).toMatch(/^提交的内容有误/)
  })

  it('errors outside class 22 keep their own mapping, unknown ones stay unmapped', async () => {
    const missing = await withUserTx(null, (db) => db.query('select * from public.no_such_table')).catch(
      (e: unknown) => e,
    )
    expect(missing).not.toBeInstanceOf(AppError)
    expect((missing as { code?: string }).code).toBe('42P01')
  })
})

describe('withServiceTx', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllEnvs()
  })

  function captureLog(): () => Record<string, unknown>[] {
    vi.stubEnv('LOG_LEVEL', 'info')
    const lines: string[] = []
    const real = process.stdout.write.bind(process.stdout)
    vi.spyOn(process.stdout, 'write').mockImplementation(((
      chunk: string | Uint8Array,
      ...rest: unknown[]
    ) => {
      lines.push(String(chunk))
      return (real as (...a: unknown[]) => boolean)(chunk, ...rest)
    }) as typeof process.stdout.write)
    return () =>
      lines
        .flatMap((l) => l.split('\n'))
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
  }

  it('logs its reason, the outcome and the time, as one JSON line', async () => {
    const read = captureLog()
    await withServiceTx('audit: nightly cleanup', (db) => db.query('select 1'))
    await withServiceTx('audit: failing job', (db) => db.query('select 1 / 0')).catch(() => undefined)
    const lines = read().filter((l) => l.msg === 'service transaction')
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        reason: 'audit: nightly cleanup',
        outcome: 'commit',
        ms: expect.any(Number),
      }),
      expect.objectContaining({ level: 'info', reason: 'audit: failing job', outcome: 'rollback' }),
    ])
  })
})
