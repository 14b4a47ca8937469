/**
 * 就业手续 from the client's side: source info (生源信息核对), correction requests (信息纠错), the
 * recommendation form (就业推荐表), their history (核签明细 / 变更明细) and the gate. Everything goes
 * through the request wrapper; saves and submissions show their field errors on the form, so they
 * are not toasted here, and every state change carries an idempotency key.
 */
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
import { downloadPdf } from './pdf-download'
import { request, upload } from './request'

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

/** Downloads (browser) or opens (mini-program) the approved recommendation form as a PDF. */
export function downloadRecommendationPdf(fallbackName: string): Promise<void> {
  return downloadPdf({
    path: `${BASE}/recommendation/pdf`,
    fallbackName,
    linkClass: 'e2e-rec-pdf-link',
    refresh: () => request(`${BASE}/gate`, { schema: Ignored, toast: false }),
  })
}
