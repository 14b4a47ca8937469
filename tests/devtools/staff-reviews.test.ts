/**
 * The staff review list in WeChat DevTools: two graduates from elsewhere apply for manual review at
 * 示范大学 (through the API); staff1 logs in with a password and 我的 → 学籍审核 lists both.
 */
import { describe, expect, it } from 'vitest'
import { withCheckDigit } from '../../api/_lib/identity/id-card'
import { applyAsNewWechatUser } from '../support/review-applicant'
import { all, el, onPage, passwordLogin, withDevtools } from './support/devtools'

const stack = withDevtools()
const SCHOOL_1 = '00000000-0000-4000-8000-000000000001'

async function applicant(openid: string, name: string, idFirst17: string): Promise<void> {
  await applyAsNewWechatUser(stack.apiUrl, stack.fake, { openid, name, idFirst17, schoolId: SCHOOL_1 })
}

describe('DevTools: staff review list', () => {
  it('lists the pending manual reviews of the school for its staff', async () => {
    await applicant('o_devtools_review_a', '赵外省', '11010119990101011')
    await applicant('o_devtools_review_b', '钱外省', '11010119990202022')
    const { mp } = stack
    const me = await passwordLogin(mp, 'staff1')
    await (await el(me, '.e2e-menu-staff-reviews')).tap()
    const reviews = await onPage(mp, 'packages/staff/pages/reviews/index')
    const items = await all(reviews, '.e2e-reviews-item', 2)
    const texts = await Promise.all(items.map((i) => i.text()))
    expect(texts).toHaveLength(2)
    expect(texts.join('\n')).toContain('赵外省')
    expect(texts.join('\n')).toContain('钱外省')
    expect(texts.join('\n')).toContain('土木工程')
    expect(texts.every((t) => t.includes('审核中'))).toBe(true)
    // staff see the ID number masked, never whole
    const idCard = withCheckDigit('11010119990101011')
    expect(texts.join('\n')).toContain(`${idCard.slice(0, 4)}${'*'.repeat(10)}${idCard.slice(-4)}`)
    expect(texts.join('\n')).not.toContain(idCard)
  })
})
