/**
 * 就业手续 from the client's side: source info (生源信息核对), correction requests (信息纠错), the
 * recommendation form (就业推荐表), their history (核签明细 / 变更明细) and the gate. Everything goes
 * through the request wrapper; saves and submissions show their field errors on the form, so they
 * are not toasted here, and every state change carries an idempotency key.
 */
import Taro from '@tarojs/taro'
import { z } from 'zod'
import {
  Correction,
  CorrectionListResponse,
  type FileCorrectionRequest,
  HistoryResponse,
  ProcedureGate,
  ProofUploadResponse,
  Recommendation,
  type SaveRecommendationRequest,
  type SaveSourceInfoRequest,
  SourceInfo,
} from '../contracts/procedures'
import { ApiError, apiUrl, asApiError, NETWORK_ERROR_MESSAGE, request, upload } from './request'
import { getSession } from './session'

const BASE = '/api/procedures'

export function fetchGate(opts: { toast?: boolean } = {}) {
  return request(`${BASE}/gate`, { schema: ProcedureGate, toast: opts.toast })
}

// ---- source info -------------------------------------------------------------------------------

export function fetchSourceInfo(opts: { toast?: boolean } = {}) {
  return request(`${BASE}/source-info`, { schema: SourceInfo, toast: opts.toast })
}

/** 保存 (`submit: false`) or 保存并送审; the form shows the API's `fields`. */
export function saveSourceInfo(body: SaveSourceInfoRequest) {
  return request(`${BASE}/source-info`, {
    method: 'PUT',
    data: body,
    schema: SourceInfo,
    toast: false,
    idempotent: true,
  })
}

export function withdrawSourceInfo() {
  return request(`${BASE}/source-info/withdraw`, {
    method: 'POST',
    data: {},
    schema: SourceInfo,
    idempotent: true,
  })
}

// ---- corrections -------------------------------------------------------------------------------

export function listCorrections(opts: { toast?: boolean } = {}) {
  return request(`${BASE}/corrections`, { schema: CorrectionListResponse, toast: opts.toast })
}

export function fileCorrection(body: FileCorrectionRequest) {
  return request(`${BASE}/corrections`, {
    method: 'POST',
    data: body,
    schema: Correction,
    toast: false,
    idempotent: true,
  })
}

export function withdrawCorrection(id: string) {
  return request(`${BASE}/corrections/${id}/withdraw`, {
    method: 'POST',
    data: {},
    schema: Correction,
    idempotent: true,
  })
}

/** One proof file from a local path; `name` is its own name (wx.uploadFile cannot send it). */
export function uploadProof(filePath: string, name: string) {
  return upload(`${BASE}/corrections/proofs?name=${encodeURIComponent(name)}`, {
    filePath,
    name: 'file',
    schema: ProofUploadResponse,
  })
}

// ---- recommendation form -----------------------------------------------------------------------

export function fetchRecommendation(opts: { toast?: boolean } = {}) {
  return request(`${BASE}/recommendation`, { schema: Recommendation, toast: opts.toast })
}

export function saveRecommendation(body: SaveRecommendationRequest) {
  return request(`${BASE}/recommendation`, {
    method: 'PUT',
    data: body,
    schema: Recommendation,
    toast: false,
    idempotent: true,
  })
}

export function withdrawRecommendation() {
  return request(`${BASE}/recommendation/withdraw`, {
    method: 'POST',
    data: {},
    schema: Recommendation,
    idempotent: true,
  })
}

// ---- history -----------------------------------------------------------------------------------

/** One keyset page of 核签明细 / 变更明细, newest first. */
export function fetchHistory(before?: string) {
  const q = before ? `?before=${encodeURIComponent(before)}` : ''
  return request(`${BASE}/history${q}`, { schema: HistoryResponse })
}

// ---- the approved form's PDF -------------------------------------------------------------------

const Ignored = z.unknown()

/**
 * Downloads the approved recommendation form as a PDF, as the resume preview downloads its PDF: in
 * the browser it is saved as a file (the server's name from Content-Disposition); in the
 * mini-program it is downloaded and opened in WeChat's document viewer. An expired token is
 * refreshed by a cheap authorised request first.
 */
export async function downloadRecommendationPdf(fallbackName: string): Promise<void> {
  const path = `${BASE}/recommendation/pdf`
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
      a.className = 'e2e-rec-pdf-link'
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
    await request(`${BASE}/gate`, { schema: Ignored, toast: false })
    if ((await tryOnce()) === 'ok') return
    throw new ApiError('unauthenticated', '登录已过期，请重新登录', 401)
  } catch (e) {
    void Taro.showToast({
      title: asApiError(e, '下载失败，请稍后再试').message,
      icon: 'none',
      duration: 2500,
    })
    throw e
  }
}

/** The UTF-8 name of `filename*=UTF-8''…` (RFC 5987), else the plain `filename="…"` (as resumes.ts reads it). */
function fileNameOf(disposition: string | null): string | null {
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
