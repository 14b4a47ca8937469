import { randomInt } from 'node:crypto'
import { withServiceTx } from '../../api/_lib/db/tx'
import { maskIdCard, withCheckDigit } from '../../api/_lib/identity/id-card'
import { encryptIdCard, hashIdCard } from '../../api/_lib/identity/secrets'

/** A valid ID number for someone born in 2004 in Beijing's 110101. */
export function makeIdCard(): string {
  const day = String(randomInt(1, 28)).padStart(2, '0')
  const seq = String(randomInt(0, 999)).padStart(3, '0')
  return withCheckDigit(`11010120040${randomInt(1, 9)}${day}${seq}`)
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
  const id = await withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.roster_entries (school_id, college, major, degree_level, graduation_year, student_number,
         name, id_card_hash, id_card_masked, id_card_cipher, gender)
       values ($1, $2, '软件工程', $3, $4, $5, $6, $7, $8, $9, 'male') returning id`,
      [
        schoolId,
        e.college,
        o.degreeLevel ?? 'bachelor',
        o.graduationYear ?? 2027,
        e.studentNumber,
        e.name,
        hashIdCard(e.idCard),
        maskIdCard(e.idCard),
        encryptIdCard(e.idCard),
      ],
    )
    return rows[0]!.id
  })
  return { id, schoolId, ...e }
}
