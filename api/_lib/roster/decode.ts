/**
 * Spreadsheet exports on Chinese Windows are GB18030 (GBK) unless saved as "CSV UTF-8", which adds
 * a byte-order mark. Try strict UTF-8 first (GB18030 text is almost never valid UTF-8), then GB18030.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true })
const gb18030 = new TextDecoder('gb18030')

export function decodeText(bytes: Uint8Array): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  try {
    return utf8.decode(body)
  } catch {
    return gb18030.decode(body)
  }
}
