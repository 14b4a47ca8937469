import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { sqlAs } from '../identity/sql'
import { makeSchool } from '../support/fixtures'
import { begun, someoneWaits } from '../support/held-call'
import {
  type BoundStudent,
  COMPLETE_FIELDS,
  makeBoundStudent,
  makeReviewer,
} from '../support/procedures-fixtures'

const CS = '计算机学院'
type Outcome = { outcome: string; status?: string }
const DECIDE = "select app.decide_review('source_info', $1, $2, $3, null) as r"

async function call(claims: Record<string, unknown>, sql: string, params: unknown[]): Promise<Outcome> {
  const r = await sqlAs<{ r: Outcome }>(claims, sql, params)
  if (!r.ok) throw new Error(`${sql}: ${r.code} ${r.message}`)
  return r.rows[0]!.r
}
async function submitted(school: string): Promise<{ s: BoundStudent; id: string }> {
  const s = await makeBoundStudent(school, { college: CS })
  expect(await call(s.claims, 'select app.save_source_info($1, true) as r', [COMPLETE_FIELDS])).toMatchObject(
    {
      outcome: 'submitted',
    },
  )
  const id = await withServiceTx('test: read', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      'select id from public.source_infos where student_id = $1',
      [s.id],
    )
    return rows[0]!.id
  })
  return { s, id }
}
const state = (id: string) =>
  withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ status: string }>(
      'select status from public.source_infos where id = $1',
      [id],
    )
    const { rows: log } = await db.query<{ step: string }>(
      "select action || ':' || to_status as step from public.review_log where item_id = $1 order by id",
      [id],
    )
    return { status: rows[0]!.status, log: log.map((l) => l.step) }
  })

describe('two reviewers decide the same item at once', () => {
  it('50 rounds, at once: exactly one decided, the other not_pending with the current status', async () => {
    const school = await makeSchool()
    const [first, second] = [await makeReviewer(school), await makeReviewer(school, CS)]
    for (let round = 0; round < 50; round++) {
      const { id } = await submitted(school)
      // approve against approve, or approve against return, alternating
      const decisions: [string, string | null][] = [
        ['approve', null],
        round % 2 ? ['return', '材料不全'] : ['approve', null],
      ]
      const results = await Promise.all([
        call(first.claims, DECIDE, [id, ...decisions[0]!]),
        call(second.claims, DECIDE, [id, ...decisions[1]!]),
      ])
      const decided = results.filter((r) => r.outcome === 'decided')
      const lost = results.filter((r) => r.outcome === 'not_pending')
      expect(decided, `round ${round}: ${JSON.stringify(results)}`).toHaveLength(1)
      expect(lost, `round ${round}`).toHaveLength(1)
      const now = await state(id)
      expect(lost[0]!.status, `round ${round}: the loser sees the current status`).toBe(now.status)
      expect(now.status).toBe(decided[0]!.status)
      expect(now.log).toEqual([
        'submit:submitted',
        `${decided[0]!.status === 'approved' ? 'approve' : 'return'}:${now.status}`,
      ])
    }
  }, 60_000)

  it('50 rounds, forced overlap: the second caller waits on the row lock and then learns the decision', async () => {
    const school = await makeSchool()
    const [first, second] = [await makeReviewer(school), await makeReviewer(school, CS)]
    for (let round = 0; round < 50; round++) {
      const { id } = await submitted(school)
      const a = await begun(first.claims, DECIDE, [id, 'return', '家庭地址不完整'])
      expect(a.result).toMatchObject({ outcome: 'decided', status: 'returned' })
      const b = call(second.claims, DECIDE, [id, 'approve', null])
      await someoneWaits()
      await a.commit()
      expect(await b, `round ${round}`).toMatchObject({ outcome: 'not_pending', status: 'returned' })
      expect(await state(id)).toEqual({ status: 'returned', log: ['submit:submitted', 'return:returned'] })
    }
  }, 60_000)
})

describe('a student resubmits while a reviewer decides', () => {
  it('the end state is consistent with the log, and no step is lost', async () => {
    const school = await makeSchool()
    const reviewer = await makeReviewer(school, CS)
    for (let round = 0; round < 30; round++) {
      const { s, id } = await submitted(school)
      const returning = round % 2 === 1
      const [student, staff] = await Promise.all([
        call(s.claims, 'select app.save_source_info($1, true) as r', [{ qq: String(100000 + round) }]),
        call(reviewer.claims, DECIDE, [id, returning ? 'return' : 'approve', returning ? '有误' : null]),
      ])
      const now = await state(id)
      expect(staff.outcome, `round ${round}`).toBe('decided')
      if (!returning) {
        // approved either way: the resubmission landed before it (and was what got approved), or was refused
        expect(now.status).toBe('approved')
        expect(now.log).toEqual(
          student.outcome === 'submitted'
            ? ['submit:submitted', 'resubmit:submitted', 'approve:approved']
            : ['submit:submitted', 'approve:approved'],
        )
        if (student.outcome !== 'submitted')
          expect(student).toEqual({ outcome: 'locked', status: 'approved' })
      } else {
        // returned the resubmitted version, or returned and then submitted again: never lost
        expect(student).toEqual({ outcome: 'submitted', status: 'submitted' })
        expect([
          { status: 'returned', log: ['submit:submitted', 'resubmit:submitted', 'return:returned'] },
          { status: 'submitted', log: ['submit:submitted', 'return:returned', 'submit:submitted'] },
        ]).toContainEqual(now)
      }
    }
  }, 60_000)

  it('forced: the reviewer holds the row, the student’s resubmission waits and then finds it approved', async () => {
    const school = await makeSchool()
    const reviewer = await makeReviewer(school)
    const { s, id } = await submitted(school)
    const a = await begun(reviewer.claims, DECIDE, [id, 'approve', null])
    const b = call(s.claims, 'select app.save_source_info($1, true) as r', [{ qq: '123456' }])
    await someoneWaits()
    await a.commit()
    expect(await b).toEqual({ outcome: 'locked', status: 'approved' })
    expect(await state(id)).toEqual({ status: 'approved', log: ['submit:submitted', 'approve:approved'] })
  })
})
