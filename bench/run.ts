/**
 * `npm run bench -- NAME`: runs bench/NAME.ts. Each benchmark seeds its own data and ends with one
 * JSON line: {"bench","metric","value","unit","target","pass", …}.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'

async function main(): Promise<void> {
  const available = readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_') && f !== 'run.ts')
    .map((f) => f.replace(/\.ts$/, ''))
  const name = process.argv[2]
  if (!name || !available.includes(name)) {
    console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`)
    process.exit(2)
  }
  const mod = (await import(path.join(__dirname, `${name}.ts`))) as { default?: unknown; run?: unknown }
  const run = (typeof mod.run === 'function' ? mod.run : (mod.default as { run?: unknown })?.run) as
    | (() => Promise<boolean>)
    | undefined
  if (!run) throw new Error(`bench/${name}.ts must export run()`)
  const pass = await run()
  process.exit(pass ? 0 : 1)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
