/**
 * Picking a proof file for a correction: a photo (album or camera, `chooseImage`) or, in the
 * mini-program, a PDF or picture from a WeChat chat (`chooseMessageFile`); in the browser a file
 * input. The page gets a local path `upload()` can send, the file's own name and a way to free it.
 */
import Taro from '@tarojs/taro'
import { PROOF_MAX_BYTES } from '../../contracts/procedures'
import { pickBrowserFile } from '../../services/pick-browser-file'

export interface PickedProof {
  path: string
  name: string
  /** frees the browser's object URL (nothing to free in the mini-program) */
  release(): void
}

export class PickError extends Error {}

const ACCEPTED = /\.(jpe?g|png|pdf)$/i

function check(name: string, size: number): void {
  if (!ACCEPTED.test(name)) throw new PickError('证明材料支持 JPG、PNG 图片或 PDF 文件')
  if (size > PROOF_MAX_BYTES) throw new PickError('文件不能超过 5MB')
}

async function pickInBrowser(): Promise<PickedProof | null> {
  const f = await pickBrowserFile({
    accept: '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf',
    inputClass: 'e2e-corr-proof-input',
    check,
  })
  return f && { path: f.path, name: f.name, release: f.release }
}

/** The last path segment of a temporary path, as the file's name (`http://tmp/…_photo.png`). */
function nameOf(path: string, fallback: string): string {
  const base = path.split(/[\\/]/).pop() ?? ''
  return ACCEPTED.test(base) ? base : fallback
}

async function pickPhoto(): Promise<PickedProof | null> {
  let res: Taro.chooseImage.SuccessCallbackResult
  try {
    res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  } catch {
    return null // cancelled
  }
  const path = res.tempFilePaths[0]
  if (!path) return null
  const size = res.tempFiles?.[0]?.size ?? 0
  const name = nameOf(path, /\.png$/i.test(path) ? '证明材料.png' : '证明材料.jpg')
  check(name, size)
  return { path, name, release: () => {} }
}

async function pickChatFile(): Promise<PickedProof | null> {
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

/** `photo`: a picture (the browser's file input takes any accepted file); `chat`: a file from a chat. */
export function pickProof(from: 'photo' | 'chat'): Promise<PickedProof | null> {
  if (process.env.TARO_ENV === 'h5') return pickInBrowser()
  return from === 'chat' ? pickChatFile() : pickPhoto()
}
