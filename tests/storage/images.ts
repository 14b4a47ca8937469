/**
 * Images built byte by byte for the metadata tests: a JPEG carrying an EXIF block (camera make,
 * orientation, GPS position), a PNG carrying text and eXIf chunks, and a PNG whose header claims
 * more pixels than we decode. Plus readers for the segments/chunks of what comes back.
 */
import zlib from 'node:zlib'
import sharp from 'sharp'

export const SECRET = 'SECRET-CAMERA-SN-4711'

/** A little-endian TIFF block: IFD0 (Make, Orientation, GPS pointer) and a GPS IFD (39°54'27"N 116°23'30"E). */
export function exifTiff(orientation: number): Buffer {
  const make = Buffer.from(`${SECRET}\0`, 'latin1')
  const ifd0 = 8
  const makeAt = ifd0 + 2 + 3 * 12 + 4
  const gpsAt = makeAt + make.length
  const latAt = gpsAt + 2 + 4 * 12 + 4
  const lonAt = latAt + 24
  const b = Buffer.alloc(lonAt + 24)
  b.write('II', 0, 'latin1')
  b.writeUInt16LE(42, 2)
  b.writeUInt32LE(ifd0, 4)
  const entry = (at: number, tag: number, type: number, count: number, value: (o: number) => void) => {
    b.writeUInt16LE(tag, at)
    b.writeUInt16LE(type, at + 2)
    b.writeUInt32LE(count, at + 4)
    value(at + 8)
  }
  b.writeUInt16LE(3, ifd0)
  entry(ifd0 + 2, 0x010f, 2, make.length, (o) => b.writeUInt32LE(makeAt, o)) // Make
  entry(ifd0 + 14, 0x0112, 3, 1, (o) => b.writeUInt16LE(orientation, o)) // Orientation
  entry(ifd0 + 26, 0x8825, 4, 1, (o) => b.writeUInt32LE(gpsAt, o)) // GPSInfo IFD pointer
  make.copy(b, makeAt)
  b.writeUInt16LE(4, gpsAt)
  entry(gpsAt + 2, 0x0001, 2, 2, (o) => b.write('N\0', o, 'latin1')) // GPSLatitudeRef
  entry(gpsAt + 14, 0x0002, 5, 3, (o) => b.writeUInt32LE(latAt, o)) // GPSLatitude
  entry(gpsAt + 26, 0x0003, 2, 2, (o) => b.write('E\0', o, 'latin1')) // GPSLongitudeRef
  entry(gpsAt + 38, 0x0004, 5, 3, (o) => b.writeUInt32LE(lonAt, o)) // GPSLongitude
  const rationals = (at: number, parts: Array<[number, number]>) =>
    parts.forEach(([n, d], i) => {
      b.writeUInt32LE(n, at + i * 8)
      b.writeUInt32LE(d, at + i * 8 + 4)
    })
  rationals(latAt, [
    [39, 1],
    [54, 1],
    [2700, 100],
  ])
  rationals(lonAt, [
    [116, 1],
    [23, 1],
    [3000, 100],
  ])
  return b
}

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt16BE(0xff00 | marker, 0)
  head.writeUInt16BE(payload.length + 2, 2)
  return Buffer.concat([head, payload])
}

/** A width×height JPEG (landscape red/blue halves) with APP1 EXIF (GPS, make, orientation) and an APP13 block. */
export async function jpegWithExif(width: number, height: number, orientation = 1): Promise<Buffer> {
  const plain = await sharp({ create: { width, height, channels: 3, background: '#c00' } })
    .jpeg()
    .toBuffer()
  const app1 = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff(orientation)]))
  const app13 = segment(0xed, Buffer.from(`Photoshop 3.0\0${SECRET}`, 'latin1'))
  return Buffer.concat([plain.subarray(0, 2), app1, app13, plain.subarray(2)])
}

/** The markers of a JPEG's header segments, up to the start of scan. */
export function jpegMarkers(jpeg: Buffer): number[] {
  const out: number[] = []
  let i = 2
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1]!
    out.push(marker)
    if (marker === 0xda) break
    i += 2 + jpeg.readUInt16BE(i + 2)
  }
  return out
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(body))
  return Buffer.concat([len, body, crc])
}

/** A PNG with tEXt, zTXt, iTXt and eXIf chunks before its IEND. */
export async function pngWithMetadata(): Promise<Buffer> {
  const plain = await sharp({ create: { width: 8, height: 8, channels: 4, background: '#0c0c' } })
    .png()
    .toBuffer()
  const iend = plain.length - 12
  return Buffer.concat([
    plain.subarray(0, iend),
    chunk('tEXt', Buffer.from(`Comment\0${SECRET}`, 'latin1')),
    chunk('zTXt', Buffer.concat([Buffer.from('Author\0\0', 'latin1'), zlib.deflateSync(SECRET)])),
    chunk('iTXt', Buffer.from(`Location\0\0\0\0\0${SECRET}`, 'latin1')),
    chunk('eXIf', exifTiff(1)),
    plain.subarray(iend),
  ])
}

/** A PNG whose header says 30000×30000 (900 M pixels) over a few bytes of data. */
export function pngPixelFlood(): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(30000, 0)
  ihdr.writeUInt32BE(30000, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

export function pngChunkTypes(png: Buffer): string[] {
  const out: string[] = []
  for (let i = 8; i + 8 <= png.length; i += 12 + png.readUInt32BE(i)) {
    out.push(png.toString('latin1', i + 4, i + 8))
  }
  return out
}
