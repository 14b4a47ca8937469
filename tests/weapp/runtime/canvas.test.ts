/**
 * The runtime's clock and 2d-canvas stand-ins (canvas.ts): the program's Date moves with
 * advanceClock-style offsets and stays a Date; fillRect draws opaque pixels of the fill colour in
 * device pixels; a resize clears; what the stand-in does not implement throws instead of drawing nothing.
 */
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { Canvas2dNode, installClock } from './canvas'

describe('the runtime clock', () => {
  it('runs the program’s Date ahead by the offset; dates stay dates', () => {
    const ctx = vm.createContext({})
    let offset = 0
    installClock(ctx, () => offset)
    const now = () => vm.runInContext('Date.now()', ctx) as number
    expect(Math.abs(now() - Date.now())).toBeLessThan(1000)
    offset = 30_000
    expect(now() - Date.now()).toBeGreaterThan(29_000)
    expect(
      Math.abs((vm.runInContext('new Date().getTime()', ctx) as number) - (Date.now() + 30_000)),
    ).toBeLessThan(1000)
    expect(vm.runInContext('new Date(0).toISOString()', ctx)).toBe('1970-01-01T00:00:00.000Z')
    expect(vm.runInContext('new Date() instanceof Date', ctx)).toBe(true)
    expect(vm.runInContext('Date.parse("1970-01-01T00:00:01Z")', ctx)).toBe(1000)
  })
})

describe('the 2d canvas node', () => {
  it('fills rectangles with the fill colour, clipped to the canvas', () => {
    const c = new Canvas2dNode()
    c.width = 4
    c.height = 2
    const g = c.getContext('2d') as {
      fillStyle: string
      fillRect(x: number, y: number, w: number, h: number): void
    }
    g.fillStyle = '#fff'
    g.fillRect(0, 0, 4, 2)
    g.fillStyle = '#102030'
    g.fillRect(2, 1, 10, 10)
    const p = c.pixels()
    expect([p.width, p.height]).toEqual([4, 2])
    expect([...p.data.slice(0, 4)]).toEqual([255, 255, 255, 255])
    // (2,1) and (3,1) dark, the rest white
    expect([...p.data.slice((1 * 4 + 2) * 4, (1 * 4 + 3) * 4)]).toEqual([16, 32, 48, 255])
    expect([...p.data.slice((1 * 4 + 1) * 4, (1 * 4 + 2) * 4)]).toEqual([255, 255, 255, 255])
    expect(g.fillStyle).toBe('#102030')
  })

  it('clears on resize and refuses what it does not implement', () => {
    const c = new Canvas2dNode()
    const g = c.getContext('2d') as Record<string, unknown> & { fillRect(...a: number[]): void }
    g.fillRect(0, 0, 10, 10)
    c.width = 10
    expect(c.pixels().data.every((v) => v === 0)).toBe(true)
    expect(() => (g.arc as () => void)()).toThrow(/not supported/)
    expect(() => {
      g.font = '12px sans-serif'
    }).toThrow(/cannot be set/)
    expect(() => {
      g.fillStyle = 'rgba(0,0,0,0.5)'
    }).toThrow(/#rgb/)
    expect(() => c.getContext('webgl')).toThrow(/not supported/)
  })
})
