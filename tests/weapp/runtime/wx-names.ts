/**
 * The names of the documented `wx` API, read from `miniprogram-api-typings` (WeChat's own type
 * definitions): the members of `interface Wx` in lib.wx.api.d.ts. The test runtime exposes every one,
 * so code that feature-tests `wx.x` sees what a real client has, and calling one the runtime does not
 * implement fails loudly instead of being `undefined is not a function`.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

let cached: string[] | undefined

export function wxApiNames(): string[] {
  if (cached) return cached
  const require = createRequire(import.meta.url)
  const dts = path.join(
    path.dirname(require.resolve('miniprogram-api-typings/package.json')),
    'types/wx/lib.wx.api.d.ts',
  )
  const text = readFileSync(dts, 'utf8')
  const start = text.indexOf('\n    interface Wx {')
  if (start < 0) throw new Error(`no "interface Wx" in ${dts}: the typings changed shape`)
  // doc comments hold code examples with braces and calls of their own: drop them first; then the
  // interface's closing brace is the first line that is exactly four spaces and "}"
  const rest = text.slice(start).replace(/\/\*[\s\S]*?\*\//g, '')
  const body = rest.slice(0, rest.indexOf('\n    }\n'))
  const names = new Set<string>()
  // members sit at eight spaces
  for (const m of body.matchAll(/\n {8}([A-Za-z_][A-Za-z0-9_]*)\s*[<(]/g)) names.add(m[1]!)
  if (names.size < 300) throw new Error(`only ${names.size} wx API names found in ${dts}`)
  cached = [...names].sort()
  return cached
}
