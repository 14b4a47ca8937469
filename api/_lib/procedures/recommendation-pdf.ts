import PDFDocument from 'pdfkit'
import { DEGREE_LEVEL_LABELS, type DegreeLevel } from '../../../src/contracts/binding'
import { type EducationEntry, GENDER_LABELS, type Recommendation } from '../../../src/contracts/procedures'
import type { Db } from '../db/tx'
import { withoutControls } from '../resumes/attachments'
import { resumeFonts } from '../resumes/fonts'
import { notBound, procedureError } from './errors'
import { findRecommendation } from './recommendation'

/**
 * The approved 就业推荐表 as a PDF: the resume's machinery (pdfkit, Noto Sans SC embedded as a
 * subset with a ToUnicode map, so the text is real text), one A4 page of labelled boxes like the
 * paper form — the student's record, health, education history as a table, positions, awards,
 * self-evaluation, then 学院意见 and 推荐意见 with the decision's date.
 */

export interface RecommendationSheet {
  form: Recommendation
  name: string
  gender: string
  schoolName: string
  college: string
  major: string
  degreeLevel: DegreeLevel
  graduationYear: number
  studentNumber: string
}

/** What the PDF shows, read as the caller; 409 until the form is approved. */
export async function recommendationSheet(db: Db): Promise<RecommendationSheet> {
  const { rows } = await db.query<{
    name: string
    gender: string
    school_name: string
    college: string
    major: string
    degree_level: DegreeLevel
    graduation_year: number
    student_number: string
  }>(
    `select r.name, r.gender, sc.name as school_name, r.college, r.major, r.degree_level, r.graduation_year,
       r.student_number
     from public.roster_entries r join public.schools sc on sc.id = r.school_id
     where r.bound_user_id = auth.uid()`,
  )
  const who = rows[0]
  if (!who) throw notBound()
  const form = await findRecommendation(db)
  if (form?.status !== 'approved') {
    throw procedureError('conflict', 'recommendation_not_approved', '推荐表审核通过后才能下载', {
      details: { status: form?.status ?? 'draft' },
    })
  }
  return {
    form,
    name: who.name,
    gender: GENDER_LABELS[who.gender as keyof typeof GENDER_LABELS] ?? who.gender,
    schoolName: who.school_name,
    college: who.college,
    major: who.major,
    degreeLevel: who.degree_level,
    graduationYear: who.graduation_year,
    studentNumber: who.student_number,
  }
}

/** 林玙昳-就业推荐表.pdf */
export function recommendationFileName(name: string): string {
  const clean = withoutControls(name)
    .replace(/[\\/:*?"<>|]/g, '')
    .trim()
  return `${Array.from(clean).slice(0, 30).join('') || '就业推荐表'}-就业推荐表.pdf`
}

/** 2026年6月1日, in China's time zone */
export function chineseDate(iso: string | null): string {
  if (!iso) return ''
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date(iso))
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  return `${get('year')}年${get('month')}月${get('day')}日`
}

const INK = '#1f2328'
const GRAY = '#57606a'
const LINE = '#444c56'

function month(s: string): string {
  return /^\d{4}-\d{2}$/.test(s) ? s.replace('-', '.') : s
}

export async function renderRecommendationPdf(s: RecommendationSheet): Promise<Buffer> {
  const fonts = resumeFonts()
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 40, bottom: 40, left: 45, right: 45 },
    font: null as unknown as string,
    info: { Title: `${s.name}的就业推荐表`, Author: s.schoolName, Creator: '校园就业' },
    lang: 'zh-CN',
  })
  // pdfkit takes a parsed fontkit font as the source (its types name only paths and buffers)
  doc.registerFont('B', fonts.bold as unknown as string)
  doc.registerFont('R', fonts.regular as unknown as string)
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (b: Buffer) => chunks.push(b))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  new Sheet(doc).render(s)
  doc.end()
  return done
}

