/**
 * Two small stand-ins of the mini-program runtime for the ticket page (tests/weapp/flows/event-ticket):
 *
 * - a clock the test moves (`installClock`): the program's `Date` reads the real time plus an offset,
 *   so a page that polls the clock (the ticket's countdown ticks every second) sees 30 s pass at once.
 *   Timers are not fast-forwarded: they keep running in real time.
 * - the node of a `<canvas type="2d">` (`Canvas2dNode`): width/height and a 2d context with only
 *   `fillStyle` (`#rgb`/`#rrggbb`) and `fillRect`, drawing into an RGBA buffer the test reads (and
 *   decodes the QR from). Any other context member throws, so a page that needs more fails loudly
 *   instead of drawing nothing.
 */
import vm from 'node:vm'

/** Replaces the program's `Date` with one `offset()` ms ahead of the real clock. */
export function installClock(ctx: vm.Context, offset: () => number): void {
  const install = vm.runInContext(
    `(function (offset) {
      const RealDate = Date
      function FakeDate(...args) {
        if (!new.target) return new RealDate(RealDate.now() + offset()).toString()
        return args.length === 0 ? new RealDate(RealDate.now() + offset()) : new RealDate(...args)
      }
      FakeDate.prototype = RealDate.prototype
      FakeDate.now = () => RealDate.now() + offset()
      FakeDate.parse = RealDate.parse
      FakeDate.UTC = RealDate.UTC
      globalThis.Date = FakeDate
    })`,
    ctx,
  ) as (offset: () => number) => void
  install(offset)
}

export interface Pixels {
  width: number
  height: number
  /** RGBA, row by row (what jsQR reads) */
  data: Uint8ClampedArray
}

function parseColour(c: unknown): [number, number, number] {
  const s = String(c).trim().toLowerCase()
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s)
  if (short) return [1, 2, 3].map((i) => Number.parseInt(short[i]!.repeat(2), 16)) as [number, number, number]
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(s)
  if (long) return [1, 2, 3].map((i) => Number.parseInt(long[i]!, 16)) as [number, number, number]
  throw new Error(`the test runtime's canvas takes #rgb or #rrggbb colours, not ${s}`)
}

export class Canvas2dNode {
  private w = 300
  private h = 150
  private buffer = new Uint8ClampedArray(this.w * this.h * 4)
  private context: Record<string, unknown> | null = null

  get width(): number {
    return this.w
  }
  set width(v: number) {
    this.resize(v, this.h)
  }
  get height(): number {
    return this.h
  }
  set height(v: number) {
    this.resize(this.w, v)
  }

  /** As a browser canvas: setting a size clears it (transparent black). */
  private resize(w: number, h: number): void {
    if (!Number.isInteger(w) || !Number.isInteger(h) || w < 0 || h < 0 || w * h > 4096 * 4096)
      throw new Error(`canvas size ${w}×${h} is not supported`)
    this.w = w
    this.h = h
    this.buffer = new Uint8ClampedArray(w * h * 4)
  }

  getContext(kind: string): Record<string, unknown> {
    if (kind !== '2d') throw new Error(`canvas.getContext("${kind}") is not supported in the test runtime`)
    if (this.context) return this.context
    let fill: [number, number, number] = [0, 0, 0]
    let fillStyle = '#000000'
    const impl = {
      fillRect: (x: number, y: number, w: number, h: number) => {
        const x0 = Math.max(0, Math.round(x))
        const y0 = Math.max(0, Math.round(y))
        const x1 = Math.min(this.w, Math.round(x + w))
        const y1 = Math.min(this.h, Math.round(y + h))
        for (let py = y0; py < y1; py++) {
          for (let px = x0; px < x1; px++) {
            const i = (py * this.w + px) * 4
            this.buffer[i] = fill[0]
            this.buffer[i + 1] = fill[1]
            this.buffer[i + 2] = fill[2]
            this.buffer[i + 3] = 255
          }
        }
      },
    }
    this.context = new Proxy(impl as Record<string, unknown>, {
      get(target, prop) {
        if (prop === 'fillStyle') return fillStyle
        if (typeof prop === 'string' && prop in target) return target[prop]
        if (prop === 'then' || typeof prop === 'symbol') return undefined
        throw new Error(`canvas context ${String(prop)} is not supported in the test runtime (canvas.ts)`)
      },
      set(_target, prop, value) {
        if (prop !== 'fillStyle')
          throw new Error(`canvas context ${String(prop)} cannot be set in the test runtime`)
        fill = parseColour(value)
        fillStyle = String(value)
        return true
      },
    })
    return this.context
  }

  /** A copy of what is drawn. */
  pixels(): Pixels {
    return { width: this.w, height: this.h, data: new Uint8ClampedArray(this.buffer) }
  }
}
