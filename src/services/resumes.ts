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
import { ApiError, apiUrl, asApiError, NETWORK_ERROR_MESSAGE, request, upload } from './request'
import { getSession } from './session'

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

/**
 * Downloads the server-made PDF of an online resume. In the browser it is saved as a file
 * (the name the server gives, from Content-Disposition); in the mini-program it is downloaded
 * and opened in WeChat's document viewer (which can forward or save it). The download sends the
 * stored token like every call; an expired one is refreshed by a cheap authorised request first.
 */
export async function downloadResumePdf(id: string, fallbackName: string): Promise<void> {
  const path = `/api/me/resumes/${id}/pdf`
  const tryOnce = async (): Promise<'ok' | 'unauthorised'> => {
    const token = getSession()?.accessToken ?? ''
    if (process.env.TARO_ENV === 'h5') {
      let res: Response
      try {
        res = await fetch(apiUrl(path), { headers: { authorization: `Bearer ${token}` } })
      } catch {
        throw new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)
      }
      if (res.status === 401) return 'unauthorised'
      if (!res.ok) throw new ApiError('download_failed', '下载失败，请稍后再试', res.status)
      const name = fileNameOf(res.headers.get('content-disposition')) ?? fallbackName
      const url = URL.createObjectURL(await res.blob())
      const a = document.createElement('a')
      a.href = url
      a.download = name
      a.className = 'e2e-resume-pdf-link'
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 60_000)
      return 'ok'
    }
    let r: Taro.downloadFile.FileSuccessCallbackResult
    try {
      r = await Taro.downloadFile({ url: apiUrl(path), header: { authorization: `Bearer ${token}` } })
    } catch {
      throw new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)
    }
    if (r.statusCode === 401) return 'unauthorised'
    if (r.statusCode !== 200) throw new ApiError('download_failed', '下载失败，请稍后再试', r.statusCode)
    await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'pdf', showMenu: true })
    return 'ok'
  }
  try {
    if ((await tryOnce()) === 'ok') return
    // the token has expired: any call through request() refreshes it once
    await listResumes({ toast: false })
    if ((await tryOnce()) === 'ok') return
    throw new ApiError('unauthenticated', '登录已过期，请重新登录', 401)
  } catch (e) {
    toast(asApiError(e, '下载失败，请稍后再试').message)
    throw e
  }
}

/** The UTF-8 name of `filename*=UTF-8''…` (RFC 5987), else the plain `filename="…"`. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1]!)
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(disposition)?.[1] ?? null
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
