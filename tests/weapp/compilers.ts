/**
 * WeChat's own WXML and WXSS compilers (`wcc`, `wcsc`) from the npm package `miniprogram-compiler`, run
 * the way WeChat DevTools runs them: the whole set of a project's `.wxml` (+ `.wxs`) in one `wcc` call,
 * because templates import each other (Taro's pages import `base.wxml`, which uses `utils.wxs`), and the
 * whole set of `.wxss` in one `wcsc` call, page and component files first.
 *
 * The package installs its Linux binaries without the execute bit (and its own JS wrapper chmods them
 * inside node_modules). We never change the installed files: on Linux x64 the binary is handed to the
 * dynamic loader, which needs only read access.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require_ = createRequire(__filename)
const PACKAGE_DIR = path.dirname(require_.resolve('miniprogram-compiler/package.json'))
const LINUX_LOADER = '/lib64/ld-linux-x86-64.so.2'

export interface CompileError {
  /** path relative to the compiled root, as the compiler names it */
  file: string
  line: number
  column: number
  message: string
}

export interface CompileResult {
  ok: boolean
  errors: CompileError[]
  /** the compiler's standard output: the generated JavaScript (wcc) or `key=value` pairs (wcsc) */
  output: string
  stderr: string
}

/** The command that runs one of the compilers on this machine, or a clear error where none can. */
function command(tool: 'wcc' | 'wcsc'): { file: string; prefix: string[] } {
  if (process.platform === 'linux' && process.arch === 'x64') {
    if (!existsSync(LINUX_LOADER))
      throw new Error(`${tool}: the x86-64 dynamic loader ${LINUX_LOADER} is missing`)
    return { file: LINUX_LOADER, prefix: [path.join(PACKAGE_DIR, 'bin', 'linux', tool)] }
  }
  // the package ships its macOS builds with the execute bit set
  if (process.platform === 'darwin') return { file: path.join(PACKAGE_DIR, 'bin', 'mac', tool), prefix: [] }
  throw new Error(`${tool}: miniprogram-compiler has no build for ${process.platform}-${process.arch}`)
}

function run(
  tool: 'wcc' | 'wcsc',
  root: string,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const { file, prefix } = command(tool)
  const r = spawnSync(file, [...prefix, ...args], {
    cwd: root,
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  })
  if (r.error) throw new Error(`${tool} could not run: ${r.error.message}`)
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch {
    return null
  }
}

function usingComponents(root: string, base: string): string[] {
  const json = readJson(path.join(root, `${base}.json`))
  const using = json?.usingComponents
  return using && typeof using === 'object' ? Object.keys(using) : []
}

/** wcc: `a.wxml:1:1: end tag missing, near `view`` */
const WCC_ERROR = /^(.+?\.(?:wxml|wxs)):(\d+):(\d+):\s*(.*)$/gm
/** wcsc: `ERR: a.wxss(3:1): unexpected `{` at pos 25` */
const WCSC_ERROR = /^ERR:\s*(.+?\.wxss)\((\d+):(\d+)\):\s*(.*)$/gm

function parseErrors(stderr: string, pattern: RegExp): CompileError[] {
  return [...stderr.matchAll(pattern)].map((m) => ({
    file: (m[1] ?? '').replace(/^\.\//, ''),
    line: Number(m[2]),
    column: Number(m[3]),
    message: (m[4] ?? '').trim(),
  }))
}

function result(
  r: { status: number | null; stdout: string; stderr: string },
  pattern: RegExp,
): CompileResult {
  const errors = parseErrors(r.stderr, pattern)
  const ok = r.status === 0 && errors.length === 0
  // a failure the compiler did not attribute to a file is still a failure, with its own words
  if (!ok && errors.length === 0) {
    errors.push({
      file: '(unknown)',
      line: 0,
      column: 0,
      message: `exit ${r.status}: ${r.stderr.trim() || r.stdout.slice(0, 500)}`,
    })
  }
  return { ok, errors, output: r.stdout, stderr: r.stderr }
}

/**
 * Compiles `wxml` and `wxs` (paths relative to `root`, `/`-separated) together with `wcc -d -cc`, as
 * DevTools does; the output defines `$gwx(path)`, which returns a page's render function.
 */
export function compileWxml(root: string, wxml: string[], wxs: string[]): CompileResult {
  const withComponents = wxml
    .map((f) => ({ f, using: usingComponents(root, f.replace(/\.wxml$/, '')) }))
    .filter((x) => x.using.length > 0)
  const componentArg = [
    String(withComponents.length),
    ...withComponents.flatMap((x) => [x.f, String(x.using.length), ...x.using]),
  ].join(' ')
  return result(run('wcc', root, ['-d', '-cc', componentArg, ...wxml, ...wxs, '-gn', '$gwx']), WCC_ERROR)
}

/**
 * Compiles `wxss` (relative to `root`) together with `wcsc -db -pc N`: the N files that belong to a page
 * or component (a `.json` beside them, `app.wxss` included) come first, the files they import after.
 * `styles` maps each page/component file to its generated `setCssToHead(…)` code.
 */
export function compileWxss(root: string, wxss: string[]): CompileResult & { styles: Map<string, string> } {
  const own = wxss.filter((f) => existsSync(path.join(root, f.replace(/\.wxss$/, '.json'))))
  const imported = wxss.filter((f) => !own.includes(f))
  const r = result(run('wcsc', root, ['-db', '-pc', String(own.length), ...own, ...imported]), WCSC_ERROR)
  // the output is `key=value=key=value…`, every `=` inside a value escaped as \x3d
  const parts = r.output.split('=')
  const styles = new Map<string, string>()
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const key = (parts[i] ?? '').replace(/^\.\//, '')
    // wcsc ends with an empty `./app.wxss` entry after the real `app.wxss`: the first one counts
    if (key.endsWith('.wxss') && !styles.has(key)) styles.set(key, parts[i + 1] ?? '')
  }
  return { ...r, styles }
}

/** `file:line:column: message` for a failure message that names where to look. */
export function formatErrors(errors: CompileError[]): string {
  return errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n')
}
