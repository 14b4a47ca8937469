import type { SqlStep } from '../../spec'
import { seedSigningWorld } from '../../world'
import { type Ctx, defineFunction, everyone, outcomeOf } from '../spec'

// the seeded (approved) agreement put in another status, with the owner's rights
const inStatus =
  (status: string) =>
  ({ rows }: Ctx): SqlStep => ({
    sql: `update public.agreements set status = $2,
            ended_at = case when $2 = 'terminated' then now() end,
            decided_at = case when $2 in ('approved', 'terminated') then decided_at end,
            decided_by = case when $2 in ('approved', 'terminated') then decided_by end,
            return_reason = case when $2 = 'returned' then '请补充' end
          where id = $1`,
    params: [rows.own!.id, status],
  })
const own = (setup?: (c: Ctx) => SqlStep) => ({
  args: ({ rows }: Ctx) => [rows.own!.number],
  setup,
  returns: outcomeOf,
})
// what leaves: the field names, and the name only masked (张*明, 李*: first character, stars, last)
const fields = (v: unknown) =>
  Object.keys(v as object)
    .sort()
    .join(',')
const masked = (v: unknown, { rows }: Ctx) => {
  const name = String(rows.own!.name)
  const got = String((v as Record<string, unknown>).student_name_masked)
  const n = Array.from(name).length
  const want =
    n <= 1 ? name : n === 2 ? `${name[0]}*` : `${name[0]}${'*'.repeat(n - 2)}${Array.from(name)[n - 1]}`
  return got === want && got !== name ? 'masked' : `not masked: ${got}`
}

/**
 * 协议验真: the one read open to anon, the same for everyone — the printed fields of an agreement
 * with that number from `generated` on; not_found for drafts, discarded, unknown and malformed numbers.
 */
export default defineFunction({
  fn: 'app.verify_agreement(text)',
  seed: async (db, w) => {
    const r = await seedSigningWorld(db, w)
    const { rows } = await db.query<{ number: string; name: string }>(
      `select a.number, coalesce(re.name, u.display_name) as name from public.agreements a
       join public.app_users u on u.id = a.student_id
       left join public.roster_entries re on re.bound_user_id = a.student_id where a.id = $1`,
      [r.agreement.own],
    )
    return { own: { id: r.agreement.own, number: rows[0]!.number, name: rows[0]!.name } }
  },
  calls: {
    approved: own(),
    fields: { ...own(), returns: fields },
    masked: { ...own(), returns: masked },
    pendingReview: own(inStatus('pending_review')),
    returned: own(inStatus('returned')),
    terminated: own(inStatus('terminated')),
    draft: own(inStatus('draft')),
    discarded: own(inStatus('discarded')),
    lowerCase: { args: ({ rows }: Ctx) => [String(rows.own!.number).toLowerCase()], returns: outcomeOf },
    unknown: { args: () => ['JY-2000-00000000'], returns: outcomeOf },
    malformed: { args: () => ["JY-2026-' or true --"], returns: outcomeOf },
    empty: { args: () => [''], returns: outcomeOf },
    nulls: { args: () => [null], returns: outcomeOf },
  },
  cases: everyone({
    approved: 'found:approved',
    fields: 'effective_at,employer_name,ended_at,kind,number,outcome,status,student_name_masked',
    masked: 'masked',
    pendingReview: 'found:pending_review',
    returned: 'found:returned',
    terminated: 'found:terminated',
    draft: 'not_found',
    discarded: 'not_found',
    lowerCase: 'not_found',
    unknown: 'not_found',
    malformed: 'not_found',
    empty: 'not_found',
    nulls: 'not_found',
  }),
})
