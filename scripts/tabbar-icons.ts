/**
 * Draws the tab bar icons into `src/assets/tabbar/` (`npx tsx scripts/tabbar-icons.ts`). They are drawn in
 * code rather than taken from an icon set so that they carry no licence and can be redrawn in other colours
 * by changing the two constants below; tests/e2e/tabbar.test.ts checks the committed files equal this output.
 *
 * Each icon is a signed-distance shape (negative inside) rasterised at 81×81 (WeChat's recommended size)
 * with 4×4 supersampling for smooth edges: the normal icon is the shape's outline, the selected one the
 * filled shape, the convention WeChat's own tab bars follow.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import { ROOT } from './paths'

export const ICON_SIZE = 81
/** the tab bar's `color` and `selectedColor` in src/app.config.ts */
export const NORMAL_COLOR = '#8a8f99'
export const SELECTED_COLOR = '#1f6feb'
export const TABBAR_DIR = path.join(ROOT, 'src', 'assets', 'tabbar')

type Sdf = (x: number, y: number) => number

const STROKE = 5
const SUPERSAMPLE = 4

const circle =
  (cx: number, cy: number, r: number): Sdf =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r

function roundRect(x0: number, y0: number, x1: number, y1: number, r: number): Sdf {
  const cx = (x0 + x1) / 2
  const cy = (y0 + y1) / 2
  const hx = (x1 - x0) / 2 - r
  const hy = (y1 - y0) / 2 - r
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx
    const qy = Math.abs(y - cy) - hy
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
  }
}

/** a convex polygon given clockwise (in screen coordinates): the largest signed distance to its edges */
function convex(points: [number, number][]): Sdf {
  const edges = points.map(([ax, ay], i) => {
    const [bx, by] = points[(i + 1) % points.length]!
    const len = Math.hypot(bx - ax, by - ay)
    // outward normal of a clockwise edge on a y-down canvas
    return { ax, ay, nx: (by - ay) / len, ny: -(bx - ax) / len }
  })
  return (x, y) => Math.max(...edges.map((e) => (x - e.ax) * e.nx + (y - e.ay) * e.ny))
}

function capsule(ax: number, ay: number, bx: number, by: number, r: number): Sdf {
  return (x, y) => {
    const px = x - ax
    const py = y - ay
    const dx = bx - ax
    const dy = by - ay
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)))
    return Math.hypot(px - dx * t, py - dy * t) - r
  }
}

const union =
  (...shapes: Sdf[]): Sdf =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)))
const intersect =
  (...shapes: Sdf[]): Sdf =>
  (x, y) =>
    Math.max(...shapes.map((s) => s(x, y)))
const subtract =
  (shape: Sdf, ...holes: Sdf[]): Sdf =>
  (x, y) =>
    Math.max(shape(x, y), ...holes.map((h) => -h(x, y)))
/** the band of width STROKE just inside a shape's edge */
const outline =
  (shape: Sdf): Sdf =>
  (x, y) => {
    const d = shape(x, y)
    return Math.max(d, -(d + STROKE))
  }

interface IconShapes {
  normal: Sdf
  selected: Sdf
}

function home(): IconShapes {
  const roof = convex([
    [40.5, 11],
    [72, 40],
    [9, 40],
  ])
  const body = roundRect(18, 33, 63, 70, 4)
  const house = union(roof, body)
  const door = roundRect(33, 48, 48, 70, 3)
  return {
    normal: union(outline(house), intersect(outline(door), house)),
    selected: subtract(house, door),
  }
}

function events(): IconShapes {
  const body = roundRect(12, 19, 69, 70, 8)
  const rings = union(capsule(27, 12, 27, 25, 3.5), capsule(54, 12, 54, 25, 3.5))
  const header = intersect(body, (_x, y) => Math.abs(y - 33) - STROKE / 2)
  const cells = union(
    roundRect(22, 42, 32, 51, 2),
    roundRect(35.5, 42, 45.5, 51, 2),
    roundRect(49, 42, 59, 51, 2),
    roundRect(22, 55, 32, 64, 2),
    roundRect(35.5, 55, 45.5, 64, 2),
  )
  return {
    normal: union(outline(body), header, rings, cells),
    selected: union(subtract(body, cells, roundRect(22, 29, 59, 36, 2)), rings),
  }
}

function inbox(): IconShapes {
  const bubble = union(
    roundRect(10, 14, 71, 58, 13),
    convex([
      [20, 50],
      [38, 55],
      [19, 71],
    ]),
  )
  const dots = union(circle(27, 36, 4), circle(40.5, 36, 4), circle(54, 36, 4))
  return {
    normal: union(outline(bubble), dots),
    selected: subtract(bubble, dots),
  }
}

function me(): IconShapes {
  const head = circle(40.5, 27, 14)
  const shoulders = intersect(circle(40.5, 76, 29), (_x, y) => y - 70)
  return {
    normal: union(outline(head), outline(shoulders)),
    selected: union(head, shoulders),
  }
}

/** file stem → shapes; the stems are the names app.config.ts refers to (`<stem>.png`, `<stem>-active.png`) */
export const ICONS: Record<string, () => IconShapes> = { home, events, inbox, me }

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16)
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]
}

/** one icon as PNG bytes: the colour everywhere, the shape's coverage as alpha */
export function renderIcon(shape: Sdf, color: string): Buffer {
  const png = new PNG({ width: ICON_SIZE, height: ICON_SIZE })
  const [r, g, b] = rgb(color)
  for (let py = 0; py < ICON_SIZE; py++) {
    for (let px = 0; px < ICON_SIZE; px++) {
      let inside = 0
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          if (shape(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE) <= 0) inside++
        }
      }
      const i = (py * ICON_SIZE + px) * 4
      png.data[i] = r
      png.data[i + 1] = g
      png.data[i + 2] = b
      png.data[i + 3] = Math.round((inside / SUPERSAMPLE ** 2) * 255)
    }
  }
  return PNG.sync.write(png, { colorType: 6 })
}

/** every icon file name → its bytes */
export function renderAll(): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  for (const [stem, shapes] of Object.entries(ICONS)) {
    const { normal, selected } = shapes()
    files.set(`${stem}.png`, renderIcon(normal, NORMAL_COLOR))
    files.set(`${stem}-active.png`, renderIcon(selected, SELECTED_COLOR))
  }
  return files
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  mkdirSync(TABBAR_DIR, { recursive: true })
  for (const [name, bytes] of renderAll()) {
    writeFileSync(path.join(TABBAR_DIR, name), bytes)
    console.log(`${path.relative(ROOT, path.join(TABBAR_DIR, name))}  ${bytes.length} bytes`)
  }
}
