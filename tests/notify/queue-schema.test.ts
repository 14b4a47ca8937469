/**
 * The pg-boss schema is a migration (the API never lets pg-boss migrate at run time): the pinned
 * SQL must be exactly what the installed pg-boss builds, and the database must hold the schema
 * version that library expects — so upgrading pg-boss without a migration fails here. The queue
 * is service-only.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { withServiceTx, withUserTx } from '../../api/_lib/db/tx'
import { pgbossConstructionSql } from '../../scripts/db/pgboss-schema'
import { makeStudent } from '../support/fixtures'

const MIGRATION = path.join(__dirname, '../../supabase/migrations/20261201000900_delivery.sql')

describe('the queue schema', () => {
  it('the migration pins the installed pg-boss construction SQL, byte for byte', () => {
    const sql = readFileSync(MIGRATION, 'utf8')
    const pinned = /execute \$pgboss\$\n([\s\S]*?)\n {4}\$pgboss\$;/.exec(sql)?.[1]
    expect(pinned).toBe(pgbossConstructionSql())
  })

  it('the database holds the schema version of the installed pg-boss, and the send queue', async () => {
    const expected = Number(
      /INSERT INTO pgboss\.version\(version\) VALUES \('(\d+)'\)/.exec(pgbossConstructionSql())?.[1],
    )
    const rows = await withServiceTx('test check', async (db) => {
      const v = await db.query<{ version: number }>('select version from pgboss.version')
      const q = await db.query<{ name: string; retry_backoff: boolean }>(
        'select name, retry_backoff from pgboss.queue',
      )
      return { v: v.rows, q: q.rows }
    })
    expect(rows.v).toEqual([{ version: expected }])
    expect(rows.q).toContainEqual({ name: 'wechat-send', retry_backoff: true })
  })

  it('a signed-in user can neither read nor write the queue, nor call the sender’s functions', async () => {
    const s = await makeStudent()
    for (const sql of [
      'select count(*) from pgboss.job',
      "insert into pgboss.job (name, data) values ('wechat-send', '{}')",
      "select pgboss.create_queue('x', '{}')",
      "select app.begin_delivery('00000000-0000-4000-8000-000000000000')",
      "select app.finish_deliveries('[]')",
      'select app.expire_send_claims()',
    ]) {
      await expect(
        withUserTx(s.claims, (db) => db.query(sql)),
        sql,
      ).rejects.toMatchObject({ code: 'forbidden' })
    }
  })
})
