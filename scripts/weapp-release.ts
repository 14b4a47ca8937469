/**
 * `npm run weapp:preview` / `npm run weapp:upload`: sends the built mini-program (`dist/weapp`) to WeChat
 * with miniprogram-ci, using only its documented options (project: appid, type, projectPath, privateKeyPath,
 * ignores; upload: version, desc, setting, onProgressUpdate; preview: the same plus qrcodeFormat and
 * qrcodeOutputDest; setting: useProjectConfig). The version is package.json's, the description the last
 * commit's subject and short sha.
 *
 * Everything it needs is checked first and every missing piece is named at once, before miniprogram-ci is
 * even loaded, so a machine without the key fails fast and never reaches the network.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './paths'

export const WEAPP_DIR = path.join(ROOT, 'dist', 'weapp')
export const PREVIEW_QRCODE = path.join(ROOT, '.data', 'weapp-preview-qrcode.jpg')
/** DevTools' placeholder appid: WeChat accepts no upload or preview for it */
const TOURIST_APPID = 'touristappid'
// WeChat's limit for an upload's description (DevTools' 项目备注 field)
const DESC_MAX = 100

export interface ReleaseConfig {
  appid: string
  privateKeyPath: string
  projectPath: string
}

/**
 * What is missing or wrong for a release from `projectPath`, as one line each (empty when ready).
 * Only the environment and local files are read.
 */
export function releaseProblems(
  env: Record<string, string | undefined>,
  projectPath: string,
): { problems: string[]; config?: ReleaseConfig } {
  const problems: string[] = []
  const appid = env.TARO_APP_ID || env.WECHAT_APPID || ''
  if (!appid) {
    problems.push('缺少 appid：设置 TARO_APP_ID 或 WECHAT_APPID 为小程序的 appid（wx 开头）')
  } else if (appid === TOURIST_APPID) {
    problems.push('appid 是占位的 touristappid：设置 TARO_APP_ID 或 WECHAT_APPID 为小程序的真实 appid')
  }

  const keyPath = env.WECHAT_CI_PRIVATE_KEY_PATH ?? ''
  if (!keyPath) {
    problems.push(
      '缺少代码上传密钥：设置 WECHAT_CI_PRIVATE_KEY_PATH 为密钥文件的路径（微信公众平台 → 管理 → 开发管理 → 开发设置 → 小程序代码上传 → 生成密钥）',
    )
  } else if (!existsSync(keyPath) || !statSync(keyPath).isFile()) {
    problems.push(`代码上传密钥文件不存在：WECHAT_CI_PRIVATE_KEY_PATH=${keyPath}`)
  }

  const projectConfig = path.join(projectPath, 'project.config.json')
  if (!existsSync(path.join(projectPath, 'app.json')) || !existsSync(projectConfig)) {
    problems.push(
      `缺少小程序构建：${path.relative(ROOT, projectPath) || projectPath} 里没有 app.json 或 project.config.json，先运行 TARO_APP_API_BASE=https://<API 域名> npm run build:weapp`,
    )
  } else {
    const built = (JSON.parse(readFileSync(projectConfig, 'utf8')) as { appid?: string }).appid
    if (appid && appid !== TOURIST_APPID && built !== appid) {
      problems.push(
        `构建里的 appid 是 ${built ?? '（无）'}，不是 ${appid}：用 TARO_APP_ID=${appid} npm run build:weapp 重新构建`,
      )
    }
    const loopback = findLoopbackApi(projectPath)
    if (loopback) {
      problems.push(
        `构建里的 API 地址是本机的 ${loopback.url}（${path.relative(projectPath, loopback.file)}），手机访问不到：用 TARO_APP_API_BASE=https://<API 域名> npm run build:weapp 重新构建`,
      )
    }
  }

  if (problems.length > 0) return { problems }
  return { problems, config: { appid, privateKeyPath: path.resolve(keyPath), projectPath } }
}

// the API base the client bakes in when TARO_APP_API_BASE is unset (config/index.ts) and its siblings
const LOOPBACK_API = /["'`](https?:\/\/(?:127\.0\.0\.1|localhost|0\.0\.0\.0)(?::\d+)?)["'`/]/

function scriptFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) out.push(...scriptFiles(p))
    else if (name.endsWith('.js')) out.push(p)
  }
  return out
}

