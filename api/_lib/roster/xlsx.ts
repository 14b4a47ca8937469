/**
 * The first worksheet of an .xlsx file as rows of text, with each row's sheet row number, read as
 * a stream with limits (rows, used columns, characters per cell, and the zip's limits in
 * `./zip.ts`): a hostile file is refused at the first cell past a limit, before the rest is read.
 * Numbers keep their digits (Excel stores long student numbers as numbers); an ID number that
 * Excel already turned into a float (over 15 significant digits) cannot be recovered and is
 * flagged by the caller. A date cell reads as its year (毕业年份 typed as a date).
 */
import { AppError } from '../http/errors'
import type { CsvRecord } from './csv'
import { findWorkbookParts, readDateStyles, readSharedStrings, readXml } from './xlsx-parts'
import { openZip } from './zip'

export const XLSX_LIMITS = {
  /** columns that hold a value; the import template has 10 */
  columns: 64,
  /** characters in one cell; an ID number is 18, an address a few dozen */
  cellChars: 1_000,
} as const

/** Column letters of a cell reference (`XFD1048576` → 16384); 0 when there are none. */
function columnOf(ref: string): number {
  let col = 0
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i)
    if (c < 65 || c > 90) break
    col = col * 26 + (c - 64)
    // past any real column: stop counting, the limit check refuses it
    if (col > 1_000_000) return col
  }
  return col
}

/** The column's letters, for messages staff can find in their sheet (1 → A, 28 → AB). */
function columnName(col: number): string {
  let s = ''
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

/** Excel's day numbers: days since 1899-12-30 (or 1904-01-01 in the 1904 date system). */
function yearOfSerial(serial: number, date1904: boolean): string {
  const ms = Math.round((serial - (date1904 ? -1462 : 25569)) * 86_400_000)
  return String(new Date(ms).getUTCFullYear())
}

interface CellContext {
  sharedStrings: string[]
  dateStyles: Set<number>
  date1904: boolean
}

function cellText(type: string, raw: string, style: number, ctx: CellContext): string {
  switch (type) {
    case 's':
      return ctx.sharedStrings[Number(raw)] ?? ''
    case 'str':
    case 'inlineStr':
      return raw
    case 'b':
      return raw === '1' || raw === 'true' ? 'TRUE' : 'FALSE'
    case 'e':
      return ''
    case 'd': {
      const t = Date.parse(raw)
      return Number.isNaN(t) ? raw : String(new Date(t).getUTCFullYear())
    }
    default: {
      const value = Number(raw)
      if (raw.trim() === '' || Number.isNaN(value)) return raw
      if (ctx.dateStyles.has(style)) return yearOfSerial(value, ctx.date1904)
      // past 2^53 the digits are already gone (Excel keeps 15); the exponent form says so downstream
      return Number.isSafeInteger(value) ? value.toFixed(0) : value.toExponential()
    }
  }
}

/** `maxRecords`: header included; one more non-empty row refuses the file. */
export async function readXlsx(
  data: Buffer,
  opts: { maxRecords: number; tooManyRows: string },
): Promise<CsvRecord[]> {
  const zip = await openZip(data)
  const parts = await findWorkbookParts(zip)
  const ctx: CellContext = {
    sharedStrings: await readSharedStrings(zip, parts.sharedStrings, XLSX_LIMITS.cellChars),
    dateStyles: await readDateStyles(zip, parts.styles),
    date1904: parts.date1904,
  }
  const out: CsvRecord[] = []
  let rowNumber = 0
  let cells: string[] = []
  let col = 0
  let type = 'n'
  let style = 0
  let raw: string | null = null
  let collecting = false
  let inInline = false
  let inPhonetic = false

  const startValue = () => {
    if (col > XLSX_LIMITS.columns) {
      throw new AppError(
        'validation_failed',
        `第${rowNumber}行第${columnName(col)}列有内容：表格最多使用${XLSX_LIMITS.columns}列，请删除多余的列`,
        { details: { limit: 'columns', max: XLSX_LIMITS.columns, row: rowNumber, column: columnName(col) } },
      )
    }
    raw ??= ''
  }

  await readXml(zip, parts.sheet, {
    open(name, a) {
      if (name === 'row') {
        rowNumber = a.r ? Number.parseInt(a.r, 10) || rowNumber + 1 : rowNumber + 1
        cells = []
        col = 0
      } else if (name === 'c') {
        col = (a.r && columnOf(a.r)) || col + 1
        type = a.t ?? 'n'
        style = a.s ? Number(a.s) : 0
        raw = null
      } else if (name === 'v') {
        startValue()
        collecting = true
      } else if (name === 'is') {
        startValue()
        inInline = true
      } else if (name === 'rPh') inPhonetic = true
      else if (name === 't' && inInline && !inPhonetic) collecting = true
    },
    text(text) {
      if (!collecting) return
      raw += text
      if ((raw as string).length > XLSX_LIMITS.cellChars) {
        throw new AppError(
          'validation_failed',
          `第${rowNumber}行第${columnName(col)}列的内容超过${XLSX_LIMITS.cellChars}个字符，请检查后重新上传`,
          {
            details: {
              limit: 'cell_chars',
              max: XLSX_LIMITS.cellChars,
              row: rowNumber,
              column: columnName(col),
            },
          },
        )
      }
    },
    close(name) {
      if (name === 'v' || name === 't') collecting = false
      else if (name === 'rPh') inPhonetic = false
      else if (name === 'is') inInline = false
      else if (name === 'c' && raw !== null) {
        const text = cellText(type, raw, style, ctx)
        if (text !== '') {
          while (cells.length < col - 1) cells.push('')
          cells[col - 1] = text
        }
      } else if (name === 'row' && cells.some((c) => c.trim() !== '')) {
        if (out.length >= opts.maxRecords) {
          throw new AppError('payload_too_large', opts.tooManyRows, {
            details: { limit: 'rows', max: opts.maxRecords - 1 },
          })
        }
        out.push({ line: rowNumber, cells })
      }
    },
  })
  return out
}
