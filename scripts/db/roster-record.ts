/**
 * One roster record written by the system (demo data, test fixtures), sealed the way an import
 * seals it, so binding and re-imports treat it like any imported record.
 */
import { type RosterRow, rowDigest, sealIdentity } from '../../api/_lib/roster/record'

interface Queryable {
  query<R extends Record<string, unknown>>(sql: string, params: unknown[]): Promise<{ rows: R[] }>
}

/** The record's id, or null if the school already has that student number. */
export async function insertRosterRecord(
  db: Queryable,
  schoolId: string,
  row: RosterRow,
  boundUser: string | null = null,
): Promise<string | null> {
  const sealed = sealIdentity(row)
  const { rows } = await db.query<{ id: string }>(
    `insert into public.roster_entries (school_id, college, major, degree_level, graduation_year, student_number,
       name, id_card_hash, id_card_masked, id_card_cipher, gender, origin, phone, bound_user_id, bound_at,
       row_digest, identity_digest, schooling_years, enrolled_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
       case when $14::uuid is null then null else now() end, $15, $16, $17, $18)
     on conflict (school_id, student_number) do nothing
     returning id`,
    [
      schoolId,
      row.college,
      row.major,
      row.degreeLevel,
      row.graduationYear,
      row.studentNumber,
      row.name,
      sealed.idCardHash,
      sealed.idCardMasked,
      sealed.idCardCipher,
      row.gender,
      row.origin,
      row.phone,
      boundUser,
      rowDigest(schoolId, row),
      sealed.identityDigest,
      row.schoolingYears ?? null,
      row.enrolledOn ?? null,
    ],
  )
  return rows[0]?.id ?? null
}
