/**
 * Subscribe-message templates (api/_lib/notify/templates.ts) and the keyword fitters
 * (api/_lib/wechat/keywords.ts): whatever a job title, a company's name or a note contains, the
 * data we send passes WeChat's keyword rules — checked with the fake WeChat's own rules
 * (tests/fakes/wechat/keywords.ts), so 47003 never happens for our data.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Notification } from '../../api/_lib/notify'
import { render } from '../../api/_lib/notify'
import { SUBSCRIBE_TEMPLATES, subscribePayload, templateKeywords } from '../../api/_lib/notify/templates'
import { fitKeyword, keywordType, time } from '../../api/_lib/wechat/keywords'
import { appPages } from '../../scripts/app-pages'
import { NOTIFICATION_KIND_LABELS } from '../../src/contracts/deliveries'
import { checkTemplateData, KEYWORD_RULES } from '../fakes/wechat/keywords'

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom(
    '',
    '   ',
    '\n\t',
    '哈尔滨工业大学2027届秋季校园双选会（第二场）',
    'Zhang San-Feng O’Brien',
    '😀'.repeat(30),
  ),
)
const anyDate = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2099-12-31T23:59:59Z'),
  noInvalidDate: true,
})

describe('keyword fitters', () => {
  const textTypes = Object.keys(KEYWORD_RULES).filter((t) => !['time', 'date', 'car_number'].includes(t))

  it.each(textTypes)('%s: any text becomes a value the rule accepts', (type) => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const v = fitKeyword(`${type}7`, raw)
        expect(v.trim()).not.toBe('')
        expect(KEYWORD_RULES[type]!(v), JSON.stringify({ raw, v })).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('number and amount take numbers too', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e15, max: 1e15 }), (n) => {
        expect(KEYWORD_RULES.number!(fitKeyword('number1', n))).toBe(true)
        expect(KEYWORD_RULES.amount!(fitKeyword('amount2', n))).toBe(true)
      }),
    )
    expect(fitKeyword('amount1', 3500)).toBe('¥3500')
    expect(fitKeyword('amount1', '4,500.5元')).toBe('¥4500.50')
  })

  it('time and date: China time, 24-hour clock, for any moment', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        expect(KEYWORD_RULES.time!(fitKeyword('time3', d))).toBe(true)
        expect(KEYWORD_RULES.date!(fitKeyword('date2', d))).toBe(true)
        expect(KEYWORD_RULES.time!(fitKeyword('time3', d.toISOString()))).toBe(true)
      }),
    )
    // 15:05 UTC is 23:05 in Shanghai: the 24-hour clock, not 11:05 PM
    expect(time(new Date('2026-12-01T15:05:00Z'))).toBe('2026年12月1日 23:05')
    expect(fitKeyword('date1', '2026-12-31T16:30:00Z')).toBe('2027年1月1日')
    expect(() => fitKeyword('time1', 'not a time')).toThrow(/not a time/)
  })

  it('keeps what fits and marks a cut with …', () => {
    expect(fitKeyword('thing1', '前端开发工程师')).toBe('前端开发工程师')
    const cut = fitKeyword('thing1', '哈尔滨工业大学2027届秋季校园双选会（第二场）')
    expect([...cut]).toHaveLength(20)
    expect(cut.endsWith('…')).toBe(true)
    expect(fitKeyword('phrase3', '通过')).toBe('通过')
    expect(fitKeyword('phrase3', 'OK')).toBe('通知')
    expect(fitKeyword('name1', '欧阳娜娜')).toBe('欧阳娜娜')
    expect(fitKeyword('name1', 'Zhang San')).toBe('Zhang San')
    expect(fitKeyword('character_string1', 'A-12 号展位')).toBe('A-12')
    expect(() => fitKeyword('car_number1', '京A12345')).toThrow(/no fitter/)
  })
})

/** A notification of `kind` with arbitrary text in every text field. */
function notificationOf(kind: keyof typeof SUBSCRIBE_TEMPLATES): fc.Arbitrary<Notification> {
  const id = fc.uuid()
  switch (kind) {
    case 'interview_invited':
      return fc.record({
        kind: fc.constant(kind),
        to: id,
        interviewId: id,
        jobTitle: anyText,
        companyName: anyText,
        mode: fc.constantFrom('onsite' as const, 'video' as const),
        startsAt: anyDate,
      })
    case 'interview_result':
      return fc.record({
        kind: fc.constant(kind),
        to: id,
        jobTitle: anyText,
        companyName: anyText,
        result: fc.constantFrom('passed' as const, 'failed' as const, 'pending' as const),
      })
    case 'interview_cancelled':
      return fc.record({
        kind: fc.constant(kind),
        to: id,
        jobTitle: anyText,
        companyName: anyText,
        startsAt: anyDate,
      })
    case 'job_invited':
      return fc.record({
        kind: fc.constant(kind),
        to: id,
        jobTitle: anyText,
        companyName: anyText,
        note: fc.option(anyText, { nil: null }),
      })
    case 'application_status':
      return fc.record({
        kind: fc.constant(kind),
        to: id,
        jobTitle: anyText,
        companyName: anyText,
        status: fc.constantFrom('hired' as const, 'unsuitable' as const),
      })
    case 'event_cancelled':
      return fc.record({
        kind: fc.constant(kind),
        to: id,
        eventId: id,
        eventTitle: anyText,
        startsAt: anyDate,
      })
    case 'event_reminder':
      return fc.record({
        kind: fc.constant(kind),
        to: id,
        ticketId: id,
        eventTitle: anyText,
        venue: fc.option(anyText, { nil: null }),
        startsAt: anyDate,
      })
    case 'checkin_confirmed':
      return fc.record({
        kind: fc.constant(kind),
        to: id,
        ticketId: id,
        eventTitle: anyText,
        gate: anyText,
        checkedInAt: anyDate,
      })
    case 'job_pushed':
      return fc.record({
        kind: fc.constant(kind),
        to: id,
        jobId: id,
        jobTitle: anyText,
        companyName: anyText,
        reasons: fc.array(anyText, { maxLength: 5 }),
      })
    case 'job_digest':
      return fc.record({
        kind: fc.constant(kind),
        to: id,
        day: anyDate.map((d) => d.toISOString().slice(0, 10)),
        count: fc.integer({ min: 1, max: 100000 }),
        topTitles: fc.array(anyText, { maxLength: 3 }),
      })
    case 'review_decided':
      return fc.record({
        kind: fc.constant(kind),
        to: id,
        reviewKind: fc.constantFrom(
          'source_info' as const,
          'correction' as const,
          'recommendation' as const,
          'agreement' as const,
          'termination' as const,
        ),
        approved: fc.boolean(),
        reason: fc.option(anyText, { nil: null }),
        decidedAt: anyDate,
      })
    case 'signing_invited':
      return fc.record({
        kind: fc.constant(kind),
        to: id,
        invitationId: id,
        companyName: anyText,
        position: anyText,
        replyBy: anyDate,
      })
    case 'termination_step':
      return fc.record({
        kind: fc.constant(kind),
        to: id,
        terminationId: id,
        step: fc.constantFrom(
          'proposed' as const,
          'agreed' as const,
          'declined' as const,
          'withdrawn' as const,
          'approved' as const,
          'rejected' as const,
          'forced' as const,
        ),
        audience: fc.constantFrom('student' as const, 'employer' as const),
        subject: anyText,
        at: anyDate,
      })
    default:
      throw new Error(`no arbitrary for ${kind}`)
  }
}

