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
import { pickBrowserFile } from './pick-browser-file'
import { pickOneImage } from './pick-image'
import { apiUrl, request, upload } from './request'

const PATH = '/api/signing/uploads'
const ACCEPTED = /\.(jpe?g|png|pdf)$/i

export interface PickedSigningFile {
  path: string
  name: string
  /** frees the browser's object URL (nothing to free in the mini-program) */
  release(): void
}

/** Why a picked file may not be sent (shown on the form). */
export class SigningPickError extends Error {}

function check(name: string, size: number): void {
  if (!ACCEPTED.test(name)) throw new SigningPickError('只支持 JPG、PNG 图片或 PDF 文件')
  if (size > SIGNING_UPLOAD_MAX_BYTES) throw new SigningPickError('文件不能超过 5MB')
}

function nameOf(path: string, fallback: string): string {
  const base = path.split(/[\\/]/).pop() ?? ''
  return ACCEPTED.test(base) ? base : fallback
}

/**
 * `photo`: album or camera (the browser's file input takes any accepted file); `chat`: a PDF or
 * picture from a WeChat chat. Null when cancelled; throws SigningPickError for a wrong file.
 */
export async function pickSigningFile(
  from: 'photo' | 'chat',
  inputClass = 'e2e-signing-upload-input',
): Promise<PickedSigningFile | null> {
  if (process.env.TARO_ENV === 'h5') {
    const f = await pickBrowserFile({
      accept: '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf',
      inputClass,
      check,
    })
    return f && { path: f.path, name: f.name, release: f.release }
  }
  if (from === 'photo') {
    const path = await pickOneImage()
    if (!path) return null
    // the server reads the type from the bytes and refuses more than 5 MB (413)
    return { path, name: nameOf(path, /\.png$/i.test(path) ? '扫描件.png' : '扫描件.jpg'), release: () => {} }
  }
  let res: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    res = await Taro.chooseMessageFile({ count: 1, type: 'all', extension: ['pdf', 'jpg', 'jpeg', 'png'] })
  } catch {
    return null // cancelled
  }
  const f = res.tempFiles[0]
  if (!f) return null
  check(f.name, f.size)
  return { path: f.path, name: f.name, release: () => {} }
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
