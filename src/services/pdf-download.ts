/**
 * Downloading a server-made PDF (an online resume, the approved recommendation form). In the
 * browser it is saved as a file (the name the server gives, from Content-Disposition); in the
 * mini-program it is downloaded and opened in WeChat's document viewer (which can forward or save
 * it). The download sends the stored token like every call; an expired one is refreshed once by
 * the caller's cheap authorised request (`refresh`) and the download tried again.
 */
import Taro from '@tarojs/taro'
import { ApiError, apiUrl, asApiError, NETWORK_ERROR_MESSAGE } from './request'
import { getSession } from './session'

export interface PdfDownload {
  /** the API path of the PDF */
  path: string
  /** the file's name when the server gives none */
  fallbackName: string
  /** the class of the browser's temporary `<a download>` (the end-to-end tests find it by it) */
  linkClass: string
  /** any call through request(), which refreshes an expired token once */
  refresh(): Promise<unknown>
}

const FAILED = '下载失败，请稍后再试'

async function saveInBrowser(path: string, token: string, fallbackName: string, linkClass: string) {
  let res: Response
  try {
    res = await fetch(apiUrl(path), { headers: { authorization: `Bearer ${token}` } })
  } catch {
    throw new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)
  }
  if (res.status === 401) return 'unauthorised'
  if (!res.ok) throw new ApiError('download_failed', FAILED, res.status)
  const name = fileNameOf(res.headers.get('content-disposition')) ?? fallbackName
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.className = linkClass
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return 'ok'
}

async function openInWechat(path: string, token: string) {
  let r: Taro.downloadFile.FileSuccessCallbackResult
  try {
    r = await Taro.downloadFile({ url: apiUrl(path), header: { authorization: `Bearer ${token}` } })
  } catch {
    throw new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)
  }
  if (r.statusCode === 401) return 'unauthorised'
  if (r.statusCode !== 200) throw new ApiError('download_failed', FAILED, r.statusCode)
  await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'pdf', showMenu: true })
  return 'ok'
}

/** Downloads (browser) or opens (mini-program) the PDF; a failure is toasted and rethrown. */
export async function downloadPdf({ path, fallbackName, linkClass, refresh }: PdfDownload): Promise<void> {
  const tryOnce = (): Promise<'ok' | 'unauthorised'> => {
    const token = getSession()?.accessToken ?? ''
    return process.env.TARO_ENV === 'h5'
      ? saveInBrowser(path, token, fallbackName, linkClass)
      : openInWechat(path, token)
  }
  try {
    if ((await tryOnce()) === 'ok') return
    // the token has expired: any call through request() refreshes it once
    await refresh()
    if ((await tryOnce()) === 'ok') return
    throw new ApiError('unauthenticated', '登录已过期，请重新登录', 401)
  } catch (e) {
    void Taro.showToast({ title: asApiError(e, FAILED).message, icon: 'none', duration: 2500 })
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
