/**
 * 线下签约 and 空白协议 from the client's side: the student's offline agreements, saving the draft,
 * discarding, generating, the stamped scans, submitting, and filing a blank agreement. Through the
 * request wrapper; field errors show on the form (not toasted); every state change carries an
 * idempotency key. Uploads: src/services/signing-uploads.ts.
 */
import {
  type FileBlankRequest,
  OfflineAgreement,
  OfflineAgreementListResponse,
  type OfflineFields,
} from '../contracts/agreement-offline'
import { downloadPdf } from './pdf-download'
import { request } from './request'

const BASE = '/api/signing/offline'

export function listMyOffline(opts: { toast?: boolean } = {}) {
  return request(BASE, { schema: OfflineAgreementListResponse, toast: opts.toast })
}

export function fetchOffline(id: string, opts: { toast?: boolean } = {}) {
  return request(`${BASE}/${id}`, { schema: OfflineAgreement, toast: opts.toast })
}

/** 保存草稿: a new draft (id null) or the draft's fields. */
export function saveOffline(id: string | null, fields: OfflineFields) {
  return request(id ? `${BASE}/${id}` : BASE, {
    method: id ? 'PUT' : 'POST',
    data: { fields },
    schema: OfflineAgreement,
    toast: false,
    idempotent: true,
  })
}

function step(id: string, action: 'discard' | 'generate' | 'submit') {
  return request(`${BASE}/${id}/${action}`, {
    method: 'POST',
    data: {},
    schema: OfflineAgreement,
    toast: false,
    idempotent: true,
  })
}
export const discardOffline = (id: string) => step(id, 'discard')
export const generateOffline = (id: string) => step(id, 'generate')
export const submitOffline = (id: string) => step(id, 'submit')

/** The stamped scans (keys of POST /api/signing/uploads), replacing the list. */
export function attachScans(id: string, scanKeys: string[]) {
  return request(`${BASE}/${id}/scans`, {
    method: 'PUT',
    data: { scanKeys },
    schema: OfflineAgreement,
    toast: false,
    idempotent: true,
  })
}

export function fileBlank(body: FileBlankRequest) {
  return request('/api/signing/blank', {
    method: 'POST',
    data: body,
    schema: OfflineAgreement,
    toast: false,
    idempotent: true,
  })
}

/** 下载协议 PDF (GET /api/signing/agreements/[id]/pdf), to print, sign and stamp. */
export function downloadAgreementPdf(a: Pick<OfflineAgreement, 'id' | 'number'>): Promise<void> {
  return downloadPdf({
    path: `/api/signing/agreements/${a.id}/pdf`,
    fallbackName: `就业协议书-${a.number}.pdf`,
    linkClass: 'e2e-offline-pdf-link',
    refresh: () => request(`${BASE}/${a.id}`, { schema: OfflineAgreement, toast: false }),
  })
}
