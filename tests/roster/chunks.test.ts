import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../api/_lib/roster/csv'
import { chunkCsv } from '../../src/packages/staff/roster/csv-chunks'

describe('CSV chunks for upload', () => {
  it('cuts at line ends outside quotes, repeats the header, stays under the limit, and keeps row numbers', () => {
    const lines = ['学号,姓名,备注']
    for (let i = 0; i < 200; i++)
      lines.push(i % 7 === 0 ? `${i},学生${i},"多行\n备注, 含逗号"` : `${i},学生${i},`)
    const text = `${lines.join('\r\n')}\r\n`
    const bytes = new Uint8Array(Buffer.from(text, 'utf8'))
    const chunks = chunkCsv(bytes, 400)
    expect(chunks.length).toBeGreaterThan(5)
    const seen: { row: number; number: string }[] = []
    for (const c of chunks) {
      expect(c.bytes.length).toBeLessThanOrEqual(400)
      const records = parseCsv(Buffer.from(c.bytes).toString('utf8'))
      expect(records[0]!.cells).toEqual(['学号', '姓名', '备注'])
      for (const r of records.slice(1)) seen.push({ row: c.firstRow + (r.line - 2), number: r.cells[0]! })
    }
    // every record once, in order, with the line it has in the whole file
    const whole = parseCsv(text).slice(1)
    expect(seen).toEqual(whole.map((r) => ({ row: r.line, number: r.cells[0]! })))
  })

  it('handles a file without a final line break, and refuses a line bigger than one upload', () => {
    const bytes = new Uint8Array(Buffer.from('a,b\n1,2\n3,4', 'utf8'))
    const chunks = chunkCsv(bytes, 1000)
    expect(chunks).toHaveLength(1)
    expect(Buffer.from(chunks[0]!.bytes).toString()).toBe('a,b\n1,2\n3,4')
    expect(() => chunkCsv(new Uint8Array(Buffer.from(`a\n${'x'.repeat(50)}\n`)), 20)).toThrow(/超过/)
  })
})
