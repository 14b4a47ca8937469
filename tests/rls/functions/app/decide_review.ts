import type { SqlStep } from '../../spec'
import { type ReviewLabel, seedReviewWorld, seedSigningWorld } from '../../world'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

type Kind = 'source_info' | 'correction' | 'recommendation'
type Key = Kind | 'agreement'
const TABLE: Record<Kind, string> = {
  source_info: 'source_infos',
  correction: 'source_info_corrections',
  recommendation: 'recommendation_forms',
}
const key = (kind: Key, l: ReviewLabel) => `${kind}:${l}`
// a seeded source info (approved) submitted again, with the owner's rights
const resubmitted =
  (l: ReviewLabel) =>
  ({ rows }: Ctx): SqlStep => ({
    sql: "update public.source_infos set status = 'submitted', submitted_at = now() where id = $1",
    params: [rows[key('source_info', l)]!.id],
  })
const decide = (
  kind: Kind,
  l: ReviewLabel,
  decision: string | null,
  reason: string | null,
  o: { extra?: unknown; submitted?: boolean } = {},
) => ({
  args: ({ rows }: Ctx) => [kind, rows[key(kind, l)]!.id, decision, reason, o.extra ?? null],
  setup: o.submitted ? resubmitted(l) : undefined,
  returns: outcomeOf,
  effect: ({ rows }: Ctx): SqlStep => ({
    sql: `select status from public.${TABLE[kind]} where id = $1`,
    params: [rows[key(kind, l)]!.id],
  }),
})
// a seeded (approved) agreement back in review, its employment record not yet made
const inReview =
  (l: ReviewLabel) =>
  ({ rows }: Ctx): SqlStep => ({
    sql: `with r as (delete from public.employment_records where agreement_id = $1 returning 1)
          update public.agreements set status = 'pending_review', decided_at = null, decided_by = null
          where id = $1 and (select count(*) from r) = 1`,
    params: [rows[key('agreement', l)]!.id],
  })
const decideAgreement = (l: ReviewLabel, decision: string, reason: string | null) => ({
  args: ({ rows }: Ctx) => ['agreement', rows[key('agreement', l)]!.id, decision, reason, null],
  setup: inReview(l),
  returns: outcomeOf,
  // the agreement's status and how many employment records it has
  effect: ({ rows }: Ctx): SqlStep => ({
    sql: `select status || ' ' || (select count(*) from public.employment_records e where e.agreement_id = a.id)
          from public.agreements a where a.id = $1`,
    params: [rows[key('agreement', l)]!.id],
  }),
})
const OPINION = { comment: '该生表现优秀', recommendation: '同意推荐' }

// refused for everyone before the caller's role is looked at
const refused = {
  returnNoReason: 'invalid',
  returnBlankReason: 'invalid',
  badDecision: 'invalid',
  extraNotObject: 'invalid',
  empties: 'invalid',
  nulls: 'invalid',
  noSub: 'denied',
}
// not school staff: nothing is decided, nothing moves
const forbidden = {
  approveOwn: 'forbidden · submitted',
  returnOwn: 'forbidden · submitted',
  approveA2: 'forbidden · submitted',
  approveB1: 'forbidden · submitted',
  approveDecided: 'forbidden · approved',
  approveOwnCorrection: 'forbidden · pending',
  rejectOwnCorrection: 'forbidden · pending',
  approveA2Correction: 'forbidden · pending',
  approveOwnRecommendation: 'forbidden · submitted',
  approveRecommendationBare: 'forbidden · submitted',
  returnOwnRecommendation: 'forbidden · submitted',
  missing: 'forbidden',
  unknownKind: 'forbidden',
  approveOwnAgreement: 'forbidden · pending_review 0',
  returnOwnAgreement: 'forbidden · pending_review 0',
  approveA2Agreement: 'forbidden · pending_review 0',
  approveB1Agreement: 'forbidden · pending_review 0',
  ...refused,
}
const staff = {
  approveOwn: 'decided:approved · approved',
  returnOwn: 'decided:returned · returned',
  approveDecided: 'not_pending:approved · approved',
  approveOwnCorrection: 'decided:approved · approved',
  rejectOwnCorrection: 'decided:rejected · rejected',
  approveOwnRecommendation: 'decided:approved · approved',
  // an approval of the form needs the school's comment and recommendation
  approveRecommendationBare: 'invalid',
  returnOwnRecommendation: 'decided:returned · returned',
  missing: 'not_found',
  unknownKind: 'invalid',
  // an approval writes the employment record in the same transaction; a return writes none
  approveOwnAgreement: 'decided:approved · approved 1',
  returnOwnAgreement: 'decided:returned · returned 0',
  approveB1Agreement: 'not_found · pending_review 0',
  ...refused,
}

