/**
 * A page as WeChat's render layer draws it: the build's WXML compiled by WeChat's own `wcc`
 * (tests/weapp/compilers.ts), its `$gwx` generator run in a `vm`, and a page's render function called
 * with the page's data. The generator reports what it cannot render (a template it has no definition
 * for, an import that does not resolve…) through `console.warn`/`console.error` instead of throwing:
 * those warnings are what this collects, so the runtime can fail on them.
 */
import vm from 'node:vm'
import { compileWxml, formatErrors } from '../compilers'
import { weappFiles } from '../support/build'

/** One node of the generator's virtual DOM: an element, or a text (a string). */
export type CompiledNode = string | { tag: string; attr?: Record<string, unknown>; children?: CompiledNode[] }

type RenderFn = (data: unknown, env: unknown, global: unknown) => CompiledNode

// wcc runs once per directory and process (each test file is a process of its own)
const outputs = new Map<string, string>()

function compiledOutput(dir: string): string {
  const cached = outputs.get(dir)
  if (cached !== undefined) return cached
  const r = compileWxml(dir, weappFiles('.wxml', dir), weappFiles('.wxs', dir))
  if (!r.ok) throw new Error(`wcc refused the build's WXML:\n${formatErrors(r.errors)}`)
  outputs.set(dir, r.output)
  return r.output
}

export class CompiledWxml {
  private readonly gwx: (path: string) => unknown
  private readonly json: JSON
  private warnings: string[] = []

  constructor(dir: string) {
    const log = (...a: unknown[]) => this.warnings.push(a.map(String).join(' '))
    const sandbox: Record<string, unknown> = {
      console: { log: () => {}, info: () => {}, debug: () => {}, warn: log, error: log },
      __wxAppCode__: {},
    }
    // wcc's output is written for the render layer, where `window` is the global object
    sandbox.window = sandbox
    vm.createContext(sandbox, { name: 'weapp-render' })
    vm.runInContext(`${compiledOutput(dir)}\n;globalThis.__gwx = $gwx`, sandbox, {
      filename: 'wcc-output.js',
    })
    this.gwx = sandbox.__gwx as (path: string) => unknown
    this.json = vm.runInContext('JSON', sandbox) as JSON
  }

  /** Renders `route` with `data`: the virtual DOM and every warning the generator emitted doing it. */
  render(route: string, data: unknown): { tree: CompiledNode; warnings: string[] } {
    const fn = this.gwx(`${route}.wxml`)
    if (typeof fn !== 'function') throw new Error(`${route}.wxml has no compiled template`)
    this.warnings = []
    // the render layer gets a copy of the data (it crosses from the logic layer as JSON), made of its
    // own realm's objects: the generator hands wxs only objects whose constructor is its own `Object`
    const tree = (fn as RenderFn)(this.json.parse(JSON.stringify(data ?? {})), {}, {})
    const warnings = this.warnings
    this.warnings = []
    return { tree, warnings }
  }
}

/** The text of a compiled tree: its text nodes, one line each, blank ones left out. */
export function compiledTextOf(node: CompiledNode | undefined): string {
  const lines: string[] = []
  const visit = (n: CompiledNode | undefined) => {
    if (n === undefined || n === null) return
    if (typeof n === 'string') {
      if (n.trim()) lines.push(n.trim())
      return
    }
    for (const c of n.children ?? []) visit(c)
  }
  visit(node)
  return lines.join('\n')
}
