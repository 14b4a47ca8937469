/**
 * H5 only: the phone's camera through @zxing/browser. Loaded with a dynamic import from
 * ./camera.ts, so neither the decoder (about 400 KB) nor this file is in the weapp build, nor in the
 * H5 bundle until staff press 扫码.
 */
import { BrowserQRCodeReader, type IScannerControls } from '@zxing/browser'

/** The camera sees the same code many times a second: report one text once per this long. */
const SAME_CODE_MS = 10_000

export async function startCamera(
  container: HTMLElement,
  onCode: (text: string) => void,
): Promise<{ stop(): void }> {
  const video = document.createElement('video')
  video.className = 'checkin-camera__video'
  video.setAttribute('playsinline', 'true')
  video.muted = true
  container.appendChild(video)
  const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 200 })
  let last = ''
  let lastAt = 0
  let controls: IScannerControls
  try {
    controls = await reader.decodeFromConstraints(
      { video: { facingMode: 'environment' } },
      video,
      (result) => {
        if (!result) return
        const text = result.getText()
        const now = Date.now()
        if (text === last && now - lastAt < SAME_CODE_MS) return
        last = text
        lastAt = now
        onCode(text)
      },
    )
  } catch (e) {
    video.remove()
    throw e
  }
  return {
    stop() {
      controls.stop()
      video.remove()
    },
  }
}
