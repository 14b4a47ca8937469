/**
 * The one completeness rule (src/contracts/resume-completeness.ts): its weight table, what counts
 * as filled, and the hints. Its SQL twin is compared in ./completeness-twin.test.ts.
 */
import { describe, expect, it } from 'vitest'
import {
  COMPLETENESS_ITEMS,
  completenessHints,
  MIN_APPLY_COMPLETENESS,
  MISSING_ITEM_LABELS,
  type MissingItem,
  resumeCompleteness,
} from '../../src/contracts/resume-completeness'
import { ResumeContent } from '../../src/contracts/resumes'
import { FULL_EN, FULL_ZH } from './samples'

/** The three sections every resume shows, filled in and nothing else. */
const BASICS = {
  personal: { name: '张三', gender: 'male', phone: '13800138000', email: 'a@b.cn', city: '北京' },
  intention: { position: '产品经理', cities: ['北京'] },
  education: [{ school: '北京大学', major: '经济学', degree: 'bachelor', start: '2020-09', end: '2024-06' }],
}

describe('resume completeness', () => {
  it('weighs 100 in all: education and education.details are one item', () => {
    const weights = Object.entries(COMPLETENESS_ITEMS)
      .filter(([k]) => k !== 'education.details')
      .reduce((s, [, v]) => s + v.weight, 0)
    expect(weights).toBe(100)
    expect(COMPLETENESS_ITEMS['education.details'].weight).toBe(COMPLETENESS_ITEMS.education.weight)
  })

  it('an empty resume is 0 % and misses every item, in the table order', () => {
    const c = resumeCompleteness({})
    expect(c.percent).toBe(0)
    expect(c.missing).toEqual(Object.keys(COMPLETENESS_ITEMS).filter((k) => k !== 'education.details'))
  })

  it('the three sections every resume shows make exactly the 60 % needed to apply', () => {
    const c = resumeCompleteness(BASICS)
    expect(c.percent).toBe(MIN_APPLY_COMPLETENESS)
    expect(c.missing).toEqual([
      'internships',
      'projects',
      'skills',
      'awards',
      'certificates',
      'campusRoles',
      'selfEvaluation',
    ])
    // one field fewer and the resume cannot be sent
    const noPhone = { ...BASICS, personal: { ...BASICS.personal, phone: '' } }
    expect(resumeCompleteness(noPhone)).toEqual({ percent: 53, missing: ['personal.phone', ...c.missing] })
  })

  it('the full sample is 100 % and passes the request schema', () => {
    expect(ResumeContent.safeParse(FULL_ZH).success).toBe(true)
    expect(resumeCompleteness(FULL_ZH)).toEqual({ percent: 100, missing: [] })
    expect(resumeCompleteness(FULL_EN).percent).toBe(80)
  })

  it('tells "add an education" from "finish the one you started"', () => {
    expect(resumeCompleteness({ education: [] }).missing).toContain('education')
    const started = resumeCompleteness({ education: [{ school: '北京大学', major: '经济学' }] })
    expect(started.missing).toContain('education.details')
    expect(started.missing).not.toContain('education')
    // one complete entry among incomplete ones is enough
    const one = resumeCompleteness({ education: [{ school: 'x' }, BASICS.education[0]] })
    expect(one.missing.filter((m) => m.startsWith('education'))).toEqual([])
  })

  it('counts an entry only when its key fields are filled', () => {
    const m = (content: unknown) => resumeCompleteness(content).missing
    expect(m({ internships: [{ company: '某公司' }] })).toContain('internships')
    expect(m({ internships: [{ company: '某公司', role: '实习生' }] })).not.toContain('internships')
    expect(m({ campusRoles: [{ organization: '学生会' }] })).toContain('campusRoles')
    expect(m({ campusRoles: [{ organization: '学生会', role: '部长' }] })).not.toContain('campusRoles')
    expect(m({ skills: [{ level: '熟练' }] })).toContain('skills')
    expect(m({ intention: { cities: ['', ' '] } })).toContain('intention.cities')
    expect(m({ intention: { cities: ['', '上海'] } })).not.toContain('intention.cities')
  })

  it('blank means only spaces, tabs, line breaks, U+00A0 and U+3000 — the same set as SQL', () => {
    const name = (v: unknown) =>
      resumeCompleteness({ personal: { name: v } }).missing.includes('personal.name')
    for (const blank of ['', ' ', '\t\n\r', '\u00a0', '\u3000\u3000', ' \u3000 '])
      expect(name(blank)).toBe(true)
    // other white space is not in the set (JavaScript's trim would remove it; the rule must not)
    expect(name('\u2003')).toBe(false)
    expect(name(' 张 ')).toBe(false)
  })

  it('reads any JSON: values of the wrong type count as not filled, nothing throws', () => {
    for (const junk of [null, 42, 'text', [], { personal: 'x', education: {}, skills: [1, null, 'a'] }]) {
      const c = resumeCompleteness(junk)
      expect(c.percent).toBe(0)
    }
    expect(resumeCompleteness({ personal: { name: 7, phone: ['13800138000'] } }).missing).toContain(
      'personal.name',
    )
  })

  it('hints name what to fill next, in Chinese, heaviest sections first', () => {
    const c = resumeCompleteness({ personal: { name: '张三' } })
    expect(completenessHints(c.missing, 3)).toEqual(['选择性别', '填写手机号', '填写邮箱'])
    for (const k of Object.keys(COMPLETENESS_ITEMS) as MissingItem[]) {
      expect(MISSING_ITEM_LABELS[k]).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})
