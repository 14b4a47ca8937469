import sharp from 'sharp'
import { AppError } from '../http/errors'

// serverless functions handle one image now and then: keep no decoded images between requests
sharp.cache(false)

export type ImageType = 'image/png' | 'image/jpeg'

/** A 2 MB PNG can claim 30000×30000 pixels; refuse before decoding what we would never show. */
export const MAX_INPUT_PIXELS = 40_000_000

/** What the bytes are, not what the client says they are. */
export function sniffImage(data: Buffer): ImageType | null {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png'
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg'
  return null
}

/**
 * Re-encodes an uploaded JPEG or PNG (with sharp/libvips): turned upright by its EXIF orientation,
 * shrunk to fit `maxSide`, and written afresh, so nothing of the upload but its pixels is kept —
 * no EXIF (GPS position, camera serial), no JPEG APPn segments, no PNG text/eXIf chunks, no bytes
 * smuggled after the image. The type stays as sniffed (PNG keeps its transparency).
 */
export async function cleanImage(
  data: Buffer,
  opts: { maxSide: number },
): Promise<{ data: Buffer; type: ImageType }> {
  const type = sniffImage(data)
  if (!type) {
    throw new AppError('validation_failed', '只支持 JPG 或 PNG 图片', { fields: { file: '图片格式不支持' } })
  }
  try {
    const img = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .autoOrient()
      .resize({ width: opts.maxSide, height: opts.maxSide, fit: 'inside', withoutEnlargement: true })
    const out = type === 'image/png' ? img.png() : img.jpeg({ quality: 85 })
    return { data: await out.toBuffer(), type }
  } catch (err) {
    const tooLarge = /pixel limit/i.test(String((err as Error)?.message))
    throw new AppError('validation_failed', tooLarge ? '图片尺寸过大' : '图片已损坏，无法读取', {
      fields: { file: tooLarge ? '图片尺寸过大' : '图片无法读取' },
      cause: err,
    })
  }
}
