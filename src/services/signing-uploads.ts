/**
 * The signing centre's uploads from the client's side (stamped scans, destination and termination
 * proofs): pick a file (a photo, a file from a WeChat chat, a browser file input), send it through
 * the request wrapper's `upload()` to POST /api/signing/uploads, open one through its signed link.
 * The key answered is what the signing functions record.
 */
import Taro from '@tarojs/taro'
import {
  SIGNING_UPLOAD_MAX_BYTES,
  SigningUploadLinkResponse,
  SigningUploadResponse,
} from '../contracts/signing-uploads'
import { DocumentPickError, type PickedDocument, pickDocument } from './pick-document'
import { apiUrl, request, upload } from './request'

const PATH = '/api/signing/uploads'
export type PickedSigningFile = PickedDocument
/** Why a picked file may not be sent (shown on the form). */
export { DocumentPickError as SigningPickError }

/**
 * `photo`: album or camera (the browser's file input takes any accepted file); `chat`: a PDF or
 * picture from a WeChat chat. Null when cancelled; throws SigningPickError for a wrong file.
 */
export function pickSigningFile(
  from: 'photo' | 'chat',
  inputClass = 'e2e-signing-upload-input',
): Promise<PickedSigningFile | null> {
  return pickDocument(from, { inputClass, what: '文件', maxBytes: SIGNING_UPLOAD_MAX_BYTES })
}

/** One file from a local path; `name` is its own name (wx.uploadFile cannot send it). */
export function uploadSigningFile(filePath: string, name: string) {
  return upload(`${PATH}?name=${encodeURIComponent(name)}`, {
    filePath,
    name: 'file',
    schema: SigningUploadResponse,
  })
}

/** Opens one stored upload: images previewed, PDFs downloaded and opened (H5: a new tab). */
export async function openSigningFile(key: string): Promise<void> {
  const { url } = await request(`${PATH}?key=${encodeURIComponent(key)}`, {
    schema: SigningUploadLinkResponse,
  })
  const full = url.startsWith('/') ? apiUrl(url) : url
  if (process.env.TARO_ENV === 'h5') {
    window.open(full, '_blank')
    return
  }
  if (/\.(jpg|png)$/i.test(key)) {
    await Taro.previewImage({ urls: [full] })
    return
  }
  const file = await Taro.downloadFile({ url: full })
  await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf' })
}
