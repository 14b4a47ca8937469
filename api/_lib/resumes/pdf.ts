import PDFDocument from 'pdfkit'
import {
  EDUCATION_DEGREE_LABELS,
  RESUME_GENDER_LABELS,
  type ResumeLang,
  readStoredContent,
  type StoredResumeContent,
} from '../../../src/contracts/resumes'
import { resumeFonts } from './fonts'

/**
 * An online resume as a PDF, made on the server with pdfkit: A4, Noto Sans SC embedded as a
 * subset (./fonts.ts), real text (selectable and searchable; pdfkit writes a ToUnicode map, so
 * `pdftotext` reads it back), long sections flowing onto further pages, page numbers when there
 * is more than one. `content` is read leniently (any stored JSON: a snapshot written under an
 * older schema renders too). Used by `GET /api/me/resumes/[id]/pdf` and, for employers, by the
 * applications flow on a snapshot's content.
 */
export async function renderResumePdf(content: unknown, lang: ResumeLang): Promise<Buffer> {
  const c = readStoredContent(content)
  const t = TEXT[lang]
  const name = clean(c.personal?.name) || t.untitled
  const fonts = resumeFonts()
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 46, bottom: 50, left: 50, right: 50 },
    // no standard font: every glyph comes from the embedded Noto Sans SC
    font: null as unknown as string,
    bufferPages: true,
    info: { Title: t.title(name), Author: name, Creator: '校园就业' },
    lang: lang === 'zh' ? 'zh-CN' : 'en',
  })
  // pdfkit takes a parsed fontkit font as the source (its types name only paths and buffers)
  doc.registerFont('B', fonts.bold as unknown as string)
  doc.registerFont('R', fonts.regular as unknown as string)
  doc.font('R')
  const done = collect(doc)
  new Layout(doc, t).render(c, name)
  numberPages(doc, t)
  doc.end()
  return done
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (b: Buffer) => chunks.push(b))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
}

interface Text {
  untitled: string
  title: (name: string) => string
  sections: Record<
    | 'intention'
    | 'education'
    | 'internships'
    | 'projects'
    | 'awards'
    | 'skills'
    | 'certificates'
    | 'campusRoles'
    | 'selfEvaluation',
    string
  >
  intention: { position: string; cities: string; salary: string; nature: string }
  birth: string
  political: string
  hometown: string
  gpa: string
  courses: string
  present: string
  listSep: string
  colon: string
  withLevel: (skill: string, level: string) => string
  degree: Record<string, string>
  gender: Record<string, string>
  page: (n: number, of: number) => string
}

const TEXT: Record<ResumeLang, Text> = {
  zh: {
    untitled: '个人简历',
    title: (n) => `${n}的简历`,
    sections: {
      intention: '求职意向',
      education: '教育背景',
      internships: '实习经历',
      projects: '项目经历',
      awards: '获奖情况',
      skills: '技能特长',
      certificates: '证书',
      campusRoles: '校园经历',
      selfEvaluation: '自我评价',
    },
    intention: { position: '期望职位', cities: '期望城市', salary: '期望薪资', nature: '工作性质' },
    birth: '出生年月',
    political: '政治面貌',
    hometown: '籍贯',
    gpa: '成绩',
    courses: '主修课程',
    present: '至今',
    listSep: '、',
    colon: '：',
    withLevel: (s, l) => `${s}（${l}）`,
    degree: EDUCATION_DEGREE_LABELS,
    gender: RESUME_GENDER_LABELS,
    page: (n, of) => `第 ${n} 页 / 共 ${of} 页`,
  },
  en: {
    untitled: 'Resume',
    title: (n) => `${n} — Resume`,
    sections: {
      intention: 'Career Objective',
      education: 'Education',
      internships: 'Internships',
      projects: 'Projects',
      awards: 'Awards',
      skills: 'Skills',
      certificates: 'Certificates',
      campusRoles: 'Campus Activities',
      selfEvaluation: 'About Me',
    },
    intention: { position: 'Position', cities: 'Cities', salary: 'Expected salary', nature: 'Type' },
    birth: 'Born',
    political: 'Political status',
    hometown: 'Hometown',
    gpa: 'GPA',
    courses: 'Courses',
    present: 'Present',
    listSep: ', ',
    colon: ': ',
    withLevel: (s, l) => `${s} (${l})`,
    degree: { college: 'Associate', bachelor: "Bachelor's", master: "Master's", doctor: 'Ph.D.' },
    gender: { male: 'Male', female: 'Female' },
    page: (n, of) => `Page ${n} of ${of}`,
  },
}

