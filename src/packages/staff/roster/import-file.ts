/**
 * Sends a picked roster file to the API: an .xlsx whole, a CSV in chunks under the body limit
 * (each repeating the header and carrying its first row number), and adds up the answers.
 */
import {
  addImportResult,
  emptyImportResult,
  ROSTER_CHUNK_BYTES,
  RosterImportResult,
} from '../../../contracts/roster'
import { upload } from '../../../services/request'
import { chunkCsv } from './csv-chunks'
import { localFile, type PickedFile } from './pick-file'

export interface ImportProgress {
  done: number
  total: number
}

export async function importRosterFile(
  file: PickedFile,
  dryRun: boolean,
  onProgress: (p: ImportProgress) => void,
): Promise<RosterImportResult> {
  const parts =
    file.kind === 'xlsx' ? [{ bytes: file.bytes, firstRow: 2 }] : chunkCsv(file.bytes, ROSTER_CHUNK_BYTES)
  const sum = emptyImportResult(dryRun)
  onProgress({ done: 0, total: parts.length })
  for (const [i, part] of parts.entries()) {
    const local = localFile(part.bytes, i === 0 ? file.name : `part${i}-${file.name}`)
    try {
      const r = await upload(`/api/roster/import?firstRow=${part.firstRow}&dryRun=${dryRun ? 1 : 0}`, {
        filePath: local.path,
        schema: RosterImportResult,
        toast: false,
      })
      addImportResult(sum, r)
    } finally {
      local.release()
    }
    onProgress({ done: i + 1, total: parts.length })
  }
  return sum
}
