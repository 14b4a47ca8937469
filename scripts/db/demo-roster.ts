/**
 * The demo roster: computed here, not in seed.sql, because the ID-number hash and cipher depend on
 * the deployment's ID_CARD_KEY. Demo students 张三/李四/王五 are bound to their records; 陈小明 and
 * 林小红 are left unbound so the binding flow can be tried (numbers printed by `npm start`).
 */
import type pg from 'pg'
import { withCheckDigit } from '../../api/_lib/identity/id-card'
import type { RosterRow } from '../../api/_lib/roster/record'
import { insertRosterRecord } from './roster-record'

const SCHOOL_1 = '00000000-0000-4000-8000-000000000001'
const SCHOOL_2 = '00000000-0000-4000-8000-000000000002'

export interface DemoRosterEntry {
  school: string
  studentNumber: string
  name: string
  idCard: string
  college: string
  major: string
  gender: 'male' | 'female'
  boundUser: string | null
}

export const DEMO_ROSTER: DemoRosterEntry[] = [
  [
    '2023000001',
    '张三',
    '11010120040315001',
    '计算机学院',
    '软件工程',
    'male',
    '00000000-0000-4000-8000-000000001001',
  ],
  [
    '2023000002',
    '李四',
    '11010120040612002',
    '计算机学院',
    '数据科学',
    'male',
    '00000000-0000-4000-8000-000000001002',
  ],
  ['2023000004', '陈小明', '11010120041120003', '经济管理学院', '会计学', 'male', null],
  ['2023000005', '林小红', '11010520050218004', '外国语学院', '英语', 'female', null],
].map(([studentNumber, name, first17, college, major, gender, boundUser]) => ({
  school: SCHOOL_1,
  studentNumber: studentNumber!,
  name: name!,
  idCard: withCheckDigit(first17!),
  college: college!,
  major: major!,
  gender: gender as 'male' | 'female',
  boundUser: boundUser ?? null,
}))
DEMO_ROSTER.push({
  school: SCHOOL_2,
  studentNumber: 'B2023001',
  name: '王五',
  idCard: withCheckDigit('23010220030808005'),
  college: '机械工程学院',
  major: '机械设计制造及其自动化',
  gender: 'male',
  boundUser: '00000000-0000-4000-8000-000000001003',
})

export async function seedDemoRoster(client: pg.Client): Promise<void> {
  for (const e of DEMO_ROSTER) {
    const row: RosterRow = {
      college: e.college,
      major: e.major,
      degreeLevel: 'bachelor',
      graduationYear: 2027,
      studentNumber: e.studentNumber,
      name: e.name,
      idCard: e.idCard,
      gender: e.gender,
      origin: '北京市',
      phone: null,
      schoolingYears: 4,
      enrolledOn: '2023-09-01',
    }
    await insertRosterRecord(client, e.school, row, e.boundUser)
    if (e.boundUser) {
      await client.query(
        'update public.app_users set verified_at = coalesce(verified_at, now()) where id = $1',
        [e.boundUser],
      )
    }
  }
}
