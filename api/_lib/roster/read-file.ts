/** The uploaded bytes → header and data records, whatever the staff member's spreadsheet saved. */
import { AppError } from '../http/errors'
import { type CsvRecord, parseCsv } from './csv'
import { decodeText } from './decode'
import { readXlsx } from './xlsx'

function tooManyRows(maxRows: number): string {
  return `单次最多导入${maxRows}行，请分批上传`
}

export interface RosterTable {
  header: string[]
  /** data records with the row number the staff member sees in their file */
  rows: { row: number; cells: string[] }[]
}

/** Rows beyond `maxRows` are refused; an XLSX (which inflates far past its upload size) stops reading there. */
export async function readRosterFile(
  data: Buffer | string,
  firstRow: number,
  maxRows: number,
): Promise<RosterTable> {
  let records: CsvRecord[]
  let sheetRows = false
  if (typeof data === 'string') records = parseCsv(data)
  else if (data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) {
    records = await readXlsx(data, { maxRecords: maxRows + 1, tooManyRows: tooManyRows(maxRows) })
    sheetRows = true
  } else if (data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) {
    throw new AppError('bad_request', '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV 后上传')
  } else records = parseCsv(decodeText(data))
  const [head, ...body] = records
  if (body.length > maxRows) throw new AppError('payload_too_large', tooManyRows(maxRows))
  if (!head) throw new AppError('validation_failed', '文件是空的，请按导入模板填写后上传')
  const dataStart = head.line + 1
  return {
    header: head.cells,
    rows: body.map((r) => ({ row: sheetRows ? r.line : firstRow + (r.line - dataStart), cells: r.cells })),
  }
}
