/**
 * Runs the fake WeChat server on its own:
 *   tsx tests/fakes/wechat/cli.ts [--port 3010] [--pages pages/index/index,pages/events/detail]
 * Prints one JSON log line with its URL and the accounts it accepts, then serves until SIGINT/SIGTERM.
 */
import { FAKE_MP_APP, FAKE_OA_APP, startFakeWechat } from './server'

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2)
  const i = argv.indexOf(`--${name}`)
  if (i >= 0) return argv[i + 1]
  const eq = argv.find((a) => a.startsWith(`--${name}=`))
  return eq?.slice(name.length + 3)
}

function line(level: 'info' | 'error', msg: string, fields: Record<string, unknown>): void {
  const out = JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields })
  if (level === 'error') process.stderr.write(`${out}\n`)
  else process.stdout.write(`${out}\n`)
}

async function main(): Promise<void> {
  const port = Number(arg('port') ?? process.env.FAKE_WECHAT_PORT ?? 3010)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port: ${arg('port')}`)
  const pages = (arg('pages') ?? '').split(',').filter(Boolean)
  const fake = await startFakeWechat({ port, pages })
  line('info', 'fake wechat listening', {
    url: fake.url,
    mp: { appid: FAKE_MP_APP.appid, secret: FAKE_MP_APP.secret },
    oa: { appid: FAKE_OA_APP.appid, secret: FAKE_OA_APP.secret },
    devLoginCodes: 'dev:<openid>[:<nonce>]',
  })
  const stop = () => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((err: unknown) => {
  line('error', 'fake wechat failed to start', { err: err instanceof Error ? err.message : String(err) })
  process.exit(1)
})
