/**
 * Picking a PDF to upload as an attachment resume: in the mini-program from a WeChat chat
 * (`chooseMessageFile`, where students keep the files they were sent), in the browser through a
 * file input. The page gets a local path `Taro.uploadFile` can send, the file's own name and size.
 */
import Taro from '@tarojs/taro'
import { RESUME_ATTACHMENT_MAX_BYTES } from '../../contracts/resumes'
import { pickBrowserFile } from '../../services/pick-browser-file'

export interface PickedPdf {
  path: string
  name: string
  size: number
  /** frees the browser's object URL (nothing to free in the mini-program) */
  release(): void
}

export class PickError extends Error {}

function check(name: string, size: number): void {
  if (!/\.pdf$/i.test(name)) throw new PickError('附件简历只支持 PDF 文件，请导出为 PDF 后上传')
  if (size > RESUME_ATTACHMENT_MAX_BYTES) throw new PickError('文件不能超过5MB')
}

function pickInBrowser(): Promise<PickedPdf | null> {
  return pickBrowserFile({ accept: '.pdf,application/pdf', inputClass: 'e2e-resume-file-input', check })
}

async function pickInWechat(): Promise<PickedPdf | null> {
  let res: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] })
  } catch {
    return null // cancelled
  }
  const f = res.tempFiles[0]
  if (!f) return null
  check(f.name, f.size)
  return { path: f.path, name: f.name, size: f.size, release: () => {} }
}

export function pickPdf(): Promise<PickedPdf | null> {
  return process.env.TARO_ENV === 'h5' ? pickInBrowser() : pickInWechat()
}
