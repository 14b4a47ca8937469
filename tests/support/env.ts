import { afterAll, beforeAll } from 'vitest'

function setAll(vars: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  Object.assign(process.env, vars)
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

/** Environment settings for the whole test file (the in-process API reads them per request). */
export function withFileEnv(vars: Record<string, string>): void {
  let restore: (() => void) | undefined
  beforeAll(() => {
    restore = setAll(vars)
  })
  afterAll(() => restore?.())
}

/** Environment settings while `fn` runs, as they were afterwards. */
export async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const restore = setAll(vars)
  try {
    return await fn()
  } finally {
    restore()
  }
}
