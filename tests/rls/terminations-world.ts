/**
 * The terminations of the RLS matrix, on top of the signing world's approved agreements (memoised
 * per world, made with the service role): own (student, company A), a2 (studentA2, school A Lang,
 * company A), b1 (studentB1, school B, company B), each proposed by the student and withdrawn, so
 * no open one stands in the way of the function entries (each moves a row to the state it needs in
 * its own rolled-back transaction).
 */
import type { Db } from '../../api/_lib/db/tx'
import { REVIEW_LABELS, type ReviewLabel, seedSigningWorld, type World } from './world'

export type TerminationWorld = {
  termination: Record<ReviewLabel, string>
  agreement: Record<ReviewLabel, string>
}
const worlds = new WeakMap<World, Promise<TerminationWorld>>()

export function seedTerminationWorld(db: Db, w: World): Promise<TerminationWorld> {
  let p = worlds.get(w)
  if (!p) {
    p = (async () => {
      const s = await seedSigningWorld(db, w)
      const termination = {} as Record<ReviewLabel, string>
      for (const l of REVIEW_LABELS) {
        const { rows } = await db.query<{ id: string }>(
          `insert into public.terminations (agreement_id, student_id, school_id, college, company_id, proposed_by,
             proposer_role, type, reason, status)
           select a.id, a.student_id, a.school_id, a.college, a.company_id, a.student_id, 'student', 'mutual',
             '双方协商一致', 'withdrawn'
           from public.agreements a where a.id = $1 returning id`,
          [s.agreement[l]],
        )
        termination[l] = rows[0]!.id
      }
      return { termination, agreement: s.agreement }
    })()
    worlds.set(w, p)
  }
  return p
}
