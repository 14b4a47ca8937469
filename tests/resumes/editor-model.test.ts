/**
 * The editor's model (src/packages/resume/model.ts): what Save sends is what the API accepts —
 * months typed the Chinese way normalised, untouched entries dropped — and stored content of odd
 * shapes opens in the editor without losing what is valid.
 */
import { describe, expect, it } from 'vitest'
import { resumeCompleteness } from '../../src/contracts/resume-completeness'
import { ResumeContent, readStoredContent } from '../../src/contracts/resumes'
import {
  apiFieldsByPath,
  messagesByPath,
  normalizeMonth,
  toContent,
  toDraft,
} from '../../src/packages/resume/model'
import { FULL_ZH } from './samples'

describe('resume editor model', () => {
  it('normalises months as students type them, and leaves anything else for the schema to name', () => {
    for (const [typed, saved] of [
      ['2020.9', '2020-09'],
      ['2020/09', '2020-09'],
      ['2020年9月', '2020-09'],
      ['202009', '2020-09'],
      [' 2024-06 ', '2024-06'],
      ['2020.13', '2020.13'],
      ['九月', '九月'],
      ['', ''],
    ]) {
      expect(normalizeMonth(typed)).toBe(saved)
    }
    const bad = ResumeContent.safeParse(toContent({ education: [{ school: 'x', start: '2020.13' }] }))
    expect(bad.success).toBe(false)
    if (!bad.success) expect(messagesByPath(bad.error.issues)['education.0.start']).toMatch(/年-月/)
  })

  it('drops entries with nothing in them and repeated cities; what remains passes the API schema', () => {
    const sent = toContent({
      personal: { name: '张三' },
      intention: { cities: ['杭州', ' 杭州 ', ''] },
      education: [{}, { school: '浙江大学', start: '2020.9', end: '2024年6月' }, { school: ' ' }],
      skills: [{ name: '' }],
    })
    expect(sent.education).toEqual([{ school: '浙江大学', start: '2020-09', end: '2024-06' }])
    expect(sent.skills).toEqual([])
    expect(sent.intention?.cities).toEqual(['杭州'])
    expect(ResumeContent.safeParse(sent).success).toBe(true)
  })

  it('stored content round-trips through the editor unchanged, and odd values are left out', () => {
    const stored = readStoredContent(JSON.parse(JSON.stringify(FULL_ZH)))
    expect(toContent(toDraft(stored))).toEqual(JSON.parse(JSON.stringify(FULL_ZH)))
    const odd = toDraft(
      readStoredContent({ personal: { gender: 'x', name: 1 }, education: [{ degree: 'any', school: 'A' }] }),
    )
    expect(odd.personal).toEqual({})
    expect(odd.education).toEqual([{ school: 'A' }])
    expect(resumeCompleteness(toContent(odd)).missing).toContain('education.details')
  })

  it("maps the API's field paths onto the editor's", () => {
    expect(apiFieldsByPath({ 'content.education.0.end': '结束时间不能早于开始时间', title: 'x' })).toEqual({
      'education.0.end': '结束时间不能早于开始时间',
      title: 'x',
    })
  })
})
