/**
 * `npm run test:devtools` on a machine without WeChat DevTools (as here: there is no Linux build) must say
 * what is missing and how to set it up, and fail — never start vitest and report a run of 0 tests.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/paths'

const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jiuye-devtools-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** The command as npm runs it, with a bare environment plus `env`. */
function run(env: Record<string, string>) {
  const bare: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: tmp, ...env }
  const r = spawnSync(process.execPath, [TSX, 'scripts/devtools-test.ts'], {
    cwd: ROOT,
    env: bare as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 30_000,
  })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}

function expectRefused(r: { code: number | null; out: string }, why: string) {
  expect(r.code).toBe(1)
  expect(r.out).toContain('✖ 无法运行开发者工具测试')
  expect(r.out).toContain(why)
  // how to get there, every time
  expect(r.out).toContain('安装微信开发者工具')
  expect(r.out).toContain('服务端口')
  expect(r.out).toContain('WECHAT_DEVTOOLS_CLI')
  // vitest never started
  expect(r.out).not.toMatch(/RUN|Test Files|passed|No test files/)
}

describe('npm run test:devtools without DevTools', () => {
  it.runIf(process.platform === 'linux')(
    'names the unset variable and that DevTools has no Linux build',
    () => {
      const r = run({})
      expectRefused(r, '未设置 WECHAT_DEVTOOLS_CLI')
      expect(r.out).toContain('没有 Linux 版')
    },
  )

  it('names a CLI path that does not exist', () => {
    const missing = path.join(tmp, 'no-such-devtools', 'cli')
    expectRefused(run({ WECHAT_DEVTOOLS_CLI: missing }), `指向的文件不存在：${missing}`)
  })

  it('refuses a relative path, a folder and a file that cannot be run', () => {
    expectRefused(run({ WECHAT_DEVTOOLS_CLI: 'cli' }), '必须是绝对路径')
    expectRefused(run({ WECHAT_DEVTOOLS_CLI: tmp }), `指向的不是文件`)
    const notExecutable = path.join(tmp, 'cli')
    writeFileSync(notExecutable, '#!/bin/sh\nexit 0\n')
    chmodSync(notExecutable, 0o644)
    expectRefused(run({ WECHAT_DEVTOOLS_CLI: notExecutable }), `指向的文件不可执行：${notExecutable}`)
  })
})

/** The test files a vitest config selects (`vitest list --filesOnly` starts no global set-up). */
function filesOf(config: string): string[] {
  const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')
  const r = spawnSync(process.execPath, [vitest, 'list', '--filesOnly', '--config', config], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  })
  expect(r.status, r.stderr).toBe(0)
  return r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.endsWith('.test.ts'))
}

describe('the DevTools suite stays out of npm test', () => {
  it('is selected by its own config only', () => {
    const suite = filesOf('vitest.devtools.config.ts')
    expect(suite).toEqual(
      expect.arrayContaining([
        'tests/devtools/first-launch.test.ts',
        'tests/devtools/inbox.test.ts',
        'tests/devtools/profile.test.ts',
        'tests/devtools/staff-reviews.test.ts',
      ]),
    )
    expect(suite.every((f) => f.startsWith('tests/devtools/'))).toBe(true)
    for (const config of ['vitest.config.ts', 'vitest.weapp.config.ts', 'vitest.e2e.config.ts']) {
      const files = filesOf(config)
      expect(files.length, config).toBeGreaterThan(0)
      expect(
        files.filter((f) => f.startsWith('tests/devtools/')),
        config,
      ).toEqual([])
    }
  })
})
