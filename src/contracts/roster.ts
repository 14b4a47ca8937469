import { z } from 'zod'
import { RosterFields } from './binding'

/**
 * Roster import (生源导入). A file goes up whole (XLSX, or CSV up to the body limit) or, for big CSV
 * files, in chunks that each repeat the header line; `firstRow` is the file's row number of the
 * chunk's first data line, so every rejection names the row the staff member sees in their file.
 */
export const RosterImportQuery = z.object({
  schoolId: z.string().uuid('学校参数不正确').optional(),
  dryRun: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  firstRow: z.coerce.number().int().min(2, '起始行号不正确').max(10_000_000).default(2),
})
export type RosterImportQuery = z.input<typeof RosterImportQuery>

export const RosterRejection = z.object({
  row: z.number().int(),
  studentNumber: z.string().nullable(),
  name: z.string().nullable(),
  reasons: z.array(z.string()).min(1),
})
export type RosterRejection = z.infer<typeof RosterRejection>

export const RosterImportResult = z.object({
  dryRun: z.boolean(),
  total: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejectedCount: z.number().int(),
  /** at most REJECTIONS_SHOWN rows; rejectedCount says how many there were */
  rejected: z.array(RosterRejection),
})
export type RosterImportResult = z.infer<typeof RosterImportResult>

export const REJECTIONS_SHOWN = 1000
/** what the client puts in one request: under Vercel's 4.5 MB body limit with room for headers */
export const ROSTER_CHUNK_BYTES = 3.5 * 1024 * 1024

export const RosterListQuery = z.object({
  schoolId: z.string().uuid('学校参数不正确').optional(),
  college: z.string().trim().max(100).optional(),
  q: z.string().trim().max(50).optional(),
  bound: z.enum(['yes', 'no']).optional(),
  after: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type RosterListQuery = z.input<typeof RosterListQuery>

export const Gender = z.enum(['male', 'female'])
export type Gender = z.infer<typeof Gender>

/** A row of the staff roster list. */
export const RosterListItem = RosterFields.extend({
  gender: Gender,
  origin: z.string().nullable(),
  phone: z.string().nullable(),
  bound: z.boolean(),
  updatedAt: z.string(),
})
export type RosterListItem = z.infer<typeof RosterListItem>

export const RosterListResponse = z.object({
  items: z.array(RosterListItem),
  total: z.number().int(),
  /** pass as `after` for the next page; null on the last page */
  next: z.string().nullable(),
})
export type RosterListResponse = z.infer<typeof RosterListResponse>

export function emptyImportResult(dryRun: boolean): RosterImportResult {
  return { dryRun, total: 0, inserted: 0, updated: 0, unchanged: 0, rejectedCount: 0, rejected: [] }
}

/** Adds one upload's answer to the running total of a file sent in several uploads. */
export function addImportResult(sum: RosterImportResult, r: RosterImportResult): void {
  sum.total += r.total
  sum.inserted += r.inserted
  sum.updated += r.updated
  sum.unchanged += r.unchanged
  sum.rejectedCount += r.rejectedCount
  sum.rejected.push(...r.rejected.slice(0, Math.max(0, REJECTIONS_SHOWN - sum.rejected.length)))
}
