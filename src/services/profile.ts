import { IdCardResponse } from '../contracts/binding'
import { AvatarResponse, type PrivacyUpdate, ProfileResponse, type ProfileUpdate } from '../contracts/profile'
import { request, upload } from './request'

export function fetchProfile() {
  return request('/api/me/profile', { schema: ProfileResponse })
}

/** Field errors are shown on the form, so they are not toasted here. */
export function saveProfile(u: ProfileUpdate) {
  return request('/api/me/profile', { method: 'PUT', data: u, schema: ProfileResponse, toast: false })
}

export function savePrivacy(u: PrivacyUpdate) {
  return request('/api/me/privacy', { method: 'PUT', data: u, schema: ProfileResponse })
}

/** The owner's full ID number, decrypted on the server; never stored on the device. */
export function revealIdCard() {
  return request('/api/me/id-card', { schema: IdCardResponse })
}

/** Uploads a picture chosen with `Taro.chooseImage` as the avatar. */
export function uploadAvatar(filePath: string) {
  return upload('/api/me/avatar', { filePath, name: 'file', schema: AvatarResponse })
}
