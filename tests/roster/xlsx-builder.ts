/**
 * Builds .xlsx files byte by byte at test time (no binaries in the repository): a minimal zip
 * writer over node:zlib, so a test can also write what no spreadsheet program would — a cell at
 * XFD1048576, a 300 MB string deflated to a few hundred KB, an entry that lies about its size.
 */
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'

export interface ZipPart {
  name: string
  /** deflated bytes, their real inflated size and CRC */
  raw: Buffer
  size: number
  crc: number
  /** the inflated size written into the headers, when it should lie */
  declaredSize?: number
}

export function part(name: string, text: string): ZipPart {
  const data = Buffer.from(text, 'utf8')
  return { name, raw: deflateRawSync(data), size: data.length, crc: crc32(data) }
}

/** `head + unit × times + tail`, deflated as a stream: the inflated text never exists in memory. */
export async function repeatedPart(name: string, head: string, unit: string, times: number, tail: string) {
  const deflate = createDeflateRaw({ level: 6 })
  const out: Buffer[] = []
  deflate.on('data', (c: Buffer) => out.push(c))
  const done = new Promise((resolve) => deflate.on('end', resolve))
  let size = 0
  let crc = 0
  const write = async (b: Buffer) => {
    size += b.length
    crc = crc32(b, crc)
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r))
  }
  await write(Buffer.from(head))
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor((1 << 20) / unit.length))))
  const perBlock = block.length / Buffer.byteLength(unit)
  let left = times
  for (; left >= perBlock; left -= perBlock) await write(block)
  if (left > 0) await write(Buffer.from(unit.repeat(left)))
  await write(Buffer.from(tail))
  deflate.end()
  await done
  return { name, raw: Buffer.concat(out), size, crc } satisfies ZipPart
}

export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8')
    const size = p.declaredSize ?? p.size
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(8, 8) // deflate
    local.writeUInt32LE(p.crc >>> 0, 14)
    local.writeUInt32LE(p.raw.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, p.raw)
    const cd = Buffer.alloc(46)
    cd.writeUInt32LE(0x02014b50, 0)
    cd.writeUInt16LE(20, 4)
    cd.writeUInt16LE(20, 6)
    cd.writeUInt16LE(0x0800, 8)
    cd.writeUInt16LE(8, 10)
    cd.writeUInt32LE(p.crc >>> 0, 16)
    cd.writeUInt32LE(p.raw.length, 20)
    cd.writeUInt32LE(size, 24)
    cd.writeUInt16LE(name.length, 28)
    cd.writeUInt32LE(offset, 42)
    central.push(cd, name)
    offset += local.length + name.length + p.raw.length
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(cdSize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, ...central, end])
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>`
export const SHEET_TAIL = '</sheetData></worksheet>'

/** The package around a sheet: content types, relationships, workbook, optional strings/styles. */
export function xlsxParts(
  sheet: ZipPart,
  extra: { sharedStrings?: ZipPart; styles?: ZipPart } = {},
): ZipPart[] {
  const rels = [
    `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`,
    extra.sharedStrings && `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`,
    extra.styles && `<Relationship Id="rId3" Type="${REL}/styles" Target="/xl/styles.xml"/>`,
  ].filter(Boolean)
  return [
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    part(
      '_rels/.rels',
      `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="生源" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    part('xl/_rels/workbook.xml.rels', `<Relationships xmlns="${PKG}">${rels.join('')}</Relationships>`),
    { ...sheet, name: 'xl/worksheets/sheet1.xml' },
    ...(extra.sharedStrings ? [{ ...extra.sharedStrings, name: 'xl/sharedStrings.xml' }] : []),
    ...(extra.styles ? [{ ...extra.styles, name: 'xl/styles.xml' }] : []),
  ]
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** One `<row>` of inline-string cells from A. */
export function inlineRow(r: number, values: string[]): string {
  const cells = values.map((v, i) => {
    const ref = `${String.fromCharCode(65 + i)}${r}`
    return `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`
  })
  return `<row r="${r}">${cells.join('')}</row>`
}

export function sheetOf(rows: string[]): ZipPart {
  return part('sheet', `${SHEET_HEAD}${rows.join('')}${SHEET_TAIL}`)
}
