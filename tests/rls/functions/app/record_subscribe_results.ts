import { type Ctx, defineFunction, signedIn, withoutSub } from '../spec'

// a jsonb argument travels as JSON text (node-pg would send a JS array as a Postgres array)
const report = (...items: Array<{ templateId: string; result: string }>) => JSON.stringify(items)

const credits = (v: unknown) =>
  ((v as { credits: Array<{ templateId: string; credits: number; lastResult: string }> }).credits ?? [])
    .map((c) => `${c.templateId}=${c.credits}/${c.lastResult}`)
    .join(',')
// what the caller holds afterwards, and that nobody else's count moved
const after = ({ me, w }: Ctx) => ({
  sql: `select coalesce(string_agg(template_id || '=' || credits, ',' order by template_id), 'none')
          || ' | student ' || coalesce((select credits::text from public.subscribe_credits
                                        where user_id = $2 and template_id = 'tpl-held'), 'none')
        from public.subscribe_credits where user_id = $1`,
  params: [me, w.users.student.id],
})

const mine = {
  accept: 'tpl-a=1/accept · tpl-a=1 | student 3',
  twice: 'tpl-a=2/reject · tpl-a=2 | student 3',
  bad: 'invalid',
  nulls: 'invalid',
  empty: 'invalid',
  noSub: 'denied',
}

/**
 * A user reports what wx.requestSubscribeMessage answered: each accept is one credit, for the
 * caller only (the report names no user). Malformed reports are refused whole.
 */
export default defineFunction({
  fn: 'app.record_subscribe_results(jsonb)',
  seed: async (db, w) => {
    await db.query(
      `insert into public.subscribe_credits (user_id, template_id, credits) values ($1, 'tpl-held', 3)
       on conflict do nothing`,
      [w.users.student.id],
    )
    return {}
  },
  calls: {
    accept: {
      args: () => [report({ templateId: 'tpl-a', result: 'accept' })],
      returns: credits,
      effect: after,
    },
    // two accepts and a later reject in one report: two credits, the last result kept
    twice: {
      args: () => [
        report(
          { templateId: 'tpl-a', result: 'accept' },
          { templateId: 'tpl-a', result: 'accept' },
          { templateId: 'tpl-a', result: 'reject' },
        ),
      ],
      returns: credits,
      effect: after,
    },
    bad: { args: () => [report({ templateId: 'tpl a!', result: 'accept' })] },
    nulls: { args: () => [null] },
    empty: { args: () => [report()] },
    noSub: { args: () => [report({ templateId: 'tpl-a', result: 'accept' })], setup: withoutSub },
  },
  cases: signedIn({
    applicant: mine,
    employer: mine,
    schoolStaff: mine,
    collegeStaff: mine,
    fairStaff: mine,
    admin: mine,
    // the student already held 3 of tpl-held: their own line shows it
    student: {
      ...mine,
      accept: 'tpl-a=1/accept · tpl-a=1,tpl-held=3 | student 3',
      twice: 'tpl-a=2/reject · tpl-a=2,tpl-held=3 | student 3',
    },
  }),
})
