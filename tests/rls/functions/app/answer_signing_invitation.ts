import type { SqlStep } from '../../spec'
import { seedSigningWorld } from '../../world'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

type Label = 'ownPending' | 'own' | 'a2'
// the student's approved agreement ended (so they may sign again), with the owner's rights
const ended = ({ rows }: Ctx) =>
  `update public.agreements set status = 'terminated', ended_at = now() where id = '${rows.agreementOwn!.id}';`
const step =
  (sql: (c: Ctx) => string) =>
  (c: Ctx): SqlStep => ({ sql: `do $$ begin ${sql(c)} end $$` })
const eligible = step(ended)
// …and the employer takes neither the archive nor the hukou
const bare = step(
  (c) =>
    `${ended(c)} update public.signing_invitations set takes_archive = false, archive_to = null,
       takes_hukou = false, hukou_to = null where id = '${c.rows.ownPending!.id}';`,
)
const pastDeadline = step(
  (c) =>
    `update public.signing_invitations set reply_by = now() - interval '1 hour' where id = '${c.rows.ownPending!.id}';`,
)
const answer = (l: Label, accept: boolean | null, details: unknown, setup?: (c: Ctx) => SqlStep) => ({
  args: ({ rows }: Ctx) => [rows[l]!.id, accept, details === null ? null : JSON.stringify(details)],
  setup,
  returns: (v: unknown) => {
    const o = v as { reason?: string; missing?: string[] }
    if (o?.reason) return `${outcomeOf(v)}:${o.reason}`
    return o?.missing ? `${outcomeOf(v)}:${o.missing.join(',')}` : outcomeOf(v)
  },
  // the invitation's status, and the status of the agreement it made (if any)
  effect: ({ rows }: Ctx): SqlStep => ({
    sql: `select i.status || coalesce(' ' || a.status, '') from public.signing_invitations i
          left join public.agreements a on a.invitation_id = i.id where i.id = $1`,
    params: [rows[l]!.id],
  }),
})
const DETAILS = { archive_to: '生源地人才中心', report_card_to: '生源地人社局', hukou_to: '生源地派出所' }

const refused = {
  badDetail: 'invalid',
  detailsNotObject: 'invalid',
  nullAnswer: 'invalid',
  nulls: 'invalid',
  noSub: 'denied',
}
const others = {
  decline: 'not_found · pending',
  acceptWhileEffective: 'not_found · pending',
  accept: 'not_found · pending',
  acceptNeedsDetails: 'not_found · pending',
  acceptWithDetails: 'not_found · pending',
  expired: 'not_found · pending',
  answered: 'not_found · accepted approved',
  othersInvitation: 'not_found · accepted approved',
  missing: 'not_found',
  ...refused,
}

/**
 * The invited student declines, or accepts (a new agreement pending review): only while pending and
 * before the deadline (past it: `expired`, and stored so), only when app.signing_block lets them
 * (an approved agreement: not_eligible), with the archive / hukou details the employer does not
 * take care of. Anyone else finds nothing.
 */
export default defineFunction({
  fn: 'app.answer_signing_invitation(uuid, boolean, jsonb)',
  seed: async (db, w) => {
    const r = await seedSigningWorld(db, w)
    return {
      ownPending: { id: r.invitation.ownPending },
      own: { id: r.invitation.own },
      a2: { id: r.invitation.a2 },
      agreementOwn: { id: r.agreement.own },
    }
  },
  calls: {
    decline: answer('ownPending', false, null),
    acceptWhileEffective: answer('ownPending', true, {}),
    accept: answer('ownPending', true, {}, eligible),
    acceptNeedsDetails: answer('ownPending', true, { archive_to: ' ' }, bare),
    acceptWithDetails: answer('ownPending', true, DETAILS, bare),
    expired: answer('ownPending', true, {}, pastDeadline),
    answered: answer('own', false, null),
    othersInvitation: answer('a2', false, null),
    missing: { args: () => [MISSING, false, null], returns: outcomeOf },
    badDetail: answer('ownPending', true, { status: 'accepted' }),
    detailsNotObject: answer('ownPending', true, []),
    nullAnswer: answer('ownPending', null, {}),
    nulls: { args: () => [null, null, null] },
    noSub: { ...answer('ownPending', false, null), setup: withoutSub },
  },
  cases: signedIn({
    student: {
      decline: 'declined:declined · declined',
      acceptWhileEffective: 'not_eligible:agreement_effective · pending',
      accept: 'accepted:accepted · accepted pending_review',
      acceptNeedsDetails: 'details_required:archive_to,report_card_to,hukou_to · pending',
      acceptWithDetails: 'accepted:accepted · accepted pending_review',
      expired: 'expired:expired · expired',
      answered: 'not_pending:accepted · accepted approved',
      othersInvitation: 'not_found · accepted approved',
      missing: 'not_found',
      ...refused,
    },
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
