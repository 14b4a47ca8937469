/**
 * Roster import as the staff member (RLS applies): every line validated, rejections reported by
 * row, valid rows upserted by (school, student number). Unchanged rows are recognised by their
 * digest and not written; a bound student's name and ID number are never changed by an import.
 *
 * Reading the file (seconds for a big XLSX) and validating its rows happen outside any
 * transaction: a pooled connection (two per function on Vercel) is held only for the scope check
 * and for the writes.
 */
import {
  REJECTIONS_SHOWN,
  type RosterImportResult,
  type RosterRejection,
} from '../../../src/contracts/roster'
import type { Db, Tx } from '../db/tx'
import { AppError } from '../http/errors'
import { PLATFORM_MAX_BODY_BYTES } from '../http/raw-body'
import { log } from '../log/logger'
import { mapColumns } from './columns'
import { parseRow } from './parse-row'
import { type RosterTable, readRosterFile } from './read-file'
import { identityDigest, type RosterRow, rowDigest } from './record'
import { type RosterScope, rosterScope } from './scope'
import { writeRosterRows } from './write'

/** rows per statement: big enough to amortise round trips, small enough for one statement's memory */
const DB_CHUNK = 5000
export const MAX_ROWS_PER_REQUEST = 100_000
/** Vercel refuses bodies over 4.5 MB before the function runs */
export const ROSTER_UPLOAD_MAX_BYTES = PLATFORM_MAX_BODY_BYTES

export interface RosterImportInput {
  schoolId?: string
  dryRun: boolean
  firstRow: number
  data: Buffer | string
}

interface Candidate {
  row: number
  value: RosterRow
  digest: string
}

type Counts = { inserted: number; updated: number; unchanged: number }

export async function importRoster(tx: Tx, input: RosterImportInput): Promise<RosterImportResult> {
  // first, whose roster this is: a caller without the right is refused before the file is read
  const scope = await tx((db) => rosterScope(db, input.schoolId, 'write'))
  const table = await readRosterFile(input.data, input.firstRow, MAX_ROWS_PER_REQUEST)
  const { candidates, rejected } = validateRows(table, scope)

  const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 }
  if (candidates.length > 0) {
    await tx(async (db) => {
      // the scope again, in the transaction that writes: it may have changed while the file was read
      const now = await rosterScope(db, input.schoolId, 'write')
      if (now.schoolId !== scope.schoolId || now.college !== scope.college) {
        throw new AppError('conflict', '您的管理范围刚刚发生变化，请重新上传')
      }
      for (let i = 0; i < candidates.length; i += DB_CHUNK) {
        const part = candidates.slice(i, i + DB_CHUNK)
        const c = await importChunk(db, scope, part, input.dryRun, rejected)
        counts.inserted += c.inserted
        counts.updated += c.updated
        counts.unchanged += c.unchanged
      }
    })
  }

  rejected.sort((a, b) => a.row - b.row)
  const result: RosterImportResult = {
    dryRun: input.dryRun,
    total: table.rows.length,
    ...counts,
    rejectedCount: rejected.length,
    rejected: rejected.slice(0, REJECTIONS_SHOWN),
  }
  log.info('roster import', {
    schoolId: scope.schoolId,
    ...counts,
    total: result.total,
    rejected: rejected.length,
    dryRun: input.dryRun,
  })
  return result
}

/** Each row checked on its own and against the rows above it (pure: no database). */
function validateRows(
  table: RosterTable,
  scope: RosterScope,
): { candidates: Candidate[]; rejected: RosterRejection[] } {
  const cols = mapColumns(table.header)
  const rejected: RosterRejection[] = []
  const candidates: Candidate[] = []
  const firstSeen = new Map<string, number>()
  for (const { row, cells } of table.rows) {
    const parsed = parseRow(cells, cols, scope)
    if (!parsed.ok) {
      rejected.push({ row, studentNumber: parsed.studentNumber, name: parsed.name, reasons: parsed.reasons })
      continue
    }
    const earlier = firstSeen.get(parsed.row.studentNumber)
    if (earlier !== undefined) {
      rejected.push({
        row,
        studentNumber: parsed.row.studentNumber,
        name: parsed.row.name,
        reasons: [`学号与第${earlier}行重复`],
      })
      continue
    }
    firstSeen.set(parsed.row.studentNumber, row)
    candidates.push({ row, value: parsed.row, digest: rowDigest(scope.schoolId, parsed.row) })
  }
  return { candidates, rejected }
}

async function importChunk(
  db: Db,
  scope: RosterScope,
  part: Candidate[],
  dryRun: boolean,
  rejected: RosterRejection[],
): Promise<Counts> {
  const numbers = part.map((c) => c.value.studentNumber)
  const foreign = new Map<string, string>()
  if (scope.college) {
    const { rows } = await db.query<{ student_number: string; college: string }>(
      'select student_number, college from app.roster_numbers_outside_scope($1, $2)',
      [scope.schoolId, numbers],
    )
    for (const r of rows) foreign.set(r.student_number, r.college)
  }
  const { rows: existing } = await db.query<{
    student_number: string
    row_digest: string | null
    identity_digest: string | null
    bound: boolean
  }>(
    `select student_number, row_digest, identity_digest, bound_user_id is not null as bound
       from public.roster_entries where school_id = $1 and student_number = any ($2)`,
    [scope.schoolId, numbers],
  )
  const byNumber = new Map(existing.map((e) => [e.student_number, e]))

  const toInsert: Candidate[] = []
  const toUpdate: Candidate[] = []
  let unchanged = 0
  for (const c of part) {
    const otherCollege = foreign.get(c.value.studentNumber)
    if (otherCollege !== undefined) {
      rejected.push(reject(c, `该学号已在${otherCollege}的生源中，请联系学校就业部门处理`))
      continue
    }
    const e = byNumber.get(c.value.studentNumber)
    if (!e) toInsert.push(c)
    else if (e.row_digest === c.digest) unchanged++
    else if (e.bound && e.identity_digest !== identityDigest(c.value)) {
      rejected.push(reject(c, '该学生已绑定微信，姓名和身份证号不能通过导入修改；如需更正请先为其解绑'))
    } else toUpdate.push(c)
  }
  if (dryRun) return { inserted: toInsert.length, updated: toUpdate.length, unchanged }

  const strip = (c: Candidate) => ({ value: c.value, digest: c.digest })
  const written = await writeRosterRows(db, scope.schoolId, toInsert.map(strip), toUpdate.map(strip))
  const inserted = written.inserted.size
  const updated = written.updated.size
  // rows another import wrote the same way in the meantime were left alone
  return { inserted, updated, unchanged: unchanged + toInsert.length + toUpdate.length - inserted - updated }
}

function reject(c: Candidate, reason: string): RosterRejection {
  return { row: c.row, studentNumber: c.value.studentNumber, name: c.value.name, reasons: [reason] }
}
