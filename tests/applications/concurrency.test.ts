/**
 * Must show: 20 parallel identical apply requests create exactly one application — with one
 * Idempotency-Key (the key makes the 19 others replay the first answer) and with 20 different keys
 * (the partial unique index applications_one_live decides inside app.apply: the losers answer
 * already_applied with the winner's application).
 */
import { describe, expect, it } from 'vitest'
import { ApplyResponse } from '../../src/contracts/applications'
import { call, parseAnswer, withApi } from '../support/api'
import { hiring, key, rows } from './support'

const api = withApi()

async function liveApplications(jobId: string, studentId: string) {
  return rows<{ id: string }>(
    "select id from public.applications where job_id = $1 and student_id = $2 and status <> 'withdrawn'",
    [jobId, studentId],
  )
}

describe('20 parallel applies', () => {
  it('with the same Idempotency-Key: one application, one answer replayed to all', async () => {
    const h = await hiring(api.url)
    const k = key()
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(api.url, '/api/applications', {
          token: h.student.token,
          body: { jobId: h.jobId, resumeId: h.student.resumeId },
          headers: { 'idempotency-key': k },
        }),
      ),
    )
    const parsed = answers.map((a) => parseAnswer(ApplyResponse, a))
    expect(parsed.map((p) => p.status)).toEqual(Array(20).fill(200))
    expect(new Set(parsed.map((p) => p.body.outcome))).toEqual(new Set(['applied']))
    expect(new Set(parsed.map((p) => p.body.application.id)).size).toBe(1)
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(19)
    const live = await liveApplications(h.jobId, h.student.user.id)
    expect(live).toHaveLength(1)
    const snaps = await rows('select 1 from public.resume_snapshots where application_id = $1', [live[0]!.id])
    expect(snaps).toHaveLength(1)
  })

  it('with 20 different keys: one application; the others are already_applied to it', async () => {
    const h = await hiring(api.url)
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(api.url, '/api/applications', {
          token: h.student.token,
          body: { jobId: h.jobId, resumeId: h.student.resumeId },
          headers: { 'idempotency-key': key() },
        }),
      ),
    )
    const parsed = answers.map((a) => parseAnswer(ApplyResponse, a))
    expect(parsed.map((p) => p.status)).toEqual(Array(20).fill(200))
    const outcomes = parsed.map((p) => p.body.outcome)
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'already_applied')).toHaveLength(19)
    const live = await liveApplications(h.jobId, h.student.user.id)
    expect(live).toHaveLength(1)
    expect(new Set(parsed.map((p) => p.body.application.id))).toEqual(new Set([live[0]!.id]))
  })
})
