import { z } from 'zod'

/**
 * Uploads of the signing centre (签约中心): stamped agreement scans (盖章扫描件), destination proofs,
 * termination proofs. Stored under `signing-proofs/<uploader's id>/<uuid>.<jpg|png|pdf>`; the SQL
 * functions that record keys take only the caller's own (app.own_signing_uploads).
 *
 * POST /api/signing/uploads?name=<file's own name>  multipart `file` → 201 SigningUploadResponse
 * GET  /api/signing/uploads?key=<key>               → 200 SigningUploadLinkResponse (or 404)
 */
export const SIGNING_UPLOAD_PREFIX = 'signing-proofs/'

/** One image (JPEG, PNG) or PDF of at most 5 MB, its type read from its bytes. */
export const SIGNING_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
export const SIGNING_UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const

/** The key recorded by the signing functions, and the name the form shows while it is composed. */
export const SigningUploadResponse = z.object({ key: z.string(), name: z.string() })
export type SigningUpload = z.infer<typeof SigningUploadResponse>

/** A short-lived link to one upload. */
export const SigningUploadLinkResponse = z.object({ url: z.string(), expiresInSeconds: z.number().int() })

/** A stored upload as answers show it: its key, a display name and the served link (…/uploads?key=). */
export const SigningFile = z.object({ key: z.string(), name: z.string(), url: z.string() })
export type SigningFile = z.infer<typeof SigningFile>
