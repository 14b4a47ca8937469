/**
 * The zip container of an .xlsx, read from its central directory before anything is inflated.
 * A 32 KB upload can declare gigabytes inside; the declared sizes are checked against the limits
 * first, and `validateEntrySizes` stops an entry that inflates past what it declared, so the
 * check cannot be lied to. Entries are read by name from the central directory only (local
 * headers the directory does not list are never parsed) and streamed, never inflated whole.
 */
import { StringDecoder } from 'node:string_decoder'
import yauzl from 'yauzl'
import { AppError } from '../http/errors'

export const ZIP_LIMITS = {
  /** an .xlsx has ~15 entries; a few hundred with images and charts */
  entries: 2_000,
  /** all entries together, inflated: a 100,000-row roster is ~40 MB of sheet XML */
  inflatedBytes: 64 * 1024 * 1024,
  /** spreadsheet XML deflates ~10:1; a zip bomb ~1,000:1. Checked above `ratioFloorBytes` only */
  ratio: 200,
  ratioFloorBytes: 1024 * 1024,
} as const

const MB = 1024 * 1024

export interface ZipArchive {
  has(name: string): boolean
  /** Streams one entry as text (UTF-8, or UTF-16 with a BOM) to `onText`, chunk by chunk. */
  readText(name: string, onText: (text: string) => void): Promise<void>
}

const UNREADABLE = '无法读取该 Excel 文件，请确认是 .xlsx 格式'

function tooLarge(message: string, details: Record<string, unknown>): AppError {
  return new AppError('payload_too_large', message, { details })
}

export async function openZip(data: Buffer): Promise<ZipArchive> {
  let zip: yauzl.ZipFile
  const entries = new Map<string, yauzl.Entry>()
  try {
    zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, validateEntrySizes: true })
    let inflated = 0
    for await (const entry of zip.eachEntry()) {
      if (entries.size >= ZIP_LIMITS.entries) {
        throw tooLarge(`Excel 文件包含的部件过多（超过${ZIP_LIMITS.entries}个）`, {
          limit: 'zip_entries',
          max: ZIP_LIMITS.entries,
        })
      }
      inflated += entry.uncompressedSize
      if (inflated > ZIP_LIMITS.inflatedBytes) {
        throw tooLarge(`Excel 文件解压后超过${ZIP_LIMITS.inflatedBytes / MB}MB，请删除多余内容或分批上传`, {
          limit: 'inflated_bytes',
          max: ZIP_LIMITS.inflatedBytes,
        })
      }
      if (
        entry.uncompressedSize > ZIP_LIMITS.ratioFloorBytes &&
        entry.uncompressedSize > entry.compressedSize * ZIP_LIMITS.ratio
      ) {
        throw tooLarge('Excel 文件的压缩比异常，疑似压缩炸弹，已拒绝读取', {
          limit: 'compression_ratio',
          max: ZIP_LIMITS.ratio,
        })
      }
      // part names are case-insensitive in an Office package
      entries.set(entry.fileName.toLowerCase(), entry)
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    throw new AppError('bad_request', UNREADABLE, { cause: err })
  }

  return {
    has: (name) => entries.has(name.toLowerCase()),
    async readText(name, onText) {
      const entry = entries.get(name.toLowerCase())
      if (!entry) throw new AppError('bad_request', UNREADABLE)
      if (entry.isEncrypted()) throw new AppError('bad_request', '该 Excel 文件已加密，请取消密码后上传')
      let decoder: StringDecoder | undefined
      try {
        const stream = await zip.openReadStreamPromise(entry)
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          if (!decoder) {
            const utf16 = chunk[0] === 0xff && chunk[1] === 0xfe
            decoder = new StringDecoder(utf16 ? 'utf16le' : 'utf8')
          }
          // a throw here (a limit) ends the loop, which destroys the stream: nothing more is inflated
          onText(decoder.write(chunk))
        }
        const rest = decoder?.end()
        if (rest) onText(rest)
      } catch (err) {
        if (err instanceof AppError) throw err
        // a corrupt deflate stream, or an entry inflating past its declared size
        throw new AppError('bad_request', UNREADABLE, { cause: err })
      }
    },
  }
}
