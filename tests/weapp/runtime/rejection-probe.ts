/**
 * Run as its own process by runtime.test.ts: a page that leaves a promise rejection unhandled, in a
 * process whose only unhandled-rejection listener is the runtime's (vitest's own would fail the test
 * file that provokes one on purpose). Prints one JSON line: what the runtime recorded.
 */
import { writeFixture } from './fixture'
import { MiniProgram } from './runtime'

const fx = writeFixture({
  pages: ['pages/a/index'],
  files: {
    'pages/a/index.js': `Page({
  data: { root: { cn: [] } },
  onLoad() {
    this.setData({ 'root.cn.[0]': { nn: '9', sid: '_1', v: 'shown' } })
    Promise.reject(new Error('nobody handles this'))
  },
})`,
  },
})
async function main(): Promise<void> {
  const mp = new MiniProgram({ dir: fx.dir, apiUrl: 'http://127.0.0.1:9' })
  let closeError = ''
  try {
    await mp.launch()
    await new Promise((r) => setTimeout(r, 50))
  } catch {
    // launch fails fast on what it recorded; close() says the same below
  } finally {
    try {
      mp.close()
    } catch (err) {
      closeError = (err as Error).message
    }
    fx.remove()
  }
  console.log(JSON.stringify({ failures: mp.failures, closeError }))
}

void main()
