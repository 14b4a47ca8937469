/**
 * Child process for the multi-process token test: waits until START_AT (epoch ms), then asks for
 * the mini-program token CALLS times at once and prints the tokens as one JSON line.
 */
import { closePool } from '../../api/_lib/db/pool'
import { getAccessToken } from '../../api/_lib/wechat/token'

async function main(): Promise<void> {
  const startAt = Number(process.env.START_AT ?? 0)
  const calls = Number(process.env.CALLS ?? 5)
  // Arriving after START_AT means the barrier was missed: the test then proves less.
  const lateMs = Math.max(0, Date.now() - startAt)
  await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())))
  const tokens = await Promise.all(Array.from({ length: calls }, () => getAccessToken('mp')))
  process.stdout.write(`${JSON.stringify({ tokens, lateMs })}\n`)
  await closePool()
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
