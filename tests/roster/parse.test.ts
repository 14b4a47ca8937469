import { describe, expect, it } from 'vitest'
import { mapColumns } from '../../api/_lib/roster/columns'
import { parseCsv } from '../../api/_lib/roster/csv'
import { decodeText } from '../../api/_lib/roster/decode'
import { parseRow } from '../../api/_lib/roster/parse-row'
import { makeIdCard } from '../support/roster-fixtures'
import { HEADER } from './support'

const scope = { schoolName: '示范大学', schoolCode: 'demo', college: null }

describe('CSV records', () => {
  it('handles quotes, escaped quotes, embedded line breaks, CRLF and blank lines, and keeps line numbers', () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",z\nlast,'
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 4, cells: ['two\nlines', 'z'] },
      { line: 6, cells: ['last', ''] },
    ])
  })

  it('decodes UTF-8 with or without BOM, and GB18030 from Excel on Chinese Windows', () => {
    expect(decodeText(Buffer.from('\uFEFF学号,姓名', 'utf8'))).toBe('学号,姓名')
    expect(decodeText(Buffer.from('学号,姓名', 'utf8'))).toBe('学号,姓名')
    // 学号,姓名 in GB18030
    const gb = Buffer.from([0xd1, 0xa7, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb])
    expect(decodeText(gb)).toBe('学号,姓名')
  })
})

describe('header and row validation', () => {
  it('maps aliases and names the missing required columns', () => {
    expect(
      mapColumns(['院系', '专业名称', '学历', '届别', '学号', '姓名', '证件号码', '性别']),
    ).toMatchObject({
      college: 0,
      idCard: 6,
    })
    expect(() => mapColumns(['学号', '姓名'])).toThrow(/学院、专业、学历层次、毕业年份、身份证号、性别/)
  })

  it('gives every reason a row fails, in Chinese', () => {
    const cols = mapColumns(HEADER)
    const bad = parseRow(
      ['', '软件工程', '研修', '27', '2023/01', '王', '110101200403150010', '女', '', '1234'],
      cols,
      scope,
    )
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect(bad.reasons).toEqual([
      '学号只能包含数字、字母和短横线，且不超过32位',
      '学院不能为空',
      '学历层次“研修”无法识别，应为专科、本科、硕士或博士',
      '毕业年份“27”不正确，应为四位年份，如2027',
      '身份证号校验位不正确，请核对',
      '手机号“1234”格式不正确',
    ])
  })

  it('catches ID numbers Excel turned into floats and genders that contradict the ID number', () => {
    const cols = mapColumns(HEADER)
    const base = ['计算机学院', '软件工程', '本科', '2027届', '2023000001', '张三']
    const float = parseRow([...base, '1.10101200403151E+17', '男'], cols, scope)
    expect(!float.ok && float.reasons[0]).toMatch(/Excel 存成了数字/)
    const female = makeIdCard('女')
    const mismatch = parseRow([...base, female, '男'], cols, scope)
    expect(!mismatch.ok && mismatch.reasons).toEqual(['性别与身份证号不一致'])
    const ok = parseRow([...base, female.toLowerCase(), '女', '', '138 0013 8000'], cols, scope)
    expect(ok).toMatchObject({
      ok: true,
      row: { graduationYear: 2027, gender: 'female', phone: '13800138000' },
    })
  })

  it('holds college-level staff to their college and a school column to the school imported into', () => {
    const cols = mapColumns(['学校', ...HEADER])
    const cells = [
      '别的大学',
      '外国语学院',
      '英语',
      '本科',
      '2027',
      '2023000009',
      '李四',
      makeIdCard('男'),
      '男',
    ]
    const r = parseRow(cells, cols, { ...scope, college: '计算机学院' })
    expect(!r.ok && r.reasons).toEqual([
      '学校“别的大学”与本次导入的学校“示范大学”不一致',
      '只能导入本学院（计算机学院）的学生',
    ])
  })
})
