/**
 * Writes a chunk of roster rows as the caller (RLS checks every row against the staff member's
 * school and college). Two statements, not one `on conflict do update`: reading `excluded.*` would
 * need SELECT on the ID-number hash and cipher, which staff are deliberately not granted.
 * New numbers are inserted; numbers that exist (including ones another import inserted a moment
 * ago) are updated unless their digest already matches, and a bound record's identity is never
 * overwritten (the where clause here, the roster_keep_bound_identity trigger in the database).
 */
import type { Db } from '../db/tx'
import { type RosterRow, sealIdentity } from './record'

export interface RowToWrite {
  value: RosterRow
  digest: string
}

/** One array per column, in the order of VALUES' parameters $2…$17. */
function columns(rows: RowToWrite[]): unknown[][] {
  const sealed = rows.map((r) => sealIdentity(r.value))
  const col = <T>(f: (r: RosterRow, i: number) => T) => rows.map((r, i) => f(r.value, i))
  return [
    col((r) => r.college),
    col((r) => r.major),
    col((r) => r.degreeLevel),
    col((r) => r.graduationYear),
    col((r) => r.studentNumber),
    col((r) => r.name),
    col((_, i) => sealed[i]!.idCardHash),
    col((_, i) => sealed[i]!.idCardMasked),
    col((_, i) => sealed[i]!.idCardCipher),
    col((r) => r.gender),
    col((r) => r.origin),
    col((r) => r.phone),
    rows.map((r) => r.digest),
    col((_, i) => sealed[i]!.identityDigest),
    col((r) => r.schoolingYears ?? null),
    col((r) => r.enrolledOn ?? null),
  ]
}

const VALUES = `unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[],
  $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
  $16::numeric[], $17::date[])
  as v (college, major, degree_level, graduation_year, student_number, name, id_card_hash,
        id_card_masked, id_card_cipher, gender, origin, phone, row_digest, identity_digest,
        schooling_years, enrolled_on)`

/** Returns the student numbers inserted and updated. */
export async function writeRosterRows(
  db: Db,
  schoolId: string,
  toInsert: RowToWrite[],
  toUpdate: RowToWrite[],
): Promise<{ inserted: Set<string>; updated: Set<string> }> {
  const inserted = new Set<string>()
  if (toInsert.length > 0) {
    const { rows } = await db.query<{ student_number: string }>(
      `insert into public.roster_entries (school_id, college, major, degree_level, graduation_year,
         student_number, name, id_card_hash, id_card_masked, id_card_cipher, gender, origin, phone,
         row_digest, identity_digest, schooling_years, enrolled_on)
       select $1, v.* from ${VALUES}
       on conflict (school_id, student_number) do nothing
       returning student_number`,
      [schoolId, ...columns(toInsert)],
    )
    for (const r of rows) inserted.add(r.student_number)
  }
  const rest = [...toUpdate, ...toInsert.filter((r) => !inserted.has(r.value.studentNumber))]
  const updated = new Set<string>()
  if (rest.length > 0) {
    const params = [schoolId, ...columns(rest)]
    // a free record takes every field
    const free = await db.query<{ student_number: string }>(
      `update public.roster_entries r set
         college = v.college, major = v.major, degree_level = v.degree_level,
         graduation_year = v.graduation_year, name = v.name, id_card_hash = v.id_card_hash,
         id_card_masked = v.id_card_masked, id_card_cipher = v.id_card_cipher, gender = v.gender,
         origin = v.origin, phone = v.phone, row_digest = v.row_digest,
         identity_digest = v.identity_digest, schooling_years = coalesce(v.schooling_years, r.schooling_years),
         enrolled_on = coalesce(v.enrolled_on, r.enrolled_on), updated_at = now()
       from ${VALUES}
       where r.school_id = $1 and r.student_number = v.student_number
         and r.row_digest is distinct from v.row_digest and r.bound_user_id is null
       returning r.student_number`,
      params,
    )
    // a bound record keeps its identity columns untouched (the trigger refuses any change to them,
    // and a fresh cipher of the same number is still a change): only the other fields, and only
    // when the row names the same person
    const bound = await db.query<{ student_number: string }>(
      `update public.roster_entries r set
         college = v.college, major = v.major, degree_level = v.degree_level,
         graduation_year = v.graduation_year, gender = v.gender, origin = v.origin, phone = v.phone,
         schooling_years = coalesce(v.schooling_years, r.schooling_years),
         enrolled_on = coalesce(v.enrolled_on, r.enrolled_on), row_digest = v.row_digest, updated_at = now()
       from ${VALUES}
       where r.school_id = $1 and r.student_number = v.student_number
         and r.row_digest is distinct from v.row_digest and r.bound_user_id is not null
         and r.identity_digest = v.identity_digest
       returning r.student_number`,
      params,
    )
    for (const r of [...free.rows, ...bound.rows]) updated.add(r.student_number)
  }
  return { inserted, updated }
}
