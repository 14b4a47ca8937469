/**
 * `npm run test:devtools`: the miniprogram-automator suite (tests/devtools/) against WeChat DevTools.
 * DevTools exists only for macOS and Windows, so the suite cannot run on Linux CI and is not part of
 * `npm test`. Before anything heavy starts, this checks that the DevTools CLI is there and says exactly
 * what is missing otherwise, exiting 1: a run without DevTools must never look like a pass.
 */
import { spawn } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './paths'

const CLI_HINTS: Record<string, string> = {
  darwin: '/Applications/wechatwebdevtools.app/Contents/MacOS/cli',
  win32: 'C:/Program Files (x86)/Tencent/微信web开发者工具/cli.bat',
}

const HOW_TO = [
  '如何准备：',
  '  1. 安装微信开发者工具（仅有 macOS 与 Windows 版）：https://developers.weixin.qq.com/miniprogram/dev/devtools/download.html',
  '  2. 打开开发者工具并登录，在 设置 → 安全设置 中开启「服务端口」（CLI/HTTP 调用，自动化需要它）。',
  `  3. 设置 WECHAT_DEVTOOLS_CLI 为它的命令行工具，例如 macOS：${CLI_HINTS.darwin}`,
  `     Windows：${CLI_HINTS.win32}`,
  '  4. 再运行 npm run test:devtools（详见 docs/weapp.md「WeChat DevTools suite」）。',
]

/** What keeps the suite from running with this environment; empty when it can start. */
export function devtoolsProblems(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const cli = env.WECHAT_DEVTOOLS_CLI
  if (!cli) {
    const onLinux =
      platform === 'linux'
        ? '（本机是 Linux：微信开发者工具没有 Linux 版，请在 macOS 或 Windows 上运行）'
        : ''
    return [`未设置 WECHAT_DEVTOOLS_CLI：需要微信开发者工具命令行工具（cli）的绝对路径${onLinux}`]
  }
  if (!path.isAbsolute(cli)) return [`WECHAT_DEVTOOLS_CLI 必须是绝对路径，现在是：${cli}`]
  let isFile = false
  try {
    isFile = statSync(cli).isFile()
  } catch {
    return [`WECHAT_DEVTOOLS_CLI 指向的文件不存在：${cli}`]
  }
  if (!isFile) return [`WECHAT_DEVTOOLS_CLI 指向的不是文件（应为开发者工具的 cli，不是安装目录）：${cli}`]
  if (platform !== 'win32') {
    try {
      accessSync(cli, constants.X_OK)
    } catch {
      return [`WECHAT_DEVTOOLS_CLI 指向的文件不可执行：${cli}`]
    }
  }
  return []
}

function main(): void {
  const problems = devtoolsProblems(process.env)
  if (problems.length > 0) {
    process.stderr.write(
      `✖ 无法运行开发者工具测试（npm run test:devtools）：\n${problems.map((p) => `- ${p}`).join('\n')}\n\n${HOW_TO.join('\n')}\n`,
    )
    process.exit(1)
  }
  const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')
  const child = spawn(
    process.execPath,
    [vitest, 'run', '--config', 'vitest.devtools.config.ts', ...process.argv.slice(2)],
    { cwd: ROOT, stdio: 'inherit', env: process.env },
  )
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) main()
