import { execFileSync } from 'node:child_process'

/** The text poppler's pdftotext reads from a PDF (what a reader's search and copy see). */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8')
}

/** The PDF's page count, by poppler's pdfinfo. */
export function pdfPages(pdf: Buffer): number {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8')
  const m = /^Pages:\s+(\d+)/m.exec(info)
  if (!m) throw new Error(`pdfinfo printed no page count:\n${info}`)
  return Number(m[1])
}

/** pdffonts' table rows: name, type, whether embedded, subset and with a ToUnicode map. */
export function pdfFonts(pdf: Buffer): Array<{ name: string; emb: boolean; sub: boolean; uni: boolean }> {
  const out = execFileSync('pdffonts', ['-'], { input: pdf }).toString('utf8').split('\n').slice(2)
  return out
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/)
      // … emb sub uni object ID: the three flags are the 5th–3rd columns from the end
      const [emb, sub, uni] = cols.slice(-5, -2)
      return { name: cols[0]!, emb: emb === 'yes', sub: sub === 'yes', uni: uni === 'yes' }
    })
}
