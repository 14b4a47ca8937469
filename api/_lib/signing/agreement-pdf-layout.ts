import PDFDocument from 'pdfkit'
import { encode } from 'uqr'
import { AGREEMENT_KIND_LABELS, AGREEMENT_STATUS_LABELS } from '../../../src/contracts/signing'
import { chineseDate } from '../procedures/recommendation-pdf'
import { resumeFonts } from '../resumes/fonts'
import type { AgreementSheet } from './agreement-pdf'

/**
 * The agreement's two A4 pages, as the manuals' 协议书 ("协议书共计两页"): page 1 the
 * title, the number with the verification QR code at the top right, the status line, then the
 * parties (甲方 毕业生, 乙方 用人单位) and the terms; page 2 the school's part (丙方: 学院意见,
 * 学校就业部门意见 with the decision and its date once approved), the signature and stamp boxes,
 * and the notes. A terminated agreement carries a red 已解约 mark on both pages. The resume's
 * machinery: pdfkit with Noto Sans SC embedded as a subset (real, searchable text); the QR code is
 * drawn as vector squares from uqr's modules (sharp at any zoom, no image).
 */

const INK = '#1f2328'
const GRAY = '#57606a'
const LINE = '#444c56'
const RED = '#c62828'
const QR_SIZE = 96

const NOTES = [
  '本协议书由毕业生、用人单位、学校三方签署，经学校就业部门审核通过后生效。',
  '协议编号与右上角二维码用于验真：扫码打开的公开页面显示协议编号、用人单位、学生姓名（部分隐藏）与协议状态。',
  '协议生效后，任何一方需变更或解除协议，须经解约流程，由学校审核；解约后本协议书失效。',
  '报到证、档案、户口按本协议书所列地址转寄或迁移；用人单位不接收的，由毕业生本人负责落实。',
  '本协议书打印件与系统记录不一致的，以系统记录（扫码验真结果）为准。',
]

const years = (n: number | null) => (n === null ? '' : `${Number.isInteger(n) ? n : n.toFixed(1)}年`)
const salary = (n: number | null) => (n === null ? '' : `${n}元/月`)
const v = (s: string | null | undefined) => s ?? ''

export async function renderAgreementPdf(s: AgreementSheet, verifyUrl: string): Promise<Buffer> {
  const fonts = resumeFonts()
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 40, bottom: 40, left: 45, right: 45 },
    font: null as unknown as string,
    info: { Title: `就业协议书 ${s.number}`, Author: s.student.schoolName, Creator: '校园就业' },
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
  const f = new Form(doc)
  f.pageOne(s, verifyUrl)
  doc.addPage()
  f.pageTwo(s)
  doc.end()
  return done
}