/** The form as rows of boxes: a label cell on the left, the content to its right. */
class Sheet {
  private readonly x: number
  private readonly width: number
  private y: number
  private readonly labelWidth = 78

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.x = doc.page.margins.left
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right
    this.y = doc.page.margins.top
  }

  render(s: RecommendationSheet): void {
    const { doc } = this
    doc.font('B').fontSize(18).fillColor(INK)
    doc.text(`${s.schoolName}毕业生就业推荐表`, this.x, this.y, { width: this.width, align: 'center' })
    this.y = doc.y + 12
    const f = s.form.fields
    this.pairs([
      ['姓名', s.name, '性别', s.gender],
      ['学号', s.studentNumber, '学历层次', DEGREE_LEVEL_LABELS[s.degreeLevel] ?? s.degreeLevel],
      ['院系', s.college, '专业', s.major],
      ['毕业年份', `${s.graduationYear}年`, '健康状况', f.health ?? ''],
    ])
    this.education(f.education)
    this.box('在校任职情况', f.positions ?? '', 40)
    this.box('奖惩情况', f.awards ?? '', 50)
    this.box('自我评价', f.self_evaluation ?? '', 80)
    const date = chineseDate(s.form.decidedAt)
    this.box('学院意见', s.form.schoolComment ?? '', 60, date)
    this.box('推荐意见', s.form.recommendation ?? '', 60, date)
  }

  /** Keeps a row whole: a new page when it does not fit. */
  private room(h: number): void {
    const { doc } = this
    if (this.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage()
      this.y = doc.page.margins.top
    }
  }

  private cell(x: number, y: number, w: number, h: number, text: string, bold = false, align = 'left'): void {
    const { doc } = this
    doc.lineWidth(0.6).strokeColor(LINE).rect(x, y, w, h).stroke()
    doc
      .font(bold ? 'B' : 'R')
      .fontSize(10)
      .fillColor(INK)
      .text(text, x + 5, y + 6, { width: w - 10, align: align as 'left' | 'center' })
  }

  private textHeight(text: string, w: number): number {
    return (
      this.doc
        .font('R')
        .fontSize(10)
        .heightOfString(text || ' ', { width: w - 10 }) + 12
    )
  }

  private pairs(rows: Array<[string, string, string, string]>): void {
    const l = this.labelWidth
    const v = (this.width - 2 * l) / 2
    for (const [a, av, b, bv] of rows) {
      const h = Math.max(24, this.textHeight(av, v), this.textHeight(bv, v))
      this.room(h)
      this.cell(this.x, this.y, l, h, a, true, 'center')
      this.cell(this.x + l, this.y, v, h, av)
      this.cell(this.x + l + v, this.y, l, h, b, true, 'center')
      this.cell(this.x + 2 * l + v, this.y, v, h, bv)
      this.y += h
    }
  }

  private education(list: EducationEntry[]): void {
    const l = this.labelWidth
    const rest = this.width - l
    const cols = [rest * 0.32, rest * 0.43, rest * 0.25]
    const rows: string[][] = [
      ['起止年月', '学校', '任职'],
      ...list.map((e) => [`${month(e.from)} – ${month(e.to)}`, e.school, e.role ?? '']),
    ]
    if (list.length === 0) rows.push(['', '', ''])
    const heights = rows.map((r) => Math.max(22, ...r.map((t, i) => this.textHeight(t, cols[i]!))))
    const total = heights.reduce((a, b) => a + b, 0)
    // at most 11 rows: the table always fits one page, so it is kept whole
    this.room(total)
    const top = this.y
    rows.forEach((r, ri) => {
      const h = heights[ri]!
      let x = this.x + l
      r.forEach((t, i) => {
        this.cell(x, this.y, cols[i]!, h, t, ri === 0, ri === 0 ? 'center' : 'left')
        x += cols[i]!
      })
      this.y += h
    })
    this.cell(this.x, top, l, total, '教育经历', true, 'center')
  }

  /** A label and a block of text; `date` (the decision's) at the block's bottom right. */
  private box(label: string, text: string, minHeight: number, date?: string): void {
    const { doc } = this
    const l = this.labelWidth
    const w = this.width - l
    const h = Math.max(minHeight, this.textHeight(text, w) + (date ? 18 : 0))
    this.room(h)
    this.cell(this.x, this.y, l, h, label, true, 'center')
    this.cell(this.x + l, this.y, w, h, text)
    if (date) {
      doc
        .font('R')
        .fontSize(9.5)
        .fillColor(GRAY)
        .text(date, this.x + l + 5, this.y + h - 17, { width: w - 10, align: 'right' })
    }
    this.y += h
  }
}
