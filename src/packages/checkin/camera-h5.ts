/**
 * H5 only: the phone's camera through @zxing/browser. Loaded with a dynamic import from
 * ./camera.ts, so neither the decoder (about 400 KB) nor this file is in the weapp build, nor in the
 * H5 bundle until staff press 扫码.
 *
 * The frame loop is ours, not the reader's `decodeFromConstraints`: that one sizes its canvas once
 * (a phone that changes resolution after starting, or one slow to report it, is decoded from a
 * wrong-sized frame ever after) and ends its loop for good on any error other than "no code here",
 * leaving the gate with a live preview that never reads. Here every frame is drawn at the video's
 * current size and any failure of one frame only means "no code in this frame".
 *
 * Every other frame is decoded at half size. zxing's detector misses some codes at one size and
 * reads them at another (on clean synthetic frames of version-6 codes, about one in ten at full
 * size; alternating with half size, about one in thirty, and none once the code moves a little, as
 * it does in a hand): the half-size frame also costs a quarter of the time.
 */
import { BrowserQRCodeReader } from '@zxing/browser'

/** The camera sees the same code many times a second: report one text once per this long. */
const SAME_CODE_MS = 10_000
/** Between decode attempts: about 5 frames a second keeps a phone cool and a queue moving. */
const FRAME_MS = 200
/** How long a camera may take to deliver its first frame before we call it failed. */
const FIRST_FRAME_MS = 15_000

export async function startCamera(
  container: HTMLElement,
  onCode: (text: string) => void,
): Promise<{ stop(): void }> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment' },
    audio: false,
  })
  const video = document.createElement('video')
  video.className = 'checkin-camera__video'
  video.setAttribute('playsinline', 'true')
  video.muted = true
  video.srcObject = stream
  container.appendChild(video)
  const release = () => {
    for (const t of stream.getTracks()) t.stop()
    video.srcObject = null
    video.remove()
  }
  try {
    await firstFrame(video)
  } catch (e) {
    release()
    throw e
  }

  const reader = new BrowserQRCodeReader()
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  let last = ''
  let lastAt = 0
  let stopped = false
  let frames = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const tick = () => {
    if (stopped) return
    const text = ctx ? readFrame(reader, video, canvas, ctx, frames++ % 2 ? 2 : 1) : null
    const now = Date.now()
    if (text && !(text === last && now - lastAt < SAME_CODE_MS)) {
      last = text
      lastAt = now
      onCode(text)
    }
    timer = setTimeout(tick, FRAME_MS)
  }
  tick()
  return {
    stop() {
      stopped = true
      clearTimeout(timer)
      release()
    },
  }
}

/** The code in the video's current frame, or null (none, unreadable, or no frame yet). */
function readFrame(
  reader: BrowserQRCodeReader,
  video: HTMLVideoElement,
  canvas: HTMLCanvasElement,
  ctx: CanvasRenderingContext2D,
  shrink: 1 | 2,
): string | null {
  const w = Math.floor(video.videoWidth / shrink)
  const h = Math.floor(video.videoHeight / shrink)
  if (!w || !h) return null
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w
    canvas.height = h
  }
  try {
    ctx.drawImage(video, 0, 0, w, h)
    return reader.decodeFromCanvas(canvas).getText()
  } catch {
    // NotFound, checksum and format errors are the common "no code"; the decoder's other throws on
    // a half-seen code are no different to the person holding the phone
    return null
  }
}

/** Resolves once the video plays with a known size; rejects if the camera never delivers. */
function firstFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const check = () => {
      if (video.videoWidth > 0 && video.readyState >= video.HAVE_CURRENT_DATA) return resolve()
      if (Date.now() - started > FIRST_FRAME_MS) return reject(new Error('camera gave no picture'))
      setTimeout(check, 100)
    }
    video.play().then(check, reject)
  })
}
