import type { VercelRequest } from '@vercel/node'
import busboy from 'busboy'
import { AppError } from './errors'
import { PLATFORM_MAX_BODY_BYTES, readRawBody } from './raw-body'

export interface UploadedFile {
  field: string
  filename: string
  contentType: string
  data: Buffer
}

export function isMultipart(contentType: string | undefined): boolean {
  return /^multipart\/form-data\b/i.test(contentType ?? '')
}

/**
 * Reads the first file of a multipart/form-data body (what `wx.uploadFile` / `Taro.uploadFile` send).
 * On Vercel `req.body` is undefined for this type; the bytes come from the request stream
 * (`readRawBody`), up to the platform's body limit; the file itself is limited to `maxBytes`.
 */
export async function readUploadedFile(req: VercelRequest, maxBytes: number): Promise<UploadedFile> {
  const contentType = req.headers['content-type']
  if (!contentType || !isMultipart(contentType)) {
    throw new AppError('bad_request', '请以表单方式上传文件')
  }
  const body = await readRawBody(req, PLATFORM_MAX_BODY_BYTES)
  return new Promise((resolve, reject) => {
    let found: UploadedFile | undefined
    let tooBig = false
    let bb: busboy.Busboy
    try {
      bb = busboy({
        headers: { 'content-type': contentType },
        // browsers send the filename parameter as UTF-8 bytes; busboy's default reads latin1
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: maxBytes },
      })
    } catch (err) {
      // busboy throws at once on a content type it cannot read ("Boundary not found")
      reject(
        new AppError('bad_request', '上传内容格式不正确：缺少 multipart 分隔符（boundary）', { cause: err }),
      )
      return
    }
    bb.on('file', (field, stream, info) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('limit', () => {
        tooBig = true
      })
      stream.on('end', () => {
        found = {
          field,
          filename: info.filename ?? '',
          contentType: info.mimeType,
          data: Buffer.concat(chunks),
        }
      })
    })
    bb.on('error', (err) => reject(new AppError('bad_request', '上传内容格式不正确', { cause: err })))
    bb.on('close', () => {
      if (tooBig)
        reject(new AppError('payload_too_large', `文件不能超过${Math.round(maxBytes / 1024 / 1024)}MB`))
      else if (!found || found.data.length === 0) reject(new AppError('bad_request', '没有收到文件'))
      else resolve(found)
    })
    bb.end(body)
  })
}