const INK = '#1f2328'
const GRAY = '#57606a'
const ACCENT = '#0b5cad'
const RULE = '#d0d7de'

function clean(s: string | undefined): string {
  return (s ?? '').trim()
}

/** YYYY-MM → YYYY.MM; anything else as typed */
function month(s: string | undefined): string {
  const v = clean(s)
  return /^\d{4}-\d{2}$/.test(v) ? v.replace('-', '.') : v
}

function range(start: string | undefined, end: string | undefined, t: Text): string {
  const a = month(start)
  const b = month(end)
  if (a && b) return `${a} – ${b}`
  if (a) return `${a} – ${t.present}`
  return b
}

function joined(parts: Array<string | undefined>, sep: string): string {
  return parts.map(clean).filter(Boolean).join(sep)
}

class Layout {
  private readonly x: number
  private readonly width: number

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly t: Text,
  ) {
    this.x = doc.page.margins.left
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  }

  render(c: StoredResumeContent, name: string): void {
    this.header(c, name)
    this.intention(c)
    this.entries('education', c.education, (e) => ({
      title: joined([e.school, e.major, this.t.degree[clean(e.degree)] ?? e.degree], ' · '),
      when: range(e.start, e.end, this.t),
      lines: [
        clean(e.gpa) && `${this.t.gpa}${this.t.colon}${clean(e.gpa)}`,
        clean(e.courses) && `${this.t.courses}${this.t.colon}${clean(e.courses)}`,
      ],
    }))
    this.entries('internships', c.internships, (e) => ({
      title: joined([e.company, e.role], ' · '),
      when: range(e.start, e.end, this.t),
      lines: [e.description],
    }))
    this.entries('projects', c.projects, (e) => ({
      title: joined([e.name, e.role], ' · '),
      when: range(e.start, e.end, this.t),
      lines: [e.description],
    }))
    this.entries('campusRoles', c.campusRoles, (e) => ({
      title: joined([e.organization, e.role], ' · '),
      when: range(e.start, e.end, this.t),
      lines: [e.description],
    }))
    this.entries('awards', c.awards, (e) => ({
      title: clean(e.name),
      when: month(e.date),
      lines: [e.description],
    }))
    this.inline(
      'skills',
      (c.skills ?? []).map((s) =>
        clean(s.name)
          ? clean(s.level)
            ? this.t.withLevel(clean(s.name), clean(s.level))
            : clean(s.name)
          : '',
      ),
    )
    this.entries('certificates', c.certificates, (e) => ({
      title: clean(e.name),
      when: month(e.date),
      lines: [],
    }))
    if (clean(c.selfEvaluation)) {
      this.section('selfEvaluation')
      this.paragraph(clean(c.selfEvaluation))
    }
  }

  private header(c: StoredResumeContent, name: string): void {
    const p = c.personal ?? {}
    const { doc, t } = this
    doc.font('B').fontSize(22).fillColor(INK).text(name, this.x, doc.y, { width: this.width })
    const facts = joined(
      [
        t.gender[clean(p.gender)],
        clean(p.birthDate) && `${t.birth} ${month(p.birthDate)}`,
        p.city,
        clean(p.politicalStatus) && `${t.political} ${clean(p.politicalStatus)}`,
        clean(p.hometown) && `${t.hometown} ${clean(p.hometown)}`,
      ],
      '  |  ',
    )
    const contact = joined([p.phone, p.email], '  |  ')
    doc.moveDown(0.2).font('R').fontSize(10).fillColor(GRAY)
    if (facts) doc.text(facts, { width: this.width })
    if (contact) doc.text(contact, { width: this.width })
    doc.moveDown(0.4)
  }

  private intention(c: StoredResumeContent): void {
    const i = c.intention ?? {}
    const cities = Array.isArray(i.cities) ? i.cities.map(clean).filter(Boolean).join(this.t.listSep) : ''
    const l = this.t.intention
    const field = (label: string, v: unknown) =>
      typeof v === 'string' && clean(v) && `${label}${this.t.colon}${clean(v)}`
    const parts = [
      field(l.position, i.position),
      field(l.cities, cities),
      field(l.salary, i.salary),
      field(l.nature, i.nature),
    ].filter((x): x is string => Boolean(x))
    if (parts.length === 0) return
    this.section('intention')
    this.paragraph(parts.join('    '))
  }

  /** Keeps a heading with what follows: a new page when less than `need` points remain. */
  private room(need: number): void {
    const { doc } = this
    if (doc.y + need > doc.page.height - doc.page.margins.bottom) doc.addPage()
  }

  private section(key: keyof Text['sections']): void {
    const { doc } = this
    this.room(60)
    doc.moveDown(0.6)
    doc
      .font('B')
      .fontSize(12.5)
      .fillColor(ACCENT)
      .text(this.t.sections[key], this.x, doc.y, { width: this.width })
    const y = doc.y + 2
    doc
      .moveTo(this.x, y)
      .lineTo(this.x + this.width, y)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke()
    doc.y = y + 5
  }

  private paragraph(s: string): void {
    this.doc
      .font('R')
      .fontSize(10)
      .fillColor(INK)
      .text(s, this.x, this.doc.y, { width: this.width, lineGap: 2.5 })
  }

  private entries<E extends Record<string, string>>(
    key: keyof Text['sections'],
    list: E[] | undefined,
    view: (e: E) => { title: string; when: string; lines: Array<string | undefined | false> },
  ): void {
    const items = (list ?? []).map(view).filter((v) => v.title || v.lines.some((l) => clean(l || '')))
    if (items.length === 0) return
    this.section(key)
    const { doc } = this
    items.forEach((item, i) => {
      if (i > 0) doc.moveDown(0.45)
      this.room(36)
      const y = doc.y
      const whenWidth = item.when ? doc.font('R').fontSize(9.5).widthOfString(item.when) + 12 : 0
      doc
        .font('B')
        .fontSize(10.5)
        .fillColor(INK)
        .text(item.title || ' ', this.x, y, { width: this.width - whenWidth })
      const below = doc.y
      if (item.when) {
        doc
          .font('R')
          .fontSize(9.5)
          .fillColor(GRAY)
          .text(item.when, this.x + this.width - whenWidth, y + 1, { width: whenWidth, align: 'right' })
      }
      doc.x = this.x
      doc.y = Math.max(below, doc.y) + 1
      for (const line of item.lines) {
        const s = clean(line || '')
        if (s) this.paragraph(s)
      }
    })
  }

  private inline(key: keyof Text['sections'], values: string[]): void {
    const items = values.filter(Boolean)
    if (items.length === 0) return
    this.section(key)
    this.paragraph(items.join(this.t.listSep))
  }
}

/** "第 n 页 / 共 m 页" in the bottom margin of every page, when there is more than one. */
function numberPages(doc: PDFKit.PDFDocument, t: Text): void {
  const { start, count } = doc.bufferedPageRange()
  if (count < 2) return
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i)
    // writing inside the bottom margin would otherwise start a new page
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc
      .font('R')
      .fontSize(8.5)
      .fillColor(GRAY)
      .text(t.page(i - start + 1, count), doc.page.margins.left, doc.page.height - 32, {
        width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
        align: 'center',
        lineBreak: false,
      })
    doc.page.margins.bottom = bottom
  }
}
