import { randomInt } from 'node:crypto'
import { withServiceTx } from '../../api/_lib/db/tx'
import { withCheckDigit } from '../../api/_lib/identity/id-card'
import type { RosterRow } from '../../api/_lib/roster/record'
import { insertRosterRecord } from '../../scripts/db/roster-record'

/**
 * A valid ID number for someone born in 2004 in Beijing's 110101; with `gender`, its gender digit
 * (the 17th: odd for men) agrees, as roster imports check.
 */
export function makeIdCard(gender?: '男' | '女'): string {
  const day = String(randomInt(1, 28)).padStart(2, '0')
  let seq = randomInt(0, 999)
  if (gender) seq = seq - (seq % 2) + (gender === '男' ? 1 : 0)
  return withCheckDigit(`11010120040${randomInt(1, 9)}${day}${String(Math.min(seq, 999)).padStart(3, '0')}`)
}

export interface RosterFixture {
  id: string
  schoolId: string
  studentNumber: string
  name: string
  idCard: string
  college: string
}

export async function makeRosterEntry(
  schoolId: string,
  o: Partial<Omit<RosterFixture, 'id' | 'schoolId'>> & { degreeLevel?: string; graduationYear?: number } = {},
): Promise<RosterFixture> {
  const e = {
    studentNumber: o.studentNumber ?? `2023${randomInt(100000, 999999)}`,
    name: o.name ?? '测试学生',
    idCard: o.idCard ?? makeIdCard(),
    college: o.college ?? '计算机学院',
  }
  const row: RosterRow = {
    college: e.college,
    major: '软件工程',
    degreeLevel: (o.degreeLevel ?? 'bachelor') as RosterRow['degreeLevel'],
    graduationYear: o.graduationYear ?? 2027,
    studentNumber: e.studentNumber,
    name: e.name,
    idCard: e.idCard,
    gender: Number(e.idCard[16]) % 2 === 1 ? 'male' : 'female',
    origin: null,
    phone: null,
    schoolingYears: 4,
    enrolledOn: '2023-09-01',
  }
  const id = await withServiceTx('test fixture', async (db) => insertRosterRecord(db, schoolId, row))
  if (!id) throw new Error(`student number ${row.studentNumber} already in the roster`)
  return { id, schoolId, ...e }
}
