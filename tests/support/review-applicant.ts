import { expect } from 'vitest'
import { withCheckDigit } from '../../api/_lib/identity/id-card'
import { ReviewResponse, WechatLoginResponse } from '../../src/contracts/binding'
import { callParsed } from './api'

/**
 * A new WeChat user (through the fake WeChat) who applies for manual review at `schoolId`, as a
 * graduate of another region would; returns the user's tokens.
 */
export async function applyAsNewWechatUser(
  apiUrl: string,
  fake: { issueLoginCode(user: { openid: string }): string },
  a: { openid: string; name: string; idFirst17: string; schoolId: string },
) {
  const login = await callParsed(WechatLoginResponse, apiUrl, '/api/auth/wechat', {
    body: { code: fake.issueLoginCode({ openid: a.openid }) },
  })
  expect(login.status).toBe(200)
  const applied = await callParsed(ReviewResponse, apiUrl, '/api/binding/reviews', {
    token: login.body.accessToken,
    body: {
      graduatedFrom: '外省某大学',
      schoolId: a.schoolId,
      name: a.name,
      idCard: withCheckDigit(a.idFirst17),
      degreeLevel: 'master',
      graduationYear: 2026,
      major: '土木工程',
      note: '回乡就业',
    },
  })
  expect(applied.status).toBe(201)
  return login.body
}
