import type { SqlStep } from '../../spec'
import { REVIEW_LABELS, type ReviewLabel, seedReviewWorld } from '../../world'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

type Kind = 'source_info' | 'correction' | 'recommendation'
const ids = (kind: Kind, labels: readonly ReviewLabel[]) => (c: Ctx) =>
  labels.map((l) => c.rows[`${kind}:${l}`]!.id)
// the seeded source infos (approved) submitted again, with the owner's rights
const resubmitted =
  (labels: readonly ReviewLabel[]) =>
  (c: Ctx): SqlStep => ({
    sql: "update public.source_infos set status = 'submitted', submitted_at = now() where id = any ($1)",
    params: [ids('source_info', labels)(c)],
  })
// one `label:outcome` per item, in label order (the function answers in id order)
const perItem = (v: unknown, c: Ctx) => {
  const label = new Map(Object.entries(c.rows).map(([k, r]) => [r.id, k.split(':')[1]]))
  return (v as { id: string }[])
    .map((o) => `${label.get(o.id) ?? 'missing'}:${outcomeOf(o)}`)
    .sort()
    .join(' ')
}
const statuses = (table: string, kind: Kind) => (c: Ctx) => ({
  sql: `select string_agg(status, ',' order by array_position($2::uuid[], id)) from public.${table} where id = any ($1)`,
  params: [ids(kind, REVIEW_LABELS)(c), ids(kind, REVIEW_LABELS)(c)],
})
const batch = (
  kind: Kind,
  labels: readonly ReviewLabel[],
  o: { submitted?: readonly ReviewLabel[]; extra?: unknown; missing?: boolean } = {},
) => ({
  args: (c: Ctx) => [
    kind,
    [...ids(kind, labels)(c), ...(o.missing ? [MISSING] : [])],
    '材料齐全',
    o.extra ?? null,
  ],
  setup: o.submitted ? resubmitted(o.submitted) : undefined,
  returns: perItem,
  effect: kind === 'source_info' ? statuses('source_infos', kind) : statuses('recommendation_forms', kind),
})
const OPINION = { comment: '该生表现优秀', recommendation: '同意推荐' }

const refused = {
  corrections: 'invalid',
  unknownKind: 'invalid',
  noItems: 'invalid',
  nullItem: 'invalid',
  empties: 'invalid',
  nulls: 'invalid',
  noSub: 'denied',
}
// not school staff: every item answers forbidden, nothing moves
const forbidden = {
  sources: 'a2:forbidden b1:forbidden missing:forbidden own:forbidden · submitted,submitted,submitted',
  skipsDecided: 'a2:forbidden own:forbidden · submitted,approved,approved',
  recommendations: 'a2:forbidden own:forbidden · submitted,submitted,submitted',
  recommendationsBare: 'a2:forbidden own:forbidden · submitted,submitted,submitted',
  ...refused,
}

/**
 * Batch approval from the workbench, for the kinds registered batch-safe (source info, the
 * recommendation form with one shared opinion; never corrections, which change the record): one
 * outcome per item, each decided as app.decide_review would — out of scope `not_found`, already
 * decided `not_pending`, not school staff `forbidden`.
 */
export default defineFunction({
  fn: 'app.decide_reviews(text, uuid[], text, jsonb)',
  seed: async (db, w) => {
    const r = await seedReviewWorld(db, w)
    const out: Record<string, { id: string }> = {}
    for (const l of REVIEW_LABELS) {
      out[`source_info:${l}`] = { id: r.source[l] }
      out[`correction:${l}`] = { id: r.correction[l] }
      out[`recommendation:${l}`] = { id: r.recommendation[l] }
    }
    return out
  },
  calls: {
    sources: batch('source_info', REVIEW_LABELS, { submitted: REVIEW_LABELS, missing: true }),
    // a2 stays approved: skipped, not decided twice
    skipsDecided: batch('source_info', ['own', 'a2'], { submitted: ['own'] }),
    recommendations: batch('recommendation', ['own', 'a2'], { extra: OPINION }),
    recommendationsBare: batch('recommendation', ['own', 'a2']),
    corrections: { args: (c: Ctx) => ['correction', ids('correction', ['own'])(c), null, null] },
    unknownKind: { args: (c: Ctx) => ['agreement', ids('correction', ['own'])(c), null, null] },
    noItems: { args: () => ['source_info', [], null, null] },
    nullItem: { args: (c: Ctx) => ['source_info', [...ids('source_info', ['own'])(c), null], null, null] },
    empties: { args: () => ['', [], '', null] },
    nulls: { args: () => [null, null, null, null] },
    noSub: { ...batch('source_info', ['own'], { submitted: ['own'] }), setup: withoutSub },
  },
  cases: signedIn({
    student: forbidden,
    applicant: forbidden,
    employer: forbidden,
    schoolStaff: {
      sources:
        'a2:decided:approved b1:not_found missing:not_found own:decided:approved · approved,approved,submitted',
      skipsDecided: 'a2:not_pending:approved own:decided:approved · approved,approved,approved',
      recommendations: 'a2:decided:approved own:decided:approved · approved,approved,submitted',
      recommendationsBare: 'invalid',
      ...refused,
    },
    collegeStaff: {
      sources:
        'a2:not_found b1:not_found missing:not_found own:decided:approved · approved,submitted,submitted',
      skipsDecided: 'a2:not_found own:decided:approved · approved,approved,approved',
      recommendations: 'a2:not_found own:decided:approved · approved,submitted,submitted',
      recommendationsBare: 'invalid',
      ...refused,
    },
    fairStaff: forbidden,
    admin: forbidden,
  }),
})
