/** Reads a QR code back out of a PNG (the fake's stand-in for a mini-program code). */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'

export function decodePng(png: Buffer): {
  text: string | null
  width: number
  height: number
  alpha: number
} {
  const img = PNG.sync.read(png)
  const found = jsQR(
    new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length),
    img.width,
    img.height,
  )
  return { text: found?.data ?? null, width: img.width, height: img.height, alpha: img.data[3] ?? 255 }
}
