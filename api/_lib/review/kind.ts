import type { DiffRow, ReviewDetail, ReviewKind } from '../../../src/contracts/reviews'
import type { Db } from '../db/tx'

/** One section of a detail: a titled diff. */
export type DiffSection = ReviewDetail['sections'][number]

/** What a kind's detail loader answers; the frame adds the queue item, trail and signed proof links. */
export interface KindDetail {
  sections: DiffSection[]
  /** the student's own reason (a correction's), null elsewhere */
  studentReason: string | null
  /** storage keys of the item's proof files, signed after the transaction */
  proofKeys: string[]
}

/**
 * A registered review kind (api/_lib/review/kinds/index.ts lists them). The SQL side is its row in
 * app.review_kinds (its table and decide function) and the trigger that keeps review_items; the
 * client side its labels and return reasons in src/contracts/reviews.ts. Adding a kind is one
 * module like these, one registry line and that SQL registration (docs/flows/reviews.md).
 */
export interface ReviewKindModule {
  kind: ReviewKind
  /** the kind's own statuses as the queue shows them */
  statusLabels: Record<string, string>
  /** the fields an approval must carry (the recommendation form's 学院意见 and 推荐意见) */
  approvalNeeds: ReadonlyArray<'comment' | 'recommendation'>
  /** the queue's one line per item, for a page of items in one query */
  summaries(db: Db, ids: readonly string[]): Promise<Map<string, string>>
  /** the item's diff sections, reason and proofs, read as the caller (RLS); null when not visible */
  detail(db: Db, id: string): Promise<KindDetail | null>
  /** news beyond the student's review_decided (a termination's employer), in the decision's transaction */
  afterDecision?(db: Db, id: string, status: string): Promise<void>
}

export function row(
  field: string,
  label: string,
  after: string | null,
  o: { before?: string | null; changed?: boolean; locked?: boolean } = {},
): DiffRow {
  return {
    field,
    label,
    before: o.before ?? null,
    after,
    changed: o.changed ?? false,
    locked: o.locked ?? false,
  }
}