/**
 * The workbench's decision: school staff whose scope covers the item (school level: their school;
 * college level: their college) approve or return it (a return needs a reason); anyone else outside
 * the scope finds nothing (`not_found`), a caller who is not school staff is `forbidden` — students
 * (their own submission included) and platform admins (read-only) alike.
 */
export default defineFunction({
  fn: 'app.decide_review(text, uuid, text, text, jsonb)',
  seed: async (db, w) => {
    const r = await seedReviewWorld(db, w)
    const signing = await seedSigningWorld(db, w)
    const out: Record<string, { id: string }> = {}
    for (const l of ['own', 'a2', 'b1'] as const) {
      out[key('source_info', l)] = { id: r.source[l] }
      out[key('correction', l)] = { id: r.correction[l] }
      out[key('recommendation', l)] = { id: r.recommendation[l] }
      out[key('agreement', l)] = { id: signing.agreement[l] }
    }
    return out
  },
  calls: {
    approveOwn: decide('source_info', 'own', 'approve', null, { submitted: true }),
    returnOwn: decide('source_info', 'own', 'return', '家庭地址不完整', { submitted: true }),
    approveA2: decide('source_info', 'a2', 'approve', null, { submitted: true }),
    approveB1: decide('source_info', 'b1', 'approve', null, { submitted: true }),
    approveDecided: decide('source_info', 'own', 'approve', null),
    approveOwnCorrection: decide('correction', 'own', 'approve', null),
    rejectOwnCorrection: decide('correction', 'own', 'return', '材料不全'),
    approveA2Correction: decide('correction', 'a2', 'approve', null),
    approveOwnRecommendation: decide('recommendation', 'own', 'approve', null, { extra: OPINION }),
    approveRecommendationBare: decide('recommendation', 'own', 'approve', null),
    returnOwnRecommendation: decide('recommendation', 'own', 'return', '自我评价过于简单'),
    missing: { args: () => ['source_info', MISSING, 'approve', null, null], returns: outcomeOf },
    // a kind app.review_kinds does not know ('agreement' is one since the signing migration)
    unknownKind: { args: () => ['no_such_kind', MISSING, 'approve', null, null], returns: outcomeOf },
    approveOwnAgreement: decideAgreement('own', 'approve', null),
    returnOwnAgreement: decideAgreement('own', 'return', '薪资与招聘信息不符'),
    approveA2Agreement: decideAgreement('a2', 'approve', null),
    approveB1Agreement: decideAgreement('b1', 'approve', null),
    returnNoReason: decide('source_info', 'own', 'return', null, { submitted: true }),
    returnBlankReason: decide('source_info', 'own', 'return', '  ', { submitted: true }),
    badDecision: decide('source_info', 'own', 'reject', '理由', { submitted: true }),
    extraNotObject: decide('recommendation', 'own', 'approve', null, { extra: JSON.stringify(['同意']) }),
    empties: { args: () => ['', MISSING, '', '', null] },
    nulls: { args: () => [null, null, null, null, null] },
    noSub: { ...decide('source_info', 'own', 'approve', null, { submitted: true }), setup: withoutSub },
  },
  cases: signedIn({
    student: forbidden,
    applicant: forbidden,
    employer: forbidden,
    schoolStaff: {
      ...staff,
      approveA2: 'decided:approved · approved',
      approveB1: 'not_found · submitted',
      approveA2Correction: 'decided:approved · approved',
      approveA2Agreement: 'decided:approved · approved 1',
    },
    collegeStaff: {
      ...staff,
      approveA2: 'not_found · submitted',
      approveB1: 'not_found · submitted',
      approveA2Correction: 'not_found · pending',
      approveA2Agreement: 'not_found · pending_review 0',
    },
    fairStaff: forbidden,
    admin: forbidden,
  }),
})
