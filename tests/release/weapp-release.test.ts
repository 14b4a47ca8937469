/**
 * The release commands' own logic: the version and description they send, and the checks that stop them,
 * with every missing piece named, before miniprogram-ci is loaded (so before any network).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/paths'
import { releaseArgs, releaseProblems } from '../../scripts/weapp-release'

const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const APPID = 'wx1234567890abcdef'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** a folder shaped like `dist/weapp` built for `appid` with `apiBase` baked in, and a key file beside it */
function fakeBuild(appid: string, apiBase: string): { project: string; key: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jiuye-release-'))
  dirs.push(dir)
  const project = path.join(dir, 'weapp')
  mkdirSync(path.join(project, 'pages'), { recursive: true })
  writeFileSync(path.join(project, 'app.json'), JSON.stringify({ pages: ['pages/index/index'] }))
  writeFileSync(path.join(project, 'project.config.json'), JSON.stringify({ appid, setting: {} }))
  writeFileSync(path.join(project, 'common.js'), `var e={TARO_APP_API_BASE:"${apiBase}"};`)
  const key = path.join(dir, 'private.key')
  writeFileSync(key, '-----BEGIN RSA PRIVATE KEY-----\n-----END RSA PRIVATE KEY-----\n')
  return { project, key }
}

describe('release arguments', () => {
  it('sends package.json’s version and the commit’s subject with its short sha', () => {
    expect(releaseArgs('0.3.1', { subject: ' issue 10:  tab bar\ticons ', sha: 'abc1234' })).toEqual({
      version: '0.3.1',
      desc: 'issue 10: tab bar icons (abc1234)',
    })
  })

  it('cuts a long subject to WeChat’s 100 characters and keeps the sha', () => {
    const { desc } = releaseArgs('1.0.0', { subject: '很'.repeat(300), sha: 'def5678' })
    expect(desc.length).toBe(100)
    expect(desc.endsWith('… (def5678)')).toBe(true)
  })
})

describe('release checks', () => {
  it('names the appid, the key and the build when all are missing', () => {
    const { problems, config } = releaseProblems({}, path.join(os.tmpdir(), 'jiuye-no-such-build'))
    expect(config).toBeUndefined()
    expect(problems).toHaveLength(3)
    expect(problems[0]).toContain('TARO_APP_ID 或 WECHAT_APPID')
    expect(problems[1]).toContain('缺少代码上传密钥：设置 WECHAT_CI_PRIVATE_KEY_PATH')
    expect(problems[2]).toContain('npm run build:weapp')
  })

  it('refuses the placeholder touristappid and a key path that is no file', () => {
    const { project } = fakeBuild('touristappid', 'https://api.example.com')
    const { problems } = releaseProblems(
      { TARO_APP_ID: 'touristappid', WECHAT_CI_PRIVATE_KEY_PATH: path.join(project, 'missing.key') },
      project,
    )
    expect(problems).toEqual([
      expect.stringContaining('touristappid'),
      expect.stringContaining('代码上传密钥文件不存在'),
    ])
  })

  it('refuses a build made for another appid or with the loopback API baked in', () => {
    const other = fakeBuild('touristappid', 'https://api.example.com')
    expect(
      releaseProblems({ WECHAT_APPID: APPID, WECHAT_CI_PRIVATE_KEY_PATH: other.key }, other.project).problems,
    ).toEqual([expect.stringContaining(`TARO_APP_ID=${APPID} npm run build:weapp`)])

    const local = fakeBuild(APPID, 'http://127.0.0.1:3000')
    const { problems } = releaseProblems(
      { TARO_APP_ID: APPID, WECHAT_CI_PRIVATE_KEY_PATH: local.key },
      local.project,
    )
    expect(problems).toEqual([expect.stringContaining('http://127.0.0.1:3000（common.js）')])
  })

  it('is ready with a real appid, a key file and a build for that appid and a public API', () => {
    const { project, key } = fakeBuild(APPID, 'https://api.example.com')
    // TARO_APP_ID (the build's variable) wins over the API's WECHAT_APPID
    const { problems, config } = releaseProblems(
      { TARO_APP_ID: APPID, WECHAT_APPID: 'wxother', WECHAT_CI_PRIVATE_KEY_PATH: key },
      project,
    )
    expect(problems).toEqual([])
    expect(config).toEqual({ appid: APPID, privateKeyPath: key, projectPath: project })
  })
})

describe('npm run weapp:upload / weapp:preview without configuration', () => {
  for (const mode of ['upload', 'preview'] as const) {
    it(`${mode} exits 1 naming what is missing, without loading miniprogram-ci`, () => {
      // what a bare machine has: none of the release variables
      const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' }
      const r = spawnSync(process.execPath, [TSX, 'scripts/weapp-release.ts', mode], {
        cwd: ROOT,
        env: env as NodeJS.ProcessEnv,
        encoding: 'utf8',
        timeout: 15_000,
      })
      expect(r.status).toBe(1)
      expect(r.stderr).toContain(`✖ 无法${mode === 'upload' ? '上传' : '预览'}小程序：`)
      expect(r.stderr).toContain('缺少 appid：设置 TARO_APP_ID 或 WECHAT_APPID')
      expect(r.stderr).toContain('缺少代码上传密钥：设置 WECHAT_CI_PRIVATE_KEY_PATH')
      // miniprogram-ci announces itself when loaded; it must not be reached
      expect(r.stdout + r.stderr).not.toContain('miniprogram-builder')
      expect(r.stdout).not.toContain('▶')
    })
  }
})
