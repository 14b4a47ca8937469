import { randomInt } from 'node:crypto'
import { makeIdCard } from '../support/roster-fixtures'

export const HEADER = [
  '学院',
  '专业',
  '学历层次',
  '毕业年份',
  '学号',
  '姓名',
  '身份证号',
  '性别',
  '生源地',
  '手机号',
]

export interface CsvRow {
  college: string
  major: string
  degree: string
  year: string
  number: string
  name: string
  idCard: string
  gender: string
  origin: string
  phone: string
}

// unique within a test file, so a generated file never repeats a student number by chance
let serial = randomInt(0, 500_000)

export function row(o: Partial<CsvRow> = {}): CsvRow {
  const gender = (o.gender ?? '男') as '男' | '女'
  return {
    college: '计算机学院',
    major: '软件工程',
    degree: '本科',
    year: '2027',
    number: `2023${String(serial++).padStart(6, '0')}`,
    name: '测试学生',
    idCard: o.idCard ?? makeIdCard(gender === '女' ? '女' : '男'),
    gender,
    origin: '北京市',
    phone: '13800138000',
    ...o,
  }
}

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

/** A row's values in the template's column order (HEADER), for CSV lines and sheet rows alike. */
export function cells(r: CsvRow): string[] {
  return [r.college, r.major, r.degree, r.year, r.number, r.name, r.idCard, r.gender, r.origin, r.phone]
}

export function csv(rows: CsvRow[], header = HEADER): string {
  const lines = rows.map((r) => cells(r).map(cell).join(','))
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`
}
