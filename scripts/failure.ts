/**
 * How `npm start` and the test set-up report a failure: what failed, its causes, and what to do —
 * never an unhandled rejection or a silent exit. A StartupError carries its own hint; common
 * system errors (refused connection, permission, port in use) get one from `hintFor`.
 */

export class StartupError extends Error {
  readonly hint?: string

  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: opts.cause })
    this.name = 'StartupError'
    this.hint = opts.hint
  }
}

interface SystemError {
  code?: string
  syscall?: string
  address?: string
  port?: number
  path?: string
}

/** The error and its causes, outermost first. */
function chain(err: unknown): unknown[] {
  const out: unknown[] = []
  for (let e = err; e !== undefined && e !== null && out.length < 5; e = (e as { cause?: unknown }).cause) {
    out.push(e)
    if (!(e instanceof Error)) break
  }
  return out
}

function describe(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length > 0) return e.errors.map(describe).join('; ')
  if (e instanceof Error) {
    const code = (e as SystemError).code
    return code && !e.message.includes(code) ? `${e.message} (${code})` : e.message || e.name
  }
  return String(e)
}

/** A hint for errors whose fix is known; undefined when there is nothing better to say than the message. */
export function hintFor(err: unknown): string | undefined {
  for (const e of chain(err)) {
    if (e instanceof StartupError && e.hint) return e.hint
    const se = e as SystemError
    const errors = e instanceof AggregateError ? (e.errors as SystemError[]) : [se]
    if (errors.some((x) => x?.code === 'ECONNREFUSED')) {
      return process.env.DATABASE_URL
        ? '连接被拒绝：确认 DATABASE_URL 指向的 PostgreSQL 正在运行、地址和端口正确；不设 DATABASE_URL 则使用内置数据库'
        : '连接被拒绝：目标服务没有运行'
    }
    if (se?.code === '28P01' || se?.code === '28000') return '数据库拒绝了用户名或密码：检查 DATABASE_URL'
    if (se?.code === '3D000') return '数据库不存在：检查 DATABASE_URL 中的库名'
    if (se?.code === 'EADDRINUSE') {
      return `端口 ${se.port ?? ''} 已被占用：停止占用它的程序，或用 PORT / FAKE_WECHAT_PORT / EMBEDDED_PG_PORT 换一个端口`
    }
    if (se?.code === 'EACCES' || se?.code === 'EPERM') {
      return `没有权限访问 ${se.path ?? '所需文件'}：以 root 运行时，内置 PostgreSQL 以系统用户 postgres 运行，它必须能进入数据目录；可用 EMBEDDED_PG_DIR 指定它能进入的目录，或设置 DATABASE_URL 使用已有的数据库`
    }
    if (se?.code === 'ENOSPC') return '磁盘空间不足'
  }
  return undefined
}

/** The lines to print for a failure of `what` (e.g. '启动失败'). */
export function explainFailure(what: string, err: unknown): string {
  const [first, ...causes] = chain(err)
  const lines = [`✖ ${what}：${describe(first)}`]
  for (const c of causes) lines.push(`  原因：${describe(c)}`)
  const hint = hintFor(err)
  if (hint) lines.push(`  提示：${hint}`)
  if (process.env.DEBUG && err instanceof Error && err.stack) lines.push(err.stack)
  return `${lines.join('\n')}\n`
}
