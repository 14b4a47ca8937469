import Taro from '@tarojs/taro'
import {
  type ApplicationStatus,
  ApplyResponse,
  AttachmentUrlResponse,
  type BatchApplyRequest,
  BatchApplyResponse,
  EmployerApplicationDetail,
  EmployerApplicationListResponse,
  type EmployerDecision,
  MarkApplicationResponse,
  MyApplicationListResponse,
  ResumeIncompleteDetails,
  WithdrawResponse,
} from '../contracts/applications'
import { queryString } from './query-string'
import { ApiError, apiUrl, NETWORK_ERROR_MESSAGE, request } from './request'
import { getSession } from './session'

// ================================================================ student

export function listMyApplications(
  opts: { status?: ApplicationStatus; jobId?: string; before?: string; limit?: number } = {},
  req: { toast?: boolean } = {},
) {
  return request(`/api/applications${queryString(opts)}`, {
    schema: MyApplicationListResponse,
    toast: req.toast,
  })
}

/**
 * 投递: not toasted, the apply sheet shows why inline (an incomplete resume lists what is missing);
 * one idempotency key per tap, so a resend after a lost answer gets the first answer.
 */
export function apply(body: { jobId: string; resumeId: string; attachmentId?: string | null }) {
  return request('/api/applications', {
    method: 'POST',
    data: body,
    schema: ApplyResponse,
    toast: false,
    idempotent: true,
  })
}

/** 批量投递 from the favourites: one resume for all; per-job outcomes, or one resume error for all. */
export function batchApply(body: BatchApplyRequest) {
  return request('/api/applications/batch', {
    method: 'POST',
    data: body,
    schema: BatchApplyResponse,
    toast: false,
    idempotent: true,
  })
}

export function withdrawApplication(id: string) {
  return request(`/api/applications/${id}/withdraw`, {
    method: 'POST',
    data: {},
    schema: WithdrawResponse,
    idempotent: true,
  })
}

/** The completeness and missing items of a `resume_incomplete` refusal, or null for any other error. */
export function incompleteDetails(e: unknown): ResumeIncompleteDetails | null {
  if (!(e instanceof ApiError) || e.code !== 'resume_incomplete') return null
  const d = ResumeIncompleteDetails.safeParse(e.details ?? {})
  return d.success ? d.data : null
}

// ================================================================ employer

export function listEmployerApplications(
  opts: {
    jobId?: string
    status?: ApplicationStatus
    keyword?: string
    before?: string
    limit?: number
  } = {},
  req: { toast?: boolean } = {},
) {
  return request(`/api/employer/applications${queryString(opts)}`, {
    schema: EmployerApplicationListResponse,
    toast: req.toast,
  })
}

/** The application with its resume snapshot and interviews; opening it marks it 被查看. */
export function fetchEmployerApplication(id: string, req: { toast?: boolean } = {}) {
  return request(`/api/employer/applications/${id}`, {
    schema: EmployerApplicationDetail,
    toast: req.toast,
  })
}

/** 标记不合适 / 录用. */
export function markApplication(id: string, status: EmployerDecision) {
  return request(`/api/employer/applications/${id}/status`, {
    method: 'POST',
    data: { status },
    schema: MarkApplicationResponse,
    idempotent: true,
  })
}

/** A signed URL of the attachment the student sent with the application (valid for an hour). */
export function attachmentUrl(id: string) {
  return request(`/api/employer/applications/${id}/attachment`, { schema: AttachmentUrlResponse })
}

/** a PDF made on the server takes longer than a JSON answer */
const DOWNLOAD_TIMEOUT_MS = 60_000

function downloadWithToken(path: string): Promise<Taro.downloadFile.FileSuccessCallbackResult> {
  const token = getSession()?.accessToken
  return Taro.downloadFile({
    url: apiUrl(path),
    header: token ? { authorization: `Bearer ${token}` } : {},
    timeout: DOWNLOAD_TIMEOUT_MS,
    // same origin in H5, as for uploads
    withCredentials: false,
  }) as Promise<Taro.downloadFile.FileSuccessCallbackResult>
}

/**
 * Hands a downloaded file to the user: H5 saves it under `fileName` (a link with `download` on the
 * blob's object URL, which keeps the name whatever the server called it), the mini-program opens it
 * in WeChat's document viewer.
 */
async function saveDownloaded(tempFilePath: string, fileName: string) {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a')
    a.href = tempFilePath
    a.download = fileName
    document.body.appendChild(a)
    a.click()
    a.remove()
    // an object URL holds the file's bytes until revoked
    setTimeout(() => URL.revokeObjectURL(tempFilePath), 60_000)
    return
  }
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf', showMenu: true })
}

function failDownload(e: unknown): never {
  const err = e instanceof ApiError ? e : new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)
  void Taro.showToast({ title: err.message, icon: 'none', duration: 2500 })
  throw err
}

function checkDownload(r: Taro.downloadFile.FileSuccessCallbackResult) {
  if (r.statusCode !== 200) {
    failDownload(new ApiError('http_error', `下载失败（${r.statusCode}），请稍后再试`, r.statusCode))
  }
}

/**
 * The attachment resume sent with the application: a signed link from the API (a path on the API
 * itself with the local storage), then the file.
 */
export async function downloadAttachment(id: string) {
  const link = await attachmentUrl(id)
  const url = link.url.startsWith('/') ? apiUrl(link.url) : link.url
  let r: Taro.downloadFile.FileSuccessCallbackResult
  try {
    r = (await Taro.downloadFile({
      url,
      timeout: DOWNLOAD_TIMEOUT_MS,
      withCredentials: false,
    })) as Taro.downloadFile.FileSuccessCallbackResult
  } catch (e) {
    failDownload(e)
  }
  checkDownload(r)
  await saveDownloaded(r.tempFilePath, link.fileName)
}

/**
 * The snapshot as a PDF (made on the server): a download with the bearer token. An expired token
 * answers 401: one authenticated call through the request wrapper refreshes it, then the download
 * runs once more.
 */
export async function downloadSnapshotPdf(id: string, fileName: string) {
  const path = `/api/employer/applications/${id}/pdf`
  let r: Taro.downloadFile.FileSuccessCallbackResult
  try {
    r = await downloadWithToken(path)
    if (r.statusCode === 401) {
      await fetchEmployerApplication(id, { toast: false })
      r = await downloadWithToken(path)
    }
  } catch (e) {
    failDownload(e)
  }
  checkDownload(r)
  await saveDownloaded(r.tempFilePath, fileName)
}
