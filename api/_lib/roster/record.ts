/**
 * One validated roster row, and what is stored for it: the ID number only as hash, mask and cipher,
 * plus the digests that let a re-import recognise an unchanged row without reading the hash.
 */

import type { z } from 'zod'
import type { DegreeLevel, RosterFields } from '../../../src/contracts/binding'
import type { Gender } from '../../../src/contracts/roster'
import { maskIdCard } from '../identity/id-card'
import { encryptIdCard, hashIdCard, keyedDigest } from '../identity/secrets'

export interface RosterRow {
  college: string
  major: string
  degreeLevel: DegreeLevel
  graduationYear: number
  studentNumber: string
  name: string
  /** normalized, checksum-valid */
  idCard: string
  gender: Gender
  origin: string | null
  phone: string | null
  /** 学制 in years (4, 3, 2.5 …); optional in the file */
  schoolingYears?: number | null
  /** 入学日期, YYYY-MM-DD; optional in the file */
  enrolledOn?: string | null
}

export function rowDigest(schoolId: string, r: RosterRow): string {
  return keyedDigest('roster-row', [
    schoolId,
    r.college,
    r.major,
    r.degreeLevel,
    r.graduationYear,
    r.studentNumber,
    r.name,
    r.idCard,
    r.gender,
    r.origin,
    r.phone,
    // appended only when given, so the digests of files without these columns stay what they were
    ...(r.schoolingYears != null || r.enrolledOn != null
      ? [r.schoolingYears ?? null, r.enrolledOn ?? null]
      : []),
  ])
}

export function identityDigest(r: Pick<RosterRow, 'name' | 'idCard'>): string {
  return keyedDigest('roster-identity', [r.name, r.idCard])
}

export interface SealedIdentity {
  idCardHash: string
  idCardMasked: string
  idCardCipher: string
  identityDigest: string
}

export function sealIdentity(r: Pick<RosterRow, 'name' | 'idCard'>): SealedIdentity {
  return {
    idCardHash: hashIdCard(r.idCard),
    idCardMasked: maskIdCard(r.idCard),
    idCardCipher: encryptIdCard(r.idCard),
    identityDigest: identityDigest(r),
  }
}

/** The columns of public.roster_entries every reader of a record gets (never the hash or cipher). */
export function rosterFieldColumns(alias?: string): string {
  const cols = [
    'id',
    'college',
    'major',
    'degree_level',
    'graduation_year',
    'student_number',
    'name',
    'id_card_masked',
  ]
  return cols.map((c) => (alias ? `${alias}.${c}` : c)).join(', ')
}

export interface RosterFieldRow {
  id: string
  college: string
  major: string
  degree_level: DegreeLevel
  graduation_year: number
  student_number: string
  name: string
  id_card_masked: string
}

export function toRosterFields(r: RosterFieldRow): z.infer<typeof RosterFields> {
  return {
    id: r.id,
    college: r.college,
    major: r.major,
    degreeLevel: r.degree_level,
    graduationYear: r.graduation_year,
    studentNumber: r.student_number,
    name: r.name,
    idCardMasked: r.id_card_masked,
  }
}
