/**
 * The binding limits, as straight SQL with each student's claims (what the Data API would run):
 * per student, per (record, client address), and one ceiling per record for all addresses.
 */
import { describe, expect, it } from 'vitest'
import { withUserTx } from '../../api/_lib/db/tx'
import { hashIdCard } from '../../api/_lib/identity/secrets'
import { BindOutcome } from '../../src/contracts/binding'
import { makeSchool, makeUser, type TestUser } from '../support/fixtures'
import { makeIdCard, makeRosterEntry, type RosterFixture } from '../support/roster-fixtures'

async function bind(u: TestUser, e: RosterFixture, o: { name?: string; idCard?: string; client: string }) {
  return withUserTx(u.claims, async (db) => {
    const { rows } = await db.query<{ r: unknown }>(
      'select app.bind_roster($1, $2, $3, $4, null, null, $5) as r',
      [e.schoolId, e.studentNumber, o.name ?? e.name, hashIdCard(o.idCard ?? e.idCard), o.client],
    )
    return BindOutcome.parse(rows[0]!.r)
  })
}

const students = (n: number) => Promise.all(Array.from({ length: n }, () => makeUser({ role: 'student' })))

describe('binding limits', () => {
  it('10 ID-number failures on a record from one address lock that address, not others', async () => {
    const e = await makeRosterEntry(await makeSchool())
    const [s1, s2, owner] = await students(3)
    for (let i = 0; i < 10; i++) {
      const r = await bind(i < 5 ? s1! : s2!, e, { idCard: makeIdCard(), client: '203.0.113.9' })
      expect(r).toMatchObject({ outcome: 'mismatch', field: 'id_card' })
    }
    const third = (await students(1))[0]!
    expect(await bind(third, e, { client: '203.0.113.9' })).toMatchObject({
      outcome: 'rate_limited',
      scope: 'record',
    })
    expect(await bind(owner!, e, { client: '192.0.2.1' })).toMatchObject({ outcome: 'bound' })
  })

  it('a wrong name (a stranger who knows only the number) never counts towards the record lock', async () => {
    const e = await makeRosterEntry(await makeSchool())
    const strangers = await students(4)
    for (let i = 0; i < 20; i++) {
      const r = await bind(strangers[i % 4]!, e, { name: '冒名', client: '203.0.113.10' })
      expect(r).toEqual({ outcome: 'not_matched', remaining: 4 - Math.floor(i / 4) })
    }
    const owner = (await students(1))[0]!
    expect(await bind(owner, e, { client: '203.0.113.10' })).toMatchObject({ outcome: 'bound' })
  })

  it('50 failures on one record from any addresses within an hour lock it for everyone', async () => {
    const e = await makeRosterEntry(await makeSchool())
    const many = await students(10)
    for (let i = 0; i < 50; i++) {
      // ten students, each from an address of its own, five tries each
      const u = many[i % 10]!
      const r = await bind(u, e, { idCard: makeIdCard(), client: `198.18.0.${i % 10}` })
      expect(r.outcome).toBe('mismatch')
    }
    const owner = (await students(1))[0]!
    expect(await bind(owner, e, { client: '192.0.2.200' })).toMatchObject({
      outcome: 'rate_limited',
      scope: 'record',
    })
  })
})
