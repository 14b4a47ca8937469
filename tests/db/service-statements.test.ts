/**
 * serviceStatements (api/_lib/db/tx.ts): each query is one simple-protocol message that sets the
 * service role and runs one statement as one implicit transaction. The values travel as literals,
 * so what matters is that every value arrives exactly as node-pg's parameters would deliver it, that
 * the role does not outlive the statement on the pooled connection, and that errors map as in
 * withServiceTx and leave the connection usable.
 */
import { describe, expect, it } from 'vitest'
import { serviceStatements, withUserTx } from '../../api/_lib/db/tx'
import { AppError } from '../../api/_lib/http/errors'

const db = serviceStatements('test: serviceStatements')

describe('serviceStatements', () => {
  it('runs as service_role with the service claims', async () => {
    const { rows } = await db.query<{ role: string; claims: string }>(
      `select current_user as role, current_setting('request.jwt.claims') as claims`,
    )
    expect(rows).toEqual([{ role: 'service_role', claims: '{"role":"service_role"}' }])
  })

  it.each([
    ['quotes and backslashes', `it's a \\ back'slash\\'`],
    ['Chinese text', '南门 · 入场券'],
    ['an empty string', ''],
    ['a $1 inside a value', 'cost $1 and $2'],
    ['a NUL-free control mix', 'tab\there\nnewline'],
  ])('delivers text exactly: %s', async (_name, value) => {
    const { rows } = await db.query<{ v: string; same: boolean }>('select $1::text as v, $1 = $2 as same', [
      value,
      value,
    ])
    expect(rows[0]).toEqual({ v: value, same: true })
  })

  it('delivers null, numbers, arrays (with quotes and nulls), JSON, dates and bytes', async () => {
    const at = new Date('2026-12-01T08:30:00.123Z')
    const { rows } = await db.query<{
      n: null
      i: number
      a: string[]
      j: unknown
      d: Date
      b: Buffer
    }>(
      'select $1::text as n, $2::int as i, $3::text[] as a, $4::jsonb as j, $5::timestamptz as d, $6::bytea as b',
      [
        null,
        42,
        ['a', 'b"c', 'd\\e', null, '南,门'],
        { gate: "东'门", n: [1, 2] },
        at,
        Buffer.from([0, 1, 254, 255]),
      ],
    )
    expect(rows[0]).toEqual({
      n: null,
      i: 42,
      a: ['a', 'b"c', 'd\\e', null, '南,门'],
      j: { gate: "东'门", n: [1, 2] },
      d: at,
      b: Buffer.from([0, 1, 254, 255]),
    })
  })

  it('refuses a placeholder without a value instead of sending it', async () => {
    await expect(db.query('select $1, $2', ['only one'])).rejects.toThrow(/no value for \$2/)
  })

  it('the role ends with the statement: the pooled connections are plain again', async () => {
    await Promise.all(Array.from({ length: 12 }, () => db.query('select 1')))
    // every pooled connection the user path takes next runs as the caller, not service_role
    const roles = await Promise.all(
      Array.from({ length: 12 }, () =>
        withUserTx(
          null,
          async (tx) => (await tx.query<{ r: string }>('select current_user as r')).rows[0]!.r,
        ),
      ),
    )
    expect(new Set(roles)).toEqual(new Set(['anon']))
  })

  it('maps errors as withServiceTx does, and the connection stays usable', async () => {
    const err = await db.query("select 'x'::int").catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'validation_failed', status: 400 })
    const after = await db.query<{ one: number }>('select 1 as one')
    expect(after.rows).toEqual([{ one: 1 }])
  })
})
