/**
 * Destinations of the RLS and functions matrices (其他去向登记), seeded once per run with the
 * service role next to the signing world (whose students all have an approved agreement, so the
 * functions' own path would refuse them): own = student (A, CS), approved, with a decided request;
 * a2 = studentA2 (A, Lang) and b1 = studentB1 (B), submitted, each with a pending removal request.
 */
import type { Db } from '../../api/_lib/db/tx'
import { REVIEW_LABELS, type ReviewLabel, seedSigningWorld, type World } from './world'

export interface DestinationWorld {
  destination: Record<ReviewLabel, string>
  request: Record<ReviewLabel, string>
}

const STUDENT = { own: 'student', a2: 'studentA2', b1: 'studentB1' } as const
export const DESTINATION_FIELDS = { degree: 'master', school: '浙江大学', major: '计算机科学与技术' }

const worlds = new WeakMap<World, Promise<DestinationWorld>>()

export function seedDestinationWorld(db: Db, w: World): Promise<DestinationWorld> {
  let p = worlds.get(w)
  if (!p) {
    p = (async () => {
      await seedSigningWorld(db, w)
      const out = { destination: {}, request: {} } as DestinationWorld
      for (const l of REVIEW_LABELS) {
        const student = w.users[STUDENT[l]].id
        const proofs = {
          admission_letter: [`signing-proofs/${student}/3f1c2b8e-4a5d-4e6f-8a9b-0c1d2e3f4a5b.pdf`],
        }
        const { rows } = await db.query<{ id: string }>(
          `insert into public.destinations (student_id, school_id, college, category, fields, proof_keys, status,
             submitted_at, decided_at)
           select r.bound_user_id, r.school_id, r.college, 'further_study', $2, $3, $4, now(),
             case when $4 = 'approved' then now() end
           from public.roster_entries r where r.bound_user_id = $1 returning id`,
          [student, DESTINATION_FIELDS, proofs, l === 'own' ? 'approved' : 'submitted'],
        )
        out.destination[l] = rows[0]!.id
        const req = await db.query<{ id: string }>(
          `insert into public.destination_requests (destination_id, student_id, school_id, college, kind, reason, status,
             decided_at)
           select d.id, d.student_id, d.school_id, d.college, 'removal', '改为就业', $2, case when $2 = 'pending' then null else now() end
           from public.destinations d where d.id = $1 returning id`,
          [out.destination[l], l === 'own' ? 'withdrawn' : 'pending'],
        )
        out.request[l] = req.rows[0]!.id
      }
      return out
    })()
    worlds.set(w, p)
  }
  return p
}
