/**
 * Splits a CSV file's bytes into uploads under the API's body limit, each repeating the header
 * line, cut only at line ends outside quotes. Works on bytes (the mini-program has no TextDecoder,
 * and the file may be GB18030): in UTF-8 and GB18030 alike, the bytes of '"', '\r' and '\n' never
 * occur inside another character. `firstRow` is the file row of the chunk's first data line.
 */
export interface CsvChunk {
  bytes: Uint8Array
  firstRow: number
}

const QUOTE = 0x22
const LF = 0x0a

/** Byte offsets just past each record's line end, and the file line each next record starts on. */
function recordEnds(data: Uint8Array): { end: number; nextLine: number }[] {
  const ends: { end: number; nextLine: number }[] = []
  let quoted = false
  let line = 1
  for (let i = 0; i < data.length; i++) {
    const b = data[i]
    if (b === QUOTE) quoted = !quoted
    else if (b === LF) {
      line++
      if (!quoted) ends.push({ end: i + 1, nextLine: line })
    }
  }
  if (ends.length === 0 || ends[ends.length - 1]!.end < data.length)
    ends.push({ end: data.length, nextLine: line + 1 })
  return ends
}

export function chunkCsv(data: Uint8Array, maxBytes: number): CsvChunk[] {
  const ends = recordEnds(data)
  const headerEnd = ends[0]!.end
  const header = data.subarray(0, headerEnd)
  const budget = maxBytes - header.length
  const chunks: CsvChunk[] = []
  let start = headerEnd
  let startLine = ends[0]!.nextLine
  let last = headerEnd
  let lastLine = startLine
  const flush = () => {
    if (last <= start) return
    const bytes = new Uint8Array(header.length + (last - start))
    bytes.set(header, 0)
    bytes.set(data.subarray(start, last), header.length)
    chunks.push({ bytes, firstRow: startLine })
    start = last
    startLine = lastLine
  }
  for (let k = 1; k < ends.length; k++) {
    const { end, nextLine } = ends[k]!
    if (end - start > budget && last > start) flush()
    if (end - start > budget) throw new Error('文件中有一行内容超过了单次上传的大小')
    last = end
    lastLine = nextLine
  }
  flush()
  return chunks
}
