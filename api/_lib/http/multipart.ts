import busboy from 'busboy'
import { AppError } from './errors'

export interface UploadedFile {
  field: string
  filename: string
  contentType: string
  data: Buffer
}

/**
 * Reads the first file of a multipart/form-data body (what `wx.uploadFile` / `Taro.uploadFile` send).
 * Vercel hands such bodies to the function as a Buffer; so does the dev server.
 */
export function readUploadedFile(
  contentType: string | undefined,
  body: unknown,
  maxBytes: number,
): Promise<UploadedFile> {
  if (!contentType?.startsWith('multipart/form-data') || !Buffer.isBuffer(body)) {
    return Promise.reject(new AppError('bad_request', '请以表单方式上传文件'))
  }
  return new Promise((resolve, reject) => {
    let found: UploadedFile | undefined
    let tooBig = false
    let bb: busboy.Busboy
    try {
      bb = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fileSize: maxBytes } })
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
