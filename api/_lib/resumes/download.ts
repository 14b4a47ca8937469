import { type ResumeLang, readStoredContent } from '../../../src/contracts/resumes'
import { withoutControls } from './attachments'

/** "林玙昳-中文简历.pdf" / "Lin Yuyi-Resume.pdf": the student's name and the resume's language. */
export function resumeFileName(content: unknown, lang: ResumeLang): string {
  // without what no file system takes in a name
  const name = withoutControls(readStoredContent(content).personal?.name ?? '')
    .replace(/[\\/:*?"<>|]/g, '')
    .trim()
  const what = lang === 'zh' ? '中文简历' : 'Resume'
  return `${Array.from(name).slice(0, 30).join('') || '简历'}-${what}.pdf`
}

/**
 * `attachment` with the name twice: an ASCII fallback for old clients (`filename=`) and the real
 * one as RFC 5987 / RFC 6266 `filename*=UTF-8''…`, which browsers and wx.downloadFile read.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
