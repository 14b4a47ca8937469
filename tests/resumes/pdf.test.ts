/**
 * renderResumePdf (api/_lib/resumes/pdf.ts): a real PDF with Noto Sans SC embedded as a subset,
 * whose text poppler reads back (selectable, searchable), one page under 300 KB for a full resume,
 * more pages for a long one, English labels for the English resume, and any stored JSON accepted.
 */
import { describe, expect, it } from 'vitest'
import { renderResumePdf } from '../../api/_lib/resumes/pdf'
import { pdfFonts, pdfPages, pdfText } from './pdf-tools'
import { FULL_EN, FULL_ZH, longResume } from './samples'

describe('resume PDF', () => {
  it('a full Chinese resume: one page, under 300 KB, its text (name included) readable by pdftotext', async () => {
    const pdf = await renderResumePdf(FULL_ZH, 'zh')
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.length).toBeLessThan(300 * 1024)
    expect(pdfPages(pdf)).toBe(1)
    const text = pdfText(pdf)
    // rare name characters (玙 昳) are in the font: no empty boxes, no missing text
    expect(text).toContain('林玙昳')
    for (const s of [
      '教育背景',
      '浙江大学',
      '后端开发实习生',
      '13800138000',
      '自我评价',
      '2020.09 – 2024.06',
    ]) {
      expect(text).toContain(s)
    }
  })

  it('embeds only subsets of the npm font, each with a ToUnicode map (no system font is used)', async () => {
    const fonts = pdfFonts(await renderResumePdf(FULL_ZH, 'zh'))
    expect(fonts.length).toBeGreaterThan(0)
    for (const f of fonts) {
      expect(f.name).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/)
      expect(f).toMatchObject({ emb: true, sub: true, uni: true })
    }
  })

  it('a long resume flows onto further pages, numbered', async () => {
    const pdf = await renderResumePdf(longResume(), 'zh')
    const pages = pdfPages(pdf)
    expect(pages).toBeGreaterThan(2)
    const text = pdfText(pdf)
    expect(text).toMatch(new RegExp(`第\\s*${pages}\\s*页\\s*/\\s*共\\s*${pages}\\s*页`))
    expect(text).toContain('第10家公司')
    expect(text).toContain('项目10')
  })

  it('the English resume has English headings and keeps a Chinese name', async () => {
    const text = pdfText(await renderResumePdf(FULL_EN, 'en'))
    expect(text).toContain('Lin Yuyi 林玙昳')
    for (const s of ['Education', 'Internships', "Bachelor's", 'Position: Backend Engineer'])
      expect(text).toContain(s)
    expect(text).not.toContain('教育背景')
  })

  it('renders whatever is stored: wrong types are left out, an empty resume still makes a page', async () => {
    const odd = {
      personal: { name: '王五', phone: 13800138000 },
      education: 'none',
      skills: [null, { name: 'Go' }],
    }
    const text = pdfText(await renderResumePdf(odd, 'zh'))
    expect(text).toContain('王五')
    expect(text).toContain('Go')
    expect(text).not.toContain('13800138000')
    const empty = await renderResumePdf({}, 'zh')
    expect(pdfPages(empty)).toBe(1)
    expect(pdfText(empty)).toContain('个人简历')
  })
})
