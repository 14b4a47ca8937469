/**
 * Pending manual reviews the review functions' entries share, made once per world with the
 * service role: `own` (the applicant's, at school A), `b` (applicantB's, at school B), `none`
 * (applicantNull's, no school: the platform reviews it).
 */

import type { Db } from '../../../api/_lib/db/tx'
import { maskIdCard } from '../../../api/_lib/identity/id-card'
import { encryptIdCard, hashIdCard } from '../../../api/_lib/identity/secrets'
import { makeIdCard } from '../../support/roster-fixtures'
import type { Row } from '../spec'
import type { World } from '../world'

export type ReviewLabel = 'own' | 'b' | 'none'

const made = new WeakMap<World, Promise<Record<ReviewLabel, Row>>>()

/** The fields of an application for a fresh ID number (the functions' arguments after the school). */
export function application(): {
  graduatedFrom: string
  name: string
  degreeLevel: string
  graduationYear: number
  major: string
  hash: string
  masked: string
  cipher: string
} {
  const idCard = makeIdCard()
  return {
    graduatedFrom: '外省某大学',
    name: '申请人',
    degreeLevel: 'bachelor',
    graduationYear: 2027,
    major: '软件工程',
    hash: hashIdCard(idCard),
    masked: maskIdCard(idCard),
    cipher: encryptIdCard(idCard),
  }
}

export function seedReviews(db: Db, w: World): Promise<Record<ReviewLabel, Row>> {
  let p = made.get(w)
  if (!p) {
    p = (async () => {
      const apply = async (userId: string, schoolId: string | null): Promise<Row> => {
        const a = application()
        const { rows } = await db.query<{ id: string }>(
          `insert into public.binding_reviews (user_id, school_id, graduated_from, name, degree_level,
             graduation_year, major, id_card_hash, id_card_masked, id_card_cipher)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
          [
            userId,
            schoolId,
            a.graduatedFrom,
            a.name,
            a.degreeLevel,
            a.graduationYear,
            a.major,
            a.hash,
            a.masked,
            a.cipher,
          ],
        )
        return { id: rows[0]!.id }
      }
      return {
        own: await apply(w.users.applicant.id, w.schools.a),
        b: await apply(w.users.applicantB.id, w.schools.b),
        none: await apply(w.users.applicantNull.id, null),
      }
    })()
    made.set(w, p)
  }
  return p
}

/** Effect: the status of a seeded review after the call. */
export const statusOf = (id: unknown) => ({
  sql: 'select status from public.binding_reviews where id = $1',
  params: [id],
})
