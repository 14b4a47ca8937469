/**
 * The parts of an .xlsx that the first sheet depends on, each read as a stream of XML events:
 * where the sheet is (package and workbook relationships), which styles are dates, the workbook's
 * date system, and the shared strings (with their own limits, since one part holds them all).
 */
import sax from 'sax'
import { AppError } from '../http/errors'
import type { ZipArchive } from './zip'

export interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>): void
  text?(text: string): void
  close?(name: string): void
}

/** The element's name without its namespace prefix (`x:row` → `row`). */
function local(name: string): string {
  return name.slice(name.indexOf(':') + 1)
}

/**
 * Streams one part through a strict SAX parser. sax hands long text over in pieces of at most
 * ~64 KB, so no single cell's text is ever held whole before a limit sees it, and it expands no
 * DTD entities (no "billion laughs").
 */
export async function readXml(zip: ZipArchive, part: string, h: XmlHandlers): Promise<void> {
  const p = sax.parser(true, { trim: false, normalize: false, position: false })
  p.onerror = (err) => {
    throw new AppError('bad_request', 'Excel 文件内容已损坏，无法读取', { cause: err })
  }
  if (h.open) {
    const open = h.open
    p.onopentag = (node) => open(local(node.name), node.attributes as Record<string, string>)
  }
  if (h.text) {
    p.ontext = h.text
    p.oncdata = h.text
  }
  if (h.close) {
    const close = h.close
    p.onclosetag = (name) => close(local(name))
  }
  await zip.readText(part, (text) => p.write(text))
  p.close()
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolveTarget(fromPart: string, target: string): string {
  const base = target.startsWith('/') ? [] : fromPart.split('/').slice(0, -1)
  for (const seg of target.replace(/^\//, '').split('/')) {
    if (seg === '..') base.pop()
    else if (seg !== '.' && seg !== '') base.push(seg)
  }
  return base.join('/')
}

function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/')
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`
}

/** Relationship id → { type suffix, resolved part name } for one part. */
async function readRels(
  zip: ZipArchive,
  part: string,
): Promise<Map<string, { type: string; target: string }>> {
  const out = new Map<string, { type: string; target: string }>()
  const rels = relsPartOf(part)
  if (!zip.has(rels)) return out
  await readXml(zip, rels, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Id || !a.Target || a.TargetMode === 'External') return
      out.set(a.Id, { type: (a.Type ?? '').split('/').pop() ?? '', target: resolveTarget(part, a.Target) })
    },
  })
  return out
}

export interface WorkbookParts {
  sheet: string
  sharedStrings: string | null
  styles: string | null
  date1904: boolean
}

export async function findWorkbookParts(zip: ZipArchive): Promise<WorkbookParts> {
  const root = await readRels(zip, '')
  const workbook = [...root.values()].find((r) => r.type === 'officeDocument')?.target ?? 'xl/workbook.xml'
  if (!zip.has(workbook)) throw new AppError('bad_request', '无法读取该 Excel 文件，请确认是 .xlsx 格式')
  let firstSheetRel: string | undefined
  let date1904 = false
  await readXml(zip, workbook, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true'
      if (name === 'sheet' && firstSheetRel === undefined) {
        firstSheetRel = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? ''
      }
    },
  })
  const rels = await readRels(zip, workbook)
  const sheet = firstSheetRel ? rels.get(firstSheetRel)?.target : undefined
  if (!sheet || !zip.has(sheet)) throw new AppError('bad_request', 'Excel 文件中没有工作表')
  const byType = (type: string) => {
    const t = [...rels.values()].find((r) => r.type === type)?.target
    return t && zip.has(t) ? t : null
  }
  return { sheet, sharedStrings: byType('sharedStrings'), styles: byType('styles'), date1904 }
}

/** Built-in number formats that show a date (incl. the CJK ones Chinese Excel uses: 27–36, 50–58). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
])

/** A custom format shows a date when, outside quotes and [brackets], it has a date or time letter. */
function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/\\./g, '')
  return /[ymdhsb]/i.test(bare)
}

/** Indexes of the cell styles (`s=` on a cell) whose number format is a date. */
export async function readDateStyles(zip: ZipArchive, part: string | null): Promise<Set<number>> {
  const dates = new Set<number>()
  if (!part) return dates
  const customDate = new Map<number, boolean>()
  let inCellXfs = false
  let xf = 0
  await readXml(zip, part, {
    open(name, a) {
      if (name === 'numFmt') customDate.set(Number(a.numFmtId), isDateFormatCode(a.formatCode ?? ''))
      else if (name === 'cellXfs') inCellXfs = true
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0)
        if (customDate.get(id) ?? DATE_FORMAT_IDS.has(id)) dates.add(xf)
        xf++
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false
    },
  })
  return dates
}

export const SHARED_STRING_LIMITS = { count: 1_000_000 } as const

/**
 * The shared strings, each the text of its runs (phonetic `rPh` runs are not text). One string
 * over `maxChars` or more than `SHARED_STRING_LIMITS.count` strings refuse the file at once.
 */
export async function readSharedStrings(
  zip: ZipArchive,
  part: string | null,
  maxChars: number,
): Promise<string[]> {
  const out: string[] = []
  if (!part) return out
  let current: string | null = null
  let inT = false
  let inPhonetic = false
  await readXml(zip, part, {
    open(name) {
      if (name === 'si') {
        if (out.length >= SHARED_STRING_LIMITS.count) {
          throw new AppError(
            'payload_too_large',
            `Excel 文件中的不同文字超过${SHARED_STRING_LIMITS.count}项，请分批上传`,
            {
              details: { limit: 'shared_strings', max: SHARED_STRING_LIMITS.count },
            },
          )
        }
        current = ''
      } else if (name === 'rPh') inPhonetic = true
      else if (name === 't' && current !== null && !inPhonetic) inT = true
    },
    text(text) {
      if (!inT || current === null) return
      current += text
      if (current.length > maxChars) {
        throw new AppError('validation_failed', `表格中有单元格超过${maxChars}个字符，请检查后重新上传`, {
          details: { limit: 'cell_chars', max: maxChars },
        })
      }
    },
    close(name) {
      if (name === 't') inT = false
      else if (name === 'rPh') inPhonetic = false
      else if (name === 'si' && current !== null) {
        out.push(current)
        current = null
      }
    },
  })
  return out
}
