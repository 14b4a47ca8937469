/**
 * `npm start`: the whole product on this machine with no configuration — embedded PostgreSQL,
 * migrations and demo data, the fake WeChat servers, the API and the H5 client on one origin.
 * Every part switches to the real service through its environment variable (see README).
 */

import { LOCAL_SECRETS_FLAG } from '../api/_lib/auth/secret-env'
import { startupProblems } from '../api/_lib/auth/startup-check'
import { closePool } from '../api/_lib/db/pool'
import { deliveryTick } from '../api/_lib/notify/deliver-tick'
import { drainEvery } from '../api/_lib/notify/sender'
import { SUBSCRIBE_TEMPLATES, templateKeywords } from '../api/_lib/notify/templates'
import { FAKE_MP_APP, FAKE_OA_APP, startFakeWechat } from '../tests/fakes/wechat/server'
import { appPages } from './app-pages'
import { resolveDatabase } from './db/connection'
import { DEMO_ROSTER } from './db/demo-roster'
import { migrate } from './db/migrate'
import { seed } from './db/seed'
import { startDevServer } from './devserver/server'
import { explainFailure } from './failure'
import { ensureH5Build, H5_DIR } from './h5-build'

const DEMO_ACCOUNTS = [
  ['student1', '张三', '学生（示范大学）'],
  ['student2', '李四', '学生（示范大学）'],
  ['student3', '王五', '学生（第二示范学院）'],
  ['hr1', '赵经理', '用人单位（示范科技有限公司）'],
  ['staff1', '就业中心刘老师', '学校老师（示范大学，校级）'],
  ['staff2', '计算机学院周老师', '学校老师（示范大学计算机学院，院系级）'],
  ['fairstaff1', '招聘会工作人员小陈', '招聘会工作人员'],
  ['admin', '平台管理员', '平台管理员'],
] as const

function say(msg: string): void {
  process.stdout.write(`${msg}\n`)
}

async function main(): Promise<void> {
  const started = Date.now()
  process.env.LOG_LEVEL ??= 'warn'
  const cleanups: Array<() => Promise<void>> = []
  let stopping = false
  const stop = async (code = 0) => {
    if (stopping) return
    stopping = true
    say('\n正在停止…')
    for (const fn of cleanups.reverse()) await fn().catch((err) => console.error(err))
    process.exit(code)
  }
  process.on('SIGINT', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))
  // whatever fails later (a server's error event, a stray promise) is reported the same way
  const crash = (err: unknown) => {
    process.stderr.write(explainFailure('运行出错', err))
    void stop(1)
  }
  process.on('uncaughtException', crash)
  process.on('unhandledRejection', crash)

  try {
    // The repository's built-in secrets are public: they may sign tokens and hash ID numbers only on
    // the embedded database of this machine. With DATABASE_URL the real ones are required.
    if (!process.env.DATABASE_URL) process.env[LOCAL_SECRETS_FLAG] = '1'
    const problems = startupProblems()
    if (problems.length > 0) {
      console.error(`启动失败：缺少密钥或设置有误（见 README「Configuration」）\n- ${problems.join('\n- ')}`)
      process.exit(1)
    }
    const { url, embedded } = await resolveDatabase()
    if (embedded && !embedded.reused) cleanups.push(() => embedded.stop())
    process.env.DATABASE_URL = url
    say(
      embedded
        ? `数据库：内置 PostgreSQL（${embedded.reused ? '复用已运行的实例' : '已启动'}）`
        : '数据库：DATABASE_URL',
    )
    const { applied, version } = await migrate(url)
    say(`迁移：新应用 ${applied.length} 个，当前版本 ${version}`)
    if (embedded || process.env.SEED_DEMO === '1') {
      await seed(url)
      say('演示数据：已就绪')
    }
    cleanups.push(() => closePool())

    if (!process.env.WECHAT_API_BASE) {
      // the subscribe templates of api/_lib/notify/templates.ts, with ids the fake knows
      const templates = Object.entries(SUBSCRIBE_TEMPLATES).map(([kind, t]) => {
        process.env[t.env] ??= `tpl-${kind.replaceAll('_', '-')}`
        return {
          id: process.env[t.env]!,
          keywords: templateKeywords(kind as keyof typeof SUBSCRIBE_TEMPLATES),
        }
      })
      const fake = await startFakeWechat({
        port: Number(process.env.FAKE_WECHAT_PORT ?? 3010),
        templates,
        pages: await appPages(),
      })
      cleanups.push(() => fake.close())
      process.env.WECHAT_API_BASE = fake.url
      process.env.WECHAT_APPID ??= FAKE_MP_APP.appid
      process.env.WECHAT_SECRET ??= FAKE_MP_APP.secret
      process.env.WECHAT_OA_APPID ??= FAKE_OA_APP.appid
      process.env.WECHAT_OA_SECRET ??= FAKE_OA_APP.secret
      say(`微信接口：本地模拟服务 ${fake.url}`)
    } else {
      say(`微信接口：${process.env.WECHAT_API_BASE}`)
    }

    say('H5 客户端：检查构建…')
    const build = await ensureH5Build()
    say(build === 'built' ? 'H5 客户端：已构建' : 'H5 客户端：沿用已有构建')

    const server = await startDevServer({
      port: Number(process.env.PORT ?? 3000),
      host: process.env.HOST ?? '127.0.0.1',
      staticDir: H5_DIR,
    })
    cleanups.push(() => server.close())
    // Vercel's cron drains the WeChat queue every minute; locally a loop does it every 2 s
    cleanups.push(drainEvery(2_000, deliveryTick))

    say('')
    say(`✅ 校园就业已启动（${((Date.now() - started) / 1000).toFixed(1)} 秒）`)
    say(`   H5 客户端   ${server.url}/`)
    say(`   API         ${server.url}/api/health`)
    say('')
    say('演示账号（密码均为 jiuye123）：在 H5 中打开「我的」→「登录」')
    for (const [login, name, role] of DEMO_ACCOUNTS) say(`   ${login.padEnd(11)} ${name}，${role}`)
    say('')
    say('试用学籍绑定（H5 中「我的」→「登录」→「微信授权登录（开发）」后进入「绑定学籍」，学校选示范大学）：')
    for (const e of DEMO_ROSTER.filter((x) => !x.boundUser))
      say(`   学号 ${e.studentNumber}  姓名 ${e.name}  身份证号 ${e.idCard}`)
    say('')
    say('按 Ctrl-C 停止。')
  } catch (err) {
    process.stderr.write(explainFailure('启动失败', err))
    await stop(1)
  }
}

void main()
