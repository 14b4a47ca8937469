/**
 * Two reviewers of one college decide the same item at the same moment, 50 times: the row lock in
 * app.decide_review lets exactly one through (200); the other gets 409 already_decided with the
 * state the first one left in details, and the student one message per round.
 */
import { describe, expect, it } from 'vitest'
import { AlreadyDecidedDetails, DecisionResponse } from '../../src/contracts/reviews'
import { callParsed, withApi } from '../support/api'
import { loginAs, makeSchool } from '../support/fixtures'
import { makeBoundStudent, makeReviewer } from '../support/procedures-fixtures'
import { reviewMessages, submitSourceInfo } from './support'

const ROUNDS = 50

describe('two reviewers at once', () => {
  const api = withApi()

  it(`exactly one 200 and one 409 with details.status, ${ROUNDS} rounds`, { timeout: 120_000 }, async () => {
    const school = await makeSchool()
    const a = await loginAs(api.url, await makeReviewer(school, '计算机学院'))
    const b = await loginAs(api.url, await makeReviewer(school, '计算机学院'))
    for (let round = 0; round < ROUNDS; round++) {
      const student = await makeBoundStudent(school)
      const id = await submitSourceInfo(student)
      // one approves, the other returns: the 409's state says which won
      const [ra, rb] = await Promise.all([
        callParsed(DecisionResponse, api.url, `/api/reviews/source_info/${id}/decision`, {
          token: a,
          body: { decision: 'approve' },
        }),
        callParsed(DecisionResponse, api.url, `/api/reviews/source_info/${id}/decision`, {
          token: b,
          body: { decision: 'return', reasonCode: '联系方式有误' },
        }),
      ])
      const statuses = [ra.status, rb.status].sort()
      expect(statuses, `round ${round}`).toEqual([200, 409])
      const [won, lost] = ra.status === 200 ? [ra, rb] : [rb, ra]
      expect(lost.error.code).toBe('already_decided')
      const details = AlreadyDecidedDetails.parse(lost.error.details)
      expect(details.status).toBe(won.body.status)
      expect(await reviewMessages(student.id)).toHaveLength(1)
    }
  })
})
