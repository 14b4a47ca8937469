/**
 * `npm test`: unit + API integration tests against real PostgreSQL, then the mini-program stage (the
 * weapp build through WeChat's compilers, its package budget and the headless mini-program runtime),
 * then the H5 build and the end-to-end tests in headless Chromium. Ends with one plain summary line for
 * CI. `npm test -- unit|weapp|e2e` runs one stage.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { buildH5 } from './h5-build'
import { ROOT } from './paths'
import { ensureWeappBuild, formatWeappSizes, weappSizes } from './weapp-build'

const RESULTS = path.join(ROOT, '.data', 'test-results')

interface Counts {
  passed: number
  failed: number
  skipped: number
}

function runVitest(name: string, extra: string[]): { ok: boolean; counts: Counts } {
  const out = path.join(RESULTS, `${name}.json`)
  const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')
  // a stale report from an earlier run must not stand in for this one
  rmSync(out, { force: true })
  const r = spawnSync(
    process.execPath,
    [vitest, 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    { cwd: ROOT, stdio: 'inherit', env: process.env },
  )
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 }
  if (existsSync(out)) {
    const json = JSON.parse(readFileSync(out, 'utf8')) as {
      numTotalTests: number
      numPassedTests: number
      numFailedTests: number
      numPendingTests: number
      numTodoTests: number
    }
    counts.passed = json.numPassedTests
    counts.failed = json.numFailedTests
    counts.skipped = json.numPendingTests + json.numTodoTests
    if (json.numTotalTests > 0) return { ok: r.status === 0 && counts.failed === 0, counts }
  }
  // vitest exits 0 with no report (or an empty one) when its global set-up fails: never a pass
  console.error(
    `\n✖ ${name}: vitest ran no test (exit ${r.status ?? r.signal}); the cause is printed above${r.error ? `: ${r.error.message}` : ''}`,
  )
  return { ok: false, counts: { ...counts, failed: Math.max(counts.failed, 1) } }
}

async function main(): Promise<void> {
  mkdirSync(RESULTS, { recursive: true })
  const only = process.argv[2]
  const total: Counts = { passed: 0, failed: 0, skipped: 0 }
  let ok = true
  const add = (r: { ok: boolean; counts: Counts }) => {
    ok &&= r.ok
    total.passed += r.counts.passed
    total.failed += r.counts.failed
    total.skipped += r.counts.skipped
  }

  const STAGES = ['unit', 'weapp', 'e2e'] as const
  if (only && !(STAGES as readonly string[]).includes(only)) {
    console.error(`✖ unknown test stage "${only}": use one of ${STAGES.join(', ')}`)
    process.exit(1)
  }
  const stage = (name: (typeof STAGES)[number]) => !only || only === name

  if (stage('unit')) add(runVitest('unit', []))
  if (stage('weapp')) {
    const started = Date.now()
    console.log('\n▶ building the mini-program for the weapp tests…')
    try {
      const how = await ensureWeappBuild({ quiet: true })
      console.log(`  dist/weapp ${how === 'reused' ? 'reused (sources unchanged)' : 'built'}`)
      add(runVitest('weapp', ['--config', 'vitest.weapp.config.ts']))
      console.log(`\n${formatWeappSizes(weappSizes())}`)
    } catch (err) {
      console.error(err)
      ok = false
      total.failed += 1
    }
    console.log(`weapp stage: ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  if (stage('e2e')) {
    console.log('\n▶ building the H5 client for the end-to-end tests…')
    try {
      await buildH5({ quiet: true })
      add(runVitest('e2e', ['--config', 'vitest.e2e.config.ts']))
    } catch (err) {
      console.error(err)
      ok = false
      total.failed += 1
    }
  }
  if (!ok && total.failed === 0) total.failed = 1
  console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
  process.exit(ok ? 0 : 1)
}

void main()
