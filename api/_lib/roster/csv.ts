/**
 * CSV as spreadsheets write it (RFC 4180): quoted fields may hold commas, quotes ("") and line
 * breaks; lines end in LF or CRLF. Returns each record with the file line it started on.
 */
export interface CsvRecord {
  line: number
  cells: string[]
}

export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let recordLine = 1
  let i = 0
  const n = text.length
  const endRecord = () => {
    cells.push(cell)
    // a blank line is not a record
    if (cells.length > 1 || cells[0] !== '') out.push({ line: recordLine, cells })
    cells = []
    cell = ''
  }
  while (i < n) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i += 2
          continue
        }
        quoted = false
      } else {
        if (ch === '\n') line++
        cell += ch
      }
      i++
      continue
    }
    if (ch === '"' && cell === '') quoted = true
    else if (ch === ',') {
      cells.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else cell += ch
    i++
  }
  if (cell !== '' || cells.length > 0) endRecord()
  return out
}
