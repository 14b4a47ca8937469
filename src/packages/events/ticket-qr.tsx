import { Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { createElement, type MutableRefObject, useEffect, useRef } from 'react'
import { encode } from 'uqr'

/** The QR's side on screen, in CSS px (≈ 62 % of a 390 px wide phone: easy for a gate scanner). */
export const QR_CSS_PX = 240
const CANVAS_ID = 'ticket-qr'
/** white modules round the code (the standard asks 4; scanners read 2–3 fine and the code stays big) */
const QUIET_MODULES = 3

/**
 * The smallest 2d context we draw with: fillStyle + fillRect, in device pixels (no transform), so
 * the weapp runtime test's canvas stand-in needs nothing more and every module is whole pixels.
 */
interface Ctx2d {
  fillStyle: string | CanvasGradient | CanvasPattern
  fillRect(x: number, y: number, w: number, h: number): void
}

/** The code's modules (ECC M, as the spec measures: version ≤ 6 for the 146-character ticket text). */
export function qrModules(text: string): boolean[][] {
  return encode(text, { ecc: 'M', border: QUIET_MODULES }).data
}

/** Draws the modules onto a `px`×`px` canvas: white ground, whole-pixel black modules, centred. */
export function drawQr(ctx: Ctx2d, modules: boolean[][], px: number): void {
  const n = modules.length
  const cell = Math.max(1, Math.floor(px / n))
  const offset = Math.floor((px - cell * n) / 2)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, px, px)
  ctx.fillStyle = '#000000'
  for (let y = 0; y < n; y++) {
    const row = modules[y]!
    for (let x = 0; x < n; x++) {
      // runs of dark modules in one rect: ~3× fewer calls than one per module
      if (!row[x]) continue
      let end = x
      while (end + 1 < n && row[end + 1]) end++
      ctx.fillRect(offset + x * cell, offset + y * cell, (end - x + 1) * cell, cell)
      x = end
    }
  }
}

/** What the page keeps to save the picture: the canvas element (H5) or the 2d canvas node (weapp). */
export type QrCanvasRef = MutableRefObject<unknown>

function pixelRatio(): number {
  if (process.env.TARO_ENV === 'h5') return Math.min(3, Math.max(1, Math.round(window.devicePixelRatio || 1)))
  try {
    return Math.min(3, Math.max(1, Math.round(Taro.getWindowInfo().pixelRatio || 2)))
  } catch {
    return 2
  }
}

/**
 * The 2d canvas node of the weapp `<canvas type="2d">`: it exists only once the view layer has
 * rendered the element, a turn or more after React committed it, so the query is retried.
 */
function queryCanvasNode(tries = 40): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const attempt = (left: number) => {
      Taro.createSelectorQuery()
        .select(`#${CANVAS_ID}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: unknown } | null>) => {
          const node = res?.[0]?.node
          if (node) resolve(node)
          else if (left > 0) setTimeout(() => attempt(left - 1), 50)
          else reject(new Error('canvas node not found'))
        })
    }
    attempt(tries)
  })
}

/**
 * The ticket's QR, drawn locally with `uqr` (no image service: it works offline) into a canvas —
 * a DOM `<canvas>` in H5, a `<canvas type="2d">` node in the mini-program. Redrawn when `text`
 * changes. e2e hook: `e2e-ticket-qr` on the canvas (the tests read its pixels and decode them).
 */
export function TicketQr(props: { text: string; canvasRef: QrCanvasRef }) {
  const h5Canvas = useRef<HTMLCanvasElement | null>(null)
  const modules = qrModules(props.text)
  const { canvasRef } = props

  // biome-ignore lint/correctness/useExhaustiveDependencies: the modules follow the text; redraw when it changes
  useEffect(() => {
    let gone = false
    const px = QR_CSS_PX * pixelRatio()
    if (process.env.TARO_ENV === 'h5') {
      const el = h5Canvas.current
      const ctx = el?.getContext('2d')
      if (!el || !ctx) return
      el.width = px
      el.height = px
      drawQr(ctx, modules, px)
      canvasRef.current = el
      return
    }
    queryCanvasNode()
      .then((node) => {
        if (gone) return
        const canvas = node as { width: number; height: number; getContext(k: '2d'): Ctx2d }
        canvas.width = px
        canvas.height = px
        drawQr(canvas.getContext('2d'), modules, px)
        canvasRef.current = canvas
      })
      .catch(() => undefined)
    return () => {
      gone = true
    }
  }, [props.text])

  const style = { width: `${QR_CSS_PX}px`, height: `${QR_CSS_PX}px`, display: 'block', margin: '0 auto' }
  if (process.env.TARO_ENV === 'h5') {
    return createElement('canvas', { ref: h5Canvas, className: 'ticket-qr e2e-ticket-qr', style })
  }
  return <Canvas type="2d" id={CANVAS_ID} className="ticket-qr e2e-ticket-qr" style={style} />
}

/**
 * 保存到相册: the canvas as a PNG — in the mini-program through a temp file into the album (WeChat
 * asks the user for the album permission the first time), in H5 as a download of the canvas PNG.
 */
export async function saveQrImage(canvas: unknown, fileName: string): Promise<void> {
  if (!canvas) throw new Error('二维码尚未生成')
  if (process.env.TARO_ENV === 'h5') {
    const el = canvas as HTMLCanvasElement
    const a = document.createElement('a')
    a.href = el.toDataURL('image/png')
    a.download = fileName
    a.className = 'e2e-ticket-download'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return
  }
  const { tempFilePath } = await Taro.canvasToTempFilePath({
    canvas: canvas as Taro.canvasToTempFilePath.Option['canvas'],
    fileType: 'png',
  } as Taro.canvasToTempFilePath.Option)
  await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
}
