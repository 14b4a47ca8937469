/**
 * Picking the roster file: in the mini-program from a WeChat chat (`chooseMessageFile`, where staff
 * forward spreadsheets to themselves), in the browser through a file input. Either way the page
 * gets the name and the bytes, and a way to hand bytes back to `upload()` as a local file path.
 */
import Taro from '@tarojs/taro'

export interface PickedFile {
  name: string
  size: number
  bytes: Uint8Array
  kind: 'csv' | 'xlsx'
}

function kindOf(name: string): PickedFile['kind'] | null {
  const ext = name.toLowerCase().split('.').pop()
  if (ext === 'csv') return 'csv'
  if (ext === 'xlsx') return 'xlsx'
  return null
}

export class UnsupportedFileError extends Error {
  constructor() {
    super('请选择 .xlsx 或 .csv 文件（旧版 .xls 请先另存为 .xlsx）')
  }
}

function pickInBrowser(): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    input.className = 'e2e-roster-file-input'
    input.style.display = 'none'
    input.onchange = async () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return resolve(null)
      const kind = kindOf(file.name)
      if (!kind) return reject(new UnsupportedFileError())
      resolve({ name: file.name, size: file.size, kind, bytes: new Uint8Array(await file.arrayBuffer()) })
    }
    document.body.appendChild(input)
    input.click()
  })
}

async function pickInWechat(): Promise<PickedFile | null> {
  let res: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] })
  } catch {
    return null // cancelled
  }
  const f = res.tempFiles[0]
  if (!f) return null
  const kind = kindOf(f.name)
  if (!kind) throw new UnsupportedFileError()
  const data = Taro.getFileSystemManager().readFileSync(f.path) as ArrayBuffer
  return { name: f.name, size: f.size, kind, bytes: new Uint8Array(data) }
}

export function pickRosterFile(): Promise<PickedFile | null> {
  return process.env.TARO_ENV === 'h5' ? pickInBrowser() : pickInWechat()
}

/** Bytes → a local file path `Taro.uploadFile` can send; `release()` frees it. */
export function localFile(bytes: Uint8Array, name: string): { path: string; release(): void } {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([bytes as BlobPart]))
    return { path: url, release: () => URL.revokeObjectURL(url) }
  }
  const fs = Taro.getFileSystemManager()
  const path = `${Taro.env.USER_DATA_PATH}/${Date.now()}-${name}`
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  fs.writeFileSync(path, buffer)
  return {
    path,
    release: () => {
      try {
        fs.unlinkSync(path)
      } catch {
        // already gone: nothing to free
      }
    },
  }
}
