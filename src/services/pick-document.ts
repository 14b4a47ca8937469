/**
 * Picking one document to upload (a proof, a stamped scan): a photo (album or camera,
 * `chooseImage`) or, in the mini-program, a PDF or picture from a WeChat chat (`chooseMessageFile`);
 * in the browser a file input. The caller gets a local path `upload()` can send, the file's own name
 * and a way to free it; the server still reads the type from the bytes.
 */
import Taro from '@tarojs/taro'
import { pickBrowserFile } from './pick-browser-file'

export interface PickedDocument {
  path: string
  name: string
  /** frees the browser's object URL (nothing to free in the mini-program) */
  release(): void
}

/** Why a picked file may not be sent (the form shows the message). */
export class DocumentPickError extends Error {}

const ACCEPTED = /\.(jpe?g|png|pdf)$/i
const keep = () => {}

export interface PickOptions {
  /** the browser file input's class (tests find it by it) */
  inputClass: string
  /** what the file is, for the messages and a photo's name: 证明材料, 扫描件 */
  what: string
  maxBytes: number
}

function checker(o: PickOptions) {
  return (name: string, size: number): void => {
    if (!ACCEPTED.test(name)) throw new DocumentPickError(`${o.what}支持 JPG、PNG 图片或 PDF 文件`)
    if (size > o.maxBytes)
      throw new DocumentPickError(`文件不能超过 ${Math.round(o.maxBytes / 1024 / 1024)}MB`)
  }
}

/** The last path segment of a temporary path, as the file's name (`http://tmp/…_photo.png`). */
function nameOf(path: string, fallback: string): string {
  const base = path.split(/[\\/]/).pop() ?? ''
  return ACCEPTED.test(base) ? base : fallback
}

/** `photo`: a picture (the browser's file input takes any accepted file); `chat`: a file from a chat. Null when cancelled. */
export async function pickDocument(from: 'photo' | 'chat', o: PickOptions): Promise<PickedDocument | null> {
  const check = checker(o)
  if (process.env.TARO_ENV === 'h5') {
    const f = await pickBrowserFile({
      accept: '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf',
      inputClass: o.inputClass,
      check,
    })
    return f && { path: f.path, name: f.name, release: f.release }
  }
  if (from === 'photo') {
    let res: Taro.chooseImage.SuccessCallbackResult
    try {
      res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    } catch {
      return null // cancelled
    }
    const path = res.tempFilePaths[0]
    if (!path) return null
    const name = nameOf(path, /\.png$/i.test(path) ? `${o.what}.png` : `${o.what}.jpg`)
    check(name, res.tempFiles?.[0]?.size ?? 0)
    return { path, name, release: keep }
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
  return { path: f.path, name: f.name, release: keep }
}
