import { HISTORY_ACTION_LABELS, type HistoryAction } from '../../../src/contracts/procedures'
import {
  RETURN_LABELS,
  type ReviewDetail,
  type ReviewKind,
  type TrailEntry,
} from '../../../src/contracts/reviews'
import type { Db, Tx } from '../db/tx'
import { AppError } from '../http/errors'
import { proofName, proofOwner, signProof } from '../procedures/proofs'
import { signingUploadName, signingUploadOwner, signSigningUpload } from '../signing/uploads'
import { kindModule } from './kinds'
import { QUEUE_COLUMNS, type QueueRow, withSummaries } from './queue'

interface TrailRow {
  id: string
  action: string
  from_status: string | null
  to_status: string
  reason: string | null
  actor_role: string
  actor_name: string | null
  created_at: Date
}

function actionLabel(kind: ReviewKind, action: string): string {
  if (action === 'return') return RETURN_LABELS[kind]
  return HISTORY_ACTION_LABELS[action as HistoryAction] ?? action
}

export const notInScope = () => new AppError('not_found', '该审核事项不存在或不在您的审核范围内')

type Loaded = Omit<ReviewDetail, 'proofs'> & { proofKeys: string[] }

/** The item as the caller's RLS shows it (404 outside their scope), with its kind's diff and the trail. */
export async function loadDetail(db: Db, kind: ReviewKind, id: string): Promise<Loaded> {
  const { rows } = await db.query<QueueRow>(
    `select ${QUEUE_COLUMNS} from public.review_items where kind = $1 and item_id = $2`,
    [kind, id],
  )
  const queued = rows[0]
  if (!queued) throw notInScope()
  const [item] = await withSummaries(db, [queued])
  const detail = await kindModule(kind).detail(db, id)
  if (!item || !detail) throw notInScope()
  const trail = await db.query<TrailRow>(
    `select id::text as id, action, from_status, to_status, reason, actor_role, actor_name, created_at
     from app.review_trail($1, $2)`,
    [kind, id],
  )
  const me = await db.query<{ role: string | null }>('select app.my_role() as role')
  return {
    item,
    sections: detail.sections,
    studentReason: detail.studentReason,
    proofKeys: detail.proofKeys,
    trail: trail.rows.map(
      (t): TrailEntry => ({
        id: t.id,
        action: t.action,
        actionLabel: actionLabel(kind, t.action),
        fromStatus: t.from_status,
        toStatus: t.to_status,
        reason: t.reason,
        actorRole: t.actor_role,
        actorName: t.actor_name,
        at: t.created_at.toISOString(),
      }),
    ),
    decidable: item.awaiting && me.rows[0]?.role === 'school_staff',
    approvalNeeds: [...kindModule(kind).approvalNeeds],
  }
}

/**
 * GET /api/reviews/[kind]/[id]: read in the caller's transaction, then the proof files signed
 * after it (on Supabase signing is an HTTP call; conventions §6). Only keys the student uploaded
 * under their own prefix are signed.
 */
export async function reviewDetail(tx: Tx, kind: ReviewKind, id: string): Promise<ReviewDetail> {
  const { proofKeys, ...d } = await tx((db) => loadDetail(db, kind, id))
  // correction proofs and the signing centre's uploads (scans, destination and termination proofs)
  const proofs = await Promise.all(
    proofKeys
      .filter((k) => proofOwner(k) !== null || signingUploadOwner(k) !== null)
      .map(async (key, i) =>
        proofOwner(key) !== null
          ? { name: proofName(key, i), url: await signProof(key) }
          : { name: signingUploadName(key, i), url: await signSigningUpload(key) },
      ),
  )
  return { ...d, proofs }
}