class Form {
  private readonly x: number
  private readonly width: number
  private y = 0
  private readonly labelWidth = 92

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.x = doc.page.margins.left
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  }

  pageOne(s: AgreementSheet, verifyUrl: string): void {
    const { doc } = this
    this.y = doc.page.margins.top
    this.qr(verifyUrl, this.x + this.width - QR_SIZE, this.y)
    doc.font('B').fontSize(18).fillColor(INK)
    doc.text('全国普通高等学校毕业生就业协议书', this.x, this.y + 8, {
      width: this.width - QR_SIZE - 10,
      align: 'left',
    })
    doc.font('R').fontSize(11).fillColor(INK)
    doc.text(`协议编号：${s.number}`, this.x, this.y + 40)
    doc.text(
      `签约方式：${AGREEMENT_KIND_LABELS[s.kind]}${s.blank ? '（空白协议书）' : ''}　　协议状态：${AGREEMENT_STATUS_LABELS[s.status]}`,
      this.x,
      this.y + 58,
    )
    if (s.endedAt) doc.fillColor(RED).text(`解约日期：${chineseDate(s.endedAt)}`, this.x, this.y + 76)
    doc.font('R').fontSize(8.5).fillColor(GRAY)
    doc.text('扫码验真', this.x + this.width - QR_SIZE, this.y + QR_SIZE + 3, {
      width: QR_SIZE,
      align: 'center',
    })
    this.y += QR_SIZE + 20
    if (s.status === 'terminated') this.terminatedMark()

    const st = s.student
    this.section('甲方（毕业生）')
    this.pairs([
      ['姓名', st.name, '性别', st.gender],
      ['学号', st.studentNumber, '学历', st.degree],
      ['学校', st.schoolName, '学院', st.college],
      ['专业', st.major, '毕业年份', st.graduationYear ? `${st.graduationYear}年` : ''],
    ])
    const e = s.employer
    this.section('乙方（用人单位）')
    this.pairs([
      ['单位名称', e.name, '统一社会信用代码', v(e.creditCode)],
      ['单位性质', v(e.type), '单位行业', v(e.industry)],
      ['单位所在地', v(e.location), '联系人', v(e.contactName)],
      ['联系电话', v(e.contactPhone), '', ''],
    ])
    const t = s.terms
    this.section('协议条款')
    this.pairs([
      ['工作岗位', t.position, '合同期限', years(t.contractYears)],
      ['月薪（税前）', salary(t.salaryMonthly), '工作地点', t.workPlace],
    ])
    this.rows([
      ['档案转寄', `${t.archiveTo}${t.takesArchive ? '（用人单位接收）' : ''}`],
      ['报到证转寄', v(t.reportCardTo)],
      ['户口迁移', `${t.hukouTo}${t.takesHukou ? '（用人单位接收）' : ''}`],
    ])
    doc.font('R').fontSize(9.5).fillColor(GRAY)
    doc.text(
      `生成日期：${chineseDate(s.createdAt)}${s.submittedAt ? `　　送审日期：${chineseDate(s.submittedAt)}` : ''}`,
      this.x,
      this.y + 8,
      { width: this.width },
    )
  }

  pageTwo(s: AgreementSheet): void {
    const { doc } = this
    this.y = doc.page.margins.top
    doc.font('B').fontSize(15).fillColor(INK)
    doc.text('丙方（学校）意见', this.x, this.y, { width: this.width, align: 'center' })
    doc.font('R').fontSize(10).fillColor(GRAY)
    doc.text(`协议编号：${s.number}　　学校：${s.student.schoolName}`, this.x, this.y + 24, {
      width: this.width,
      align: 'center',
    })
    this.y += 46
    if (s.status === 'terminated') this.terminatedMark()
    const decided = s.status === 'approved' || s.status === 'terminated'
    this.box('学院意见', '', 90, '（盖章）　　　　年　　月　　日')
    this.box(
      '学校就业部门意见',
      decided ? '审核通过，同意签约。' : '（待学校就业部门审核）',
      110,
      decided ? `（盖章）　　${chineseDate(s.decidedAt)}` : '（盖章）　　　　年　　月　　日',
    )
    this.y += 14
    this.signatures()
    this.y += 18
    doc.font('B').fontSize(11).fillColor(INK).text('说明', this.x, this.y)
    this.y = doc.y + 4
    doc.font('R').fontSize(9.5).fillColor(INK)
    NOTES.forEach((n, i) => {
      doc.text(`${i + 1}. ${n}`, this.x, this.y, { width: this.width })
      this.y = doc.y + 3
    })
  }

  private qr(text: string, x: number, y: number): void {
    const { doc } = this
    const modules = encode(text, { ecc: 'M', border: 2 }).data
    const n = modules.length
    const cell = QR_SIZE / n
    doc.save().rect(x, y, QR_SIZE, QR_SIZE).fill('#ffffff')
    doc.fillColor('#000000')
    modules.forEach((row, my) => {
      row.forEach((dark, mx) => {
        // a hair wider than the cell, so neighbouring squares leave no white seam when rasterised
        if (dark) doc.rect(x + mx * cell, y + my * cell, cell + 0.05, cell + 0.05)
      })
    })
    doc.fill('#000000').restore()
  }

  private terminatedMark(): void {
    const { doc } = this
    const cx = this.x + this.width / 2
    const cy = this.y + 34
    doc.save()
    doc.rotate(-12, { origin: [cx, cy] })
    doc
      .lineWidth(2.5)
      .strokeColor(RED)
      .roundedRect(cx - 110, cy - 28, 220, 56, 6)
      .stroke()
    doc.font('B').fontSize(30).fillColor(RED, 0.85)
    doc.text('已解约', cx - 110, cy - 22, { width: 220, align: 'center', lineBreak: false })
    doc.restore()
  }

  private section(title: string): void {
    const { doc } = this
    this.y += 8
    doc.font('B').fontSize(12).fillColor(INK).text(title, this.x, this.y)
    this.y = doc.y + 4
  }

  private cell(x: number, w: number, h: number, text: string, bold = false): void {
    const { doc } = this
    doc.lineWidth(0.6).strokeColor(LINE).rect(x, this.y, w, h).stroke()
    doc
      .font(bold ? 'B' : 'R')
      .fontSize(bold ? 9.5 : 10)
      .fillColor(INK)
      .text(text, x + 4, this.y + 6, { width: w - 8, align: bold ? 'center' : 'left', lineBreak: true })
  }

  private height(text: string, w: number): number {
    return (
      this.doc
        .font('R')
        .fontSize(10)
        .heightOfString(text || ' ', { width: w - 8 }) + 12
    )
  }

  private pairs(rows: Array<[string, string, string, string]>): void {
    const l = this.labelWidth
    const w = (this.width - 2 * l) / 2
    for (const [a, av, b, bv] of rows) {
      const h = Math.max(24, this.height(av, w), this.height(bv, w))
      this.cell(this.x, l, h, a, true)
      this.cell(this.x + l, w, h, av)
      this.cell(this.x + l + w, l, h, b, true)
      this.cell(this.x + 2 * l + w, w, h, bv)
      this.y += h
    }
  }

  private rows(rows: Array<[string, string]>): void {
    const l = this.labelWidth
    const w = this.width - l
    for (const [a, av] of rows) {
      const h = Math.max(24, this.height(av, w))
      this.cell(this.x, l, h, a, true)
      this.cell(this.x + l, w, h, av)
      this.y += h
    }
  }

  /** A label and a block; `foot` (stamp and date) at the block's bottom right. */
  private box(label: string, text: string, h: number, foot: string): void {
    const { doc } = this
    const l = this.labelWidth
    const w = this.width - l
    this.cell(this.x, l, h, label, true)
    this.cell(this.x + l, w, h, text)
    doc
      .font('R')
      .fontSize(10)
      .fillColor(GRAY)
      .text(foot, this.x + l + 5, this.y + h - 20, { width: w - 10, align: 'right' })
    this.y += h
  }

  /** 签章: the three parties' boxes side by side. */
  private signatures(): void {
    const { doc } = this
    const w = this.width / 3
    const h = 96
    const parties = ['甲方（毕业生）签名', '乙方（用人单位）盖章', '丙方（学校就业部门）盖章']
    parties.forEach((p, i) => {
      const x = this.x + i * w
      doc.lineWidth(0.6).strokeColor(LINE).rect(x, this.y, w, h).stroke()
      doc
        .font('B')
        .fontSize(10)
        .fillColor(INK)
        .text(p, x + 4, this.y + 8, { width: w - 8, align: 'center' })
      doc
        .font('R')
        .fontSize(9.5)
        .fillColor(GRAY)
        .text('年　　月　　日', x + 4, this.y + h - 20, { width: w - 8, align: 'center' })
    })
    this.y += h
  }
}
