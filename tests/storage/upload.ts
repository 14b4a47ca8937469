import { AvatarResponse } from '../../src/contracts/profile'
import { parseAnswer } from '../support/api'

/** The smallest valid PNG (1×1), for uploads whose content does not matter. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/** POSTs a multipart avatar as `wx.uploadFile` does; the answer parsed with the route's schema (or ErrorBody). */
export async function uploadAvatar(base: string, token: string, data: Buffer = TINY_PNG, name = 'a.png') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)]), name)
  const res = await fetch(`${base}/api/me/avatar`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  return parseAnswer(AvatarResponse, { status: res.status, body: await res.json(), headers: res.headers })
}
