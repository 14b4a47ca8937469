/**
 * The browser's side of picking a file to upload (H5 only): a hidden file input, the chosen file
 * checked by the caller (`check` throws the reason to show), and an object URL `upload()` can send
 * with a way to free it. Cancelling resolves to null.
 */

export interface BrowserFile {
  path: string
  name: string
  size: number
  /** frees the object URL */
  release(): void
}

export interface BrowserPick {
  /** the input's `accept` list */
  accept: string
  /** the input's class (the end-to-end tests find it by it) */
  inputClass: string
  /** throws when the file may not be sent */
  check(name: string, size: number): void
}

export function pickBrowserFile({ accept, inputClass, check }: BrowserPick): Promise<BrowserFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.className = inputClass
    input.style.display = 'none'
    input.onchange = () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return resolve(null)
      try {
        check(file.name, file.size)
      } catch (e) {
        return reject(e)
      }
      const url = URL.createObjectURL(file)
      resolve({ path: url, name: file.name, size: file.size, release: () => URL.revokeObjectURL(url) })
    }
    document.body.appendChild(input)
    input.click()
  })
}
