/**
 * One validated roster row, and what is stored for it: the ID number only as hash, mask and cipher,
 * plus the digests that let a re-import recognise an unchanged row without reading the hash.
 */
import type { DegreeLevel } from '../../../src/contracts/binding'
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
  gender: 'male' | 'female'
  origin: string | null
  phone: string | null
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