describe('the templates', () => {
  const kinds = Object.keys(SUBSCRIBE_TEMPLATES) as (keyof typeof SUBSCRIBE_TEMPLATES)[]

  it('every kind that reaches WeChat has the label admins read it by (消息投递)', () => {
    expect(kinds.filter((k) => !NOTIFICATION_KIND_LABELS[k])).toEqual([])
  })

  it.each(kinds)(
    '%s: the card opens a page the mini-program has (WeChat answers 41030 otherwise)',
    async (kind) => {
      const pages = await appPages()
      const [n] = fc.sample(notificationOf(kind), 1)
      const page = subscribePayload(n!, {})!.page
      expect(page).not.toBeNull()
      expect(pages).toContain(page!.split('?')[0])
    },
  )

  it.each(kinds)('%s: any notification makes data its template accepts', (kind) => {
    const keywords = templateKeywords(kind)
    expect(keywords.length).toBeGreaterThan(0)
    for (const k of keywords) expect(Object.keys(KEYWORD_RULES)).toContain(keywordType(k))
    fc.assert(
      fc.property(notificationOf(kind), (n) => {
        const p = subscribePayload(n, {})!
        const data = Object.fromEntries(Object.entries(p.data).map(([k, value]) => [k, { value }]))
        expect(checkTemplateData(keywords, data), JSON.stringify(p.data)).toBeNull()
      }),
      { numRuns: 150 },
    )
  })

  it('takes the id from the environment, opens the inbox message’s page, and leaves kinds without a template to the inbox', () => {
    const n: Notification = {
      kind: 'event_reminder',
      to: '00000000-0000-4000-8000-000000000001',
      ticketId: '00000000-0000-4000-8000-000000000002',
      eventTitle: '2027届秋季双选会',
      venue: '体育馆',
      startsAt: '2026-12-02T01:30:00Z',
    }
    const unset = subscribePayload(n, {})!
    expect(unset.templateId).toBeNull()
    expect(unset.env).toBe('WECHAT_TPL_EVENT_REMINDER')
    expect(unset.data).toEqual({ thing1: '2027届秋季双选会', time2: '2026年12月2日 09:30', thing3: '体育馆' })
    expect(`/${unset.page}`).toBe(render(n).link)
    expect(unset.page).not.toMatch(/^\//)
    expect(subscribePayload(n, { WECHAT_TPL_EVENT_REMINDER: ' tpl-reminder ' })!.templateId).toBe(
      'tpl-reminder',
    )
    expect(
      subscribePayload({
        kind: 'interview_answered',
        to: n.to,
        applicationId: n.ticketId,
        applicantName: '李雷',
        jobTitle: '前端',
        accepted: true,
      }),
    ).toBeNull()
    // every template's variable is distinct: one id per template
    const envs = kinds.map((k) => SUBSCRIBE_TEMPLATES[k]!.env)
    expect(new Set(envs).size).toBe(envs.length)
  })
})
