import Taro from '@tarojs/taro'
import {
  AttachmentLinkResponse,
  AttachmentResponse,
  DeletedResponse,
  type ResumeContent,
  type ResumeLang,
  ResumeListResponse,
  ResumeResponse,
  SetDefaultResponse,
} from '../contracts/resumes'
import { downloadPdf } from './pdf-download'
import { apiUrl, request, upload } from './request'

/** 我的简历: both online resumes with completeness, and the attachments. */
export function listResumes(opts: { toast?: boolean } = {}) {
  return request('/api/me/resumes', { schema: ResumeListResponse, toast: opts.toast })
}

/** Starts the resume of one language (prefilled from the roster and the profile). */
export function createResume(lang: ResumeLang) {
  return request('/api/me/resumes', {
    method: 'POST',
    data: { lang },
    schema: ResumeResponse,
    idempotent: true,
  })
}

export function fetchResume(id: string, opts: { toast?: boolean } = {}) {
  return request(`/api/me/resumes/${id}`, { schema: ResumeResponse, toast: opts.toast })
}

/** The whole content; field errors are shown on the editor, so they are not toasted. */
export function saveResume(id: string, body: { title?: string; content: ResumeContent }) {
  return request(`/api/me/resumes/${id}`, { method: 'PUT', data: body, schema: ResumeResponse, toast: false })
}

export function deleteResume(id: string) {
  return request(`/api/me/resumes/${id}`, { method: 'DELETE', schema: DeletedResponse })
}

export function setDefaultResume(id: string) {
  return request(`/api/me/resumes/${id}/default`, {
    method: 'POST',
    data: {},
    schema: SetDefaultResponse,
    idempotent: true,
  })
}

/** Uploads a PDF from a local path; `name` is the file's own name (wx.uploadFile cannot send it). */
export function uploadAttachment(filePath: string, name: string) {
  return upload(`/api/me/resume-attachments?name=${encodeURIComponent(name)}`, {
    filePath,
    name: 'file',
    schema: AttachmentResponse,
  })
}

/** A signed link to the file (valid a few minutes). */
export function attachmentLink(id: string) {
  return request(`/api/me/resume-attachments/${id}`, { schema: AttachmentLinkResponse })
}

export function deleteAttachment(id: string) {
  return request(`/api/me/resume-attachments/${id}`, { method: 'DELETE', schema: DeletedResponse })
}

function toast(message: string) {
  void Taro.showToast({ title: message, icon: 'none', duration: 2500 })
}

/** Downloads (browser) or opens (mini-program) the server-made PDF of an online resume. */
export function downloadResumePdf(id: string, fallbackName: string): Promise<void> {
  return downloadPdf({
    path: `/api/me/resumes/${id}/pdf`,
    fallbackName,
    linkClass: 'e2e-resume-pdf-link',
    refresh: () => listResumes({ toast: false }),
  })
}

/** Opens an attachment: the browser downloads it; the mini-program shows it in the document viewer. */
export async function openAttachment(id: string): Promise<void> {
  const { url, fileName } = await attachmentLink(id)
  const absolute = url.startsWith('/') ? apiUrl(url) : url
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a')
    a.href = absolute
    a.download = fileName
    a.target = '_blank'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return
  }
  try {
    const r = await Taro.downloadFile({ url: absolute })
    if (r.statusCode !== 200) throw new Error(String(r.statusCode))
    await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'pdf', showMenu: true })
  } catch {
    toast('打开失败，请稍后再试')
  }
}
