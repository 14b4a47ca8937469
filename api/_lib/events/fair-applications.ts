import type { z } from 'zod'
import {
  type EventCompaniesResponse,
  FAIR_APPLY_OUTCOME_LABELS,
  FAIR_DECISION_OUTCOME_LABELS,
  type FairApplicationResponse,
  FairApplyOutcome,
  type FairDecisionBody,
  FairDecisionOutcome,
} from '../../../src/contracts/events'
import { callOutcome } from '../db/outcome'
import type { Db, Tx } from '../db/tx'
import { AppError } from '../http/errors'
import { readApplications, signCompanies, toApplication, toParticipant } from './detail'

function refusal(outcome: string, label: string): AppError {
  if (outcome === 'not_found') return new AppError('not_found', label, { details: { outcome } })
  if (outcome === 'forbidden') return new AppError('forbidden', label, { details: { outcome } })
  if (outcome === 'bad_jobs') {
    return new AppError('validation_failed', label, { fields: { jobIds: label }, details: { outcome } })
  }
  return new AppError('conflict', label, { details: { outcome } })
}

/** Whether the event exists for the caller (policy): a missing one is a 404, not an empty list. */
async function visibleEvent(
  db: Db,
  eventId: string,
): Promise<{ school_id: string; kind: string } | undefined> {
  const { rows } = await db.query<{ school_id: string; kind: string }>(
    'select school_id, kind from public.events where id = $1',
    [eventId],
  )
  return rows[0]
}

/**
 * `GET /api/events/:id/companies`: the approved participants and, for those who manage them, the
 * applications (school staff of the event's school: all; an employer: its own). RLS decides which
 * rows come back; this only sorts them into the two lists.
 */
export async function listEventCompanies(
  tx: Tx,
  userId: string | null,
  eventId: string,
): Promise<EventCompaniesResponse> {
  const loaded = await tx(async (db) => {
    const event = await visibleEvent(db, eventId)
    if (!event) throw new AppError('not_found', '活动不存在')
    const apps = await readApplications(db, eventId, { anon: !userId })
    let manager = false
    let companyId: string | null = null
    if (userId) {
      const { rows } = await db.query<{
        role: string | null
        school_id: string | null
        company_id: string | null
      }>('select app.my_role() as role, app.my_school() as school_id, app.my_company() as company_id')
      const me = rows[0]
      manager = me?.role === 'school_staff' && me.school_id === event.school_id
      companyId = me?.company_id ?? null
    }
    const participants = apps.rows
      .filter((a) => a.status === 'approved')
      .map((a) => toParticipant(a, apps.jobs))
    const applications = apps.rows
      .filter((a) => manager || a.company_id === companyId)
      .map((a) => toApplication(a, apps.jobs))
    return { participants, applications }
  })
  return { participants: await signCompanies(loaded.participants), applications: loaded.applications }
}

async function ownApplication(db: Db, eventId: string, companyId: string) {
  const apps = await readApplications(db, eventId, { companyId })
  const row = apps.rows[0]
  if (!row) throw new AppError('not_found', FAIR_DECISION_OUTCOME_LABELS.not_found)
  return toApplication(row, apps.jobs)
}

/** `POST /api/events/:id/companies` (employer): apply, or change the pending application. */
export async function applyToFair(
  db: Db,
  eventId: string,
  body: { jobIds: string[]; note: string | null },
): Promise<FairApplicationResponse> {
  const r = await callOutcome(db, 'app.apply_to_fair', [eventId, body.jobIds, body.note], FairApplyOutcome)
  switch (r.outcome) {
    case 'applied':
    case 'updated': {
      const { rows } = await db.query<{ company_id: string }>('select app.my_company() as company_id')
      return { outcome: r.outcome, application: await ownApplication(db, eventId, rows[0]!.company_id) }
    }
    case 'already_approved':
    case 'not_found':
    case 'not_fair':
    case 'not_open':
    case 'forbidden':
    case 'company_unverified':
    case 'bad_jobs':
      throw refusal(r.outcome, FAIR_APPLY_OUTCOME_LABELS[r.outcome])
    default: {
      const unknown: never = r.outcome
      throw new Error(`unknown apply outcome ${JSON.stringify(unknown)}`)
    }
  }
}

/** `POST /api/events/:id/companies/:companyId`: staff approve / reject; the employer withdraws. */
export async function decideFairApplication(
  db: Db,
  eventId: string,
  companyId: string,
  body: z.output<typeof FairDecisionBody>,
): Promise<FairApplicationResponse> {
  const r =
    body.action === 'withdraw'
      ? await callOutcome(db, 'app.withdraw_fair_application', [eventId, companyId], FairDecisionOutcome)
      : await callOutcome(
          db,
          'app.decide_fair_application',
          [
            eventId,
            companyId,
            body.action,
            body.action === 'approve' ? body.booth : null,
            body.action === 'reject' ? body.reason : null,
          ],
          FairDecisionOutcome,
        )
  switch (r.outcome) {
    case 'approved':
    case 'rejected':
    case 'withdrawn':
      return { outcome: r.outcome, application: await ownApplication(db, eventId, companyId) }
    case 'booth_taken':
      throw new AppError('conflict', FAIR_DECISION_OUTCOME_LABELS.booth_taken, {
        fields: { booth: FAIR_DECISION_OUTCOME_LABELS.booth_taken },
        details: { outcome: r.outcome },
      })
    case 'not_pending':
    case 'not_found':
    case 'forbidden':
      throw refusal(r.outcome, FAIR_DECISION_OUTCOME_LABELS[r.outcome])
    default: {
      const unknown: never = r.outcome
      throw new Error(`unknown decision outcome ${JSON.stringify(unknown)}`)
    }
  }
}
