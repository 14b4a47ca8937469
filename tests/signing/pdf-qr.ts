/**
 * Reading an agreement PDF the way a phone would: page 1 rendered to a PNG by poppler's pdftoppm
 * (not by our code), the QR code found in it by jsqr (not by uqr, which drew it), and the link's
 * number and signature taken out of the hash route.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { decodePng } from '../wechat/decode'

/** Page `page` of the PDF as a PNG at `dpi`. */
export function pdfPagePng(pdf: Buffer, page = 1, dpi = 150): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'agreement-pdf-'))
  try {
    const file = path.join(dir, 'a.pdf')
    writeFileSync(file, pdf)
    const out = path.join(dir, 'page')
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      out,
    ])
    return readFileSync(`${out}.png`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The text of the QR code on the PDF's first page (throws when there is none). */
export function qrOfPdf(pdf: Buffer): string {
  const text = decodePng(pdfPagePng(pdf)).text
  if (!text) throw new Error('no QR code found on page 1 of the PDF')
  return text
}

/** `no` and `s` of the verification link `<base>/#/packages/verify/pages/agreement/index?no=…&s=…`. */
export function verifyParams(url: string): { no: string; s: string; route: string; origin: string } {
  const u = new URL(url)
  const [route, query = ''] = u.hash.replace(/^#/, '').split('?')
  const q = new URLSearchParams(query)
  return { no: q.get('no') ?? '', s: q.get('s') ?? '', route: route ?? '', origin: u.origin }
}
