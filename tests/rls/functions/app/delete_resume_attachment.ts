import { type Ctx, defineFunction, MISSING, signedIn, withoutSub } from '../spec'

type Label = 'mine' | 'deleted' | 'others'
const path = (owner: string, n: number) => `resumes/${owner}/00000000-0000-4000-8000-0000000000a${n}.pdf`
// the outcome, and whether it hands back the file to remove
const shown = (v: unknown) => {
  const o = v as { outcome?: string; remove_path?: string | null }
  return o.outcome === 'deleted'
    ? `deleted, ${o.remove_path ? 'remove file' : 'keep file'}`
    : String(o.outcome)
}
const stateOf =
  (label: Label) =>
  ({ rows }: Ctx) => ({
    sql: `select case when deleted_at is null then 'live' else 'deleted' end from public.resume_attachments where id = $1`,
    params: [rows[label]!.id],
  })
const aim = (label: Label) => ({
  args: ({ rows }: Ctx) => [rows[label]!.id],
  returns: shown,
  effect: stateOf(label),
})
const bystander = {
  mine: 'not_found · live',
  deleted: 'not_found · deleted',
  others: 'not_found · live',
  missing: 'not_found',
  nulls: 'invalid',
  noSub: 'denied',
}

/** Soft-deleting an attachment: only its owner, only a live one; the answer says whether to remove the file. */
export default defineFunction({
  fn: 'app.delete_resume_attachment(uuid)',
  seed: async (db, w) => {
    const add = async (owner: string, n: number, deleted: boolean) => {
      const r = await db.query<{ id: string }>(
        `insert into public.resume_attachments (user_id, file_name, storage_path, size_bytes, deleted_at)
         values ($1, 'a.pdf', $2, 10, case when $3 then now() end) returning id`,
        [owner, path(owner, n), deleted],
      )
      return { id: r.rows[0]!.id }
    }
    return {
      mine: await add(w.users.student.id, 1, false),
      deleted: await add(w.users.student.id, 2, true),
      others: await add(w.users.studentA2.id, 3, false),
    }
  },
  calls: {
    mine: aim('mine'),
    deleted: aim('deleted'),
    others: aim('others'),
    missing: { args: () => [MISSING], returns: shown },
    nulls: { args: () => [null] },
    noSub: { ...aim('mine'), setup: withoutSub },
  },
  cases: signedIn({
    student: { ...bystander, mine: 'deleted, remove file · deleted' },
    applicant: bystander,
    employer: bystander,
    schoolStaff: bystander,
    collegeStaff: bystander,
    fairStaff: bystander,
    admin: bystander,
  }),
})
