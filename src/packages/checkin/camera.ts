/**
 * How a gate reads a QR code: WeChat's own scanner (`Taro.scanCode`, one code per call) in the
 * mini-program; in H5 the camera, decoded continuously by @zxing/browser, loaded only when staff
 * open it (the `if` on TARO_ENV is resolved at build time, so the weapp build never sees the import).
 */
import Taro from '@tarojs/taro'

/** One code from WeChat's scanner; null when the staff cancelled it. */
export async function scanOnce(): Promise<string | null> {
  try {
    const r = await Taro.scanCode({ scanType: ['qrCode'], onlyFromCamera: true })
    return r.result ?? null
  } catch {
    return null // cancelled, or no camera permission (WeChat told the user)
  }
}

/** H5: starts the camera inside `container`; every new code goes to `onCode` until stop(). */
export async function startBrowserCamera(
  container: HTMLElement,
  onCode: (text: string) => void,
): Promise<{ stop(): void }> {
  if (process.env.TARO_ENV === 'h5') {
    const { startCamera } = await import('./camera-h5')
    return startCamera(container, onCode)
  }
  throw new Error('the browser camera is H5 only')
}