/** the first loopback URL baked into the build's scripts, if any, and the file holding it */
export function findLoopbackApi(projectPath: string): { url: string; file: string } | undefined {
  for (const file of scriptFiles(projectPath)) {
    const m = LOOPBACK_API.exec(readFileSync(file, 'utf8'))
    if (m) return { url: m[1]!, file }
  }
  return undefined
}

/**
 * The version and description of one release: package.json's version, the commit's subject and short sha
 * (cut to WeChat's length limit, the sha kept).
 */
export function releaseArgs(
  pkgVersion: string,
  commit: { subject: string; sha: string },
): { version: string; desc: string } {
  const suffix = ` (${commit.sha})`
  const room = DESC_MAX - suffix.length
  const subject = commit.subject.trim().replace(/\s+/g, ' ')
  const cut = subject.length > room ? `${subject.slice(0, room - 1)}…` : subject
  return { version: pkgVersion, desc: `${cut}${suffix}` }
}

function git(args: string[]): string {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' })
  if (r.status !== 0)
    throw new Error(`git ${args.join(' ')} 失败：${(r.stderr || r.error?.message || '').trim()}`)
  return r.stdout.trim()
}

function lastCommit(): { subject: string; sha: string } {
  return { subject: git(['log', '-1', '--format=%s']), sha: git(['rev-parse', '--short', 'HEAD']) }
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
}

function sizes(info: { name: string; size: number }[] | undefined): string {
  if (!info) return ''
  const label = (name: string) => (name === '__FULL__' ? '整个小程序' : name === '__APP__' ? '主包' : name)
  return info.map((p) => `   ${label(p.name)}: ${(p.size / 1024).toFixed(1)} KB`).join('\n')
}

async function main(): Promise<void> {
  const mode = process.argv[2]
  if (mode !== 'preview' && mode !== 'upload') {
    console.error('用法：tsx scripts/weapp-release.ts preview|upload')
    process.exit(2)
  }
  const { problems, config } = releaseProblems(process.env, WEAPP_DIR)
  if (!config) {
    console.error(`✖ 无法${mode === 'upload' ? '上传' : '预览'}小程序：`)
    for (const p of problems) console.error(`   - ${p}`)
    process.exit(1)
  }
  const { version, desc } = releaseArgs(packageVersion(), lastCommit())

  // loaded only now: it is large, and nothing before this line may touch the network
  const ci = await import('miniprogram-ci')
  const project = new ci.Project({
    appid: config.appid,
    type: 'miniProgram',
    projectPath: config.projectPath,
    privateKeyPath: config.privateKeyPath,
    ignores: ['node_modules/**/*', '**/*.map'],
  })
  const onProgressUpdate = (task: { message: string } | string) =>
    console.log(`   ${typeof task === 'string' ? task : task.message}`)
  // the build's project.config.json (written by Taro) holds the compile settings DevTools would use
  const setting = { useProjectConfig: true }

  if (mode === 'upload') {
    console.log(`▶ 上传 ${config.appid} 版本 ${version}：${desc}`)
    const result = await ci.upload({ project, version, desc, setting, onProgressUpdate })
    console.log(
      `✅ 已上传版本 ${version}（在微信公众平台 → 版本管理 设为体验版或提交审核）\n${sizes(result.subPackageInfo)}`,
    )
  } else {
    mkdirSync(path.dirname(PREVIEW_QRCODE), { recursive: true })
    console.log(`▶ 预览 ${config.appid} 版本 ${version}：${desc}`)
    const result = await ci.preview({
      project,
      version,
      desc,
      setting,
      qrcodeFormat: 'image',
      qrcodeOutputDest: PREVIEW_QRCODE,
      onProgressUpdate,
    })
    console.log(
      `✅ 预览二维码：${path.relative(ROOT, PREVIEW_QRCODE)}（用微信扫码）\n${sizes(result.subPackageInfo)}`,
    )
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((err: unknown) => {
    console.error(`✖ 小程序发布失败：${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  })
}
