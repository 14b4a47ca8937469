/**
 * The first worksheet of an .xlsx file as rows of text, with each row's sheet row number. Numbers
 * keep their digits (Excel stores long student numbers as numbers); an ID number that Excel already
 * turned into a float (over 15 significant digits) cannot be recovered and is flagged by the caller.
 */
import ExcelJS from 'exceljs'
import { AppError } from '../http/errors'
import type { CsvRecord } from './csv'

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') {
    // past 2^53 the digits are already gone (Excel keeps 15); the exponent form says so downstream
    return Number.isSafeInteger(value) ? value.toFixed(0) : value.toExponential()
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return String(value.getUTCFullYear())
  if ('richText' in value) return value.richText.map((t) => t.text).join('')
  if ('text' in value && typeof value.text === 'string') return value.text
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
  if ('error' in value) return ''
  return String(value)
}

export async function readXlsx(data: Buffer): Promise<CsvRecord[]> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer)
  } catch (err) {
    throw new AppError('bad_request', '无法读取该 Excel 文件，请确认是 .xlsx 格式', { cause: err })
  }
  const sheet = wb.worksheets[0]
  if (!sheet) throw new AppError('bad_request', 'Excel 文件中没有工作表')
  const out: CsvRecord[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    const values = row.values as ExcelJS.CellValue[]
    // row.values is 1-based
    for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]))
    if (cells.some((c) => c.trim() !== '')) out.push({ line: rowNumber, cells })
  })
  return out
}
