/**
 * The import template: the header line only (an example row left in by mistake would be imported
 * as a student), as UTF-8 CSV with a byte-order mark so Excel on Windows opens it as Chinese.
 */
import { templateHeader } from './columns'

export function rosterTemplateCsv(): Buffer {
  return Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(`${templateHeader().join(',')}\r\n`, 'utf8'),
  ])
}
