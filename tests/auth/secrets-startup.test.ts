/**
 * Issue 9 item 5: the repository's built-in secrets sign tokens and hash ID numbers only where an
 * entry point of the local stack (or a test config) opts in with JIUYE_LOCAL_SECRETS=1; anywhere
 * else a missing, short or public secret stops the process at start with a clear message.
 */
import path from 'node:path'
import { SignJWT } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { BUILT_IN_JWT_SECRET, jwtSecret } from '../../api/_lib/auth/config'
import { startupProblems } from '../../api/_lib/auth/startup-check'
import { BUILT_IN_ID_CARD_KEY, hashIdCard } from '../../api/_lib/identity/secrets'
import { ROOT } from '../../scripts/paths'
import { TokenResponse } from '../../src/contracts/auth'
import { MeResponse } from '../../src/contracts/me'
import { callParsed, expectOk } from '../support/api'
import { makeStudent, TEST_PASSWORD } from '../support/fixtures'
import { cleanEnv, type Spawned, spawnServeApi, spawnTsx } from './spawn-api'

const REAL_JWT_SECRET = 'a-real-deployment-secret-0123456789-abcdefghij'
const REAL_ID_CARD_KEY = 'a-real-identity-root-key-0123456789-abcdefghij'
const REAL_TICKET_SEED_SECRET = 'a-real-ticket-seed-secret-0123456789-abcdefghij'
const REAL_AGREEMENT_VERIFY_SECRET = 'a-real-agreement-verify-secret-0123456789-abcdef'

const running: Spawned[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()))
})

async function startServeApi(env: Record<string, string>) {
  const s = spawnServeApi(env)
  running.push(s)
  return s.started
}

function forge(secret: string, sub: string) {
  return new SignJWT({ role: 'authenticated', app_role: 'platform_admin', school_id: null, company_id: null })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer('jiuye')
    .setAudience('authenticated')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(secret))
}

describe('the API process refuses to start without its secrets', () => {
  it('exits non-zero naming each secret that is not set (no flag, no NODE_ENV)', async () => {
    const r = await startServeApi(cleanEnv())
    expect(r).toMatchObject({ exitCode: expect.any(Number) })
    if (!('exitCode' in r)) return
    expect(r.exitCode).not.toBe(0)
    expect(r.output).toMatch(/SUPABASE_JWT_SECRET is not set/)
    expect(r.output).toMatch(/ID_CARD_KEY is not set/)
    expect(r.output).toMatch(/TICKET_SEED_SECRET is not set/)
    expect(r.output).toMatch(/AGREEMENT_VERIFY_SECRET is not set/)
  })

  it('refuses the public built-in values and values under 32 characters', async () => {
    const builtIn = await startServeApi(
      cleanEnv({ SUPABASE_JWT_SECRET: BUILT_IN_JWT_SECRET, ID_CARD_KEY: BUILT_IN_ID_CARD_KEY }),
    )
    expect('exitCode' in builtIn && builtIn.exitCode).not.toBe(0)
    expect('output' in builtIn && builtIn.output).toMatch(/SUPABASE_JWT_SECRET is the public built-in/)
    expect('output' in builtIn && builtIn.output).toMatch(/ID_CARD_KEY is the public built-in/)
    const short = await startServeApi(
      cleanEnv({ SUPABASE_JWT_SECRET: 'short', ID_CARD_KEY: REAL_ID_CARD_KEY }),
    )
    expect('exitCode' in short && short.exitCode).not.toBe(0)
    expect('output' in short && short.output).toMatch(/SUPABASE_JWT_SECRET must be at least 32 characters/)
  })

  it('NODE_ENV=development does not unlock the built-in secrets; only JIUYE_LOCAL_SECRETS=1 does', async () => {
    const dev = await startServeApi(cleanEnv({ NODE_ENV: 'development' }))
    expect('exitCode' in dev && dev.exitCode).not.toBe(0)
    const local = await startServeApi(cleanEnv({ JIUYE_LOCAL_SECRETS: '1' }))
    expect(local).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) })
  })

  it('a token signed with the built-in secret is refused by a server running with a real secret', async () => {
    const u = await makeStudent()
    const r = await startServeApi(
      cleanEnv({
        SUPABASE_JWT_SECRET: REAL_JWT_SECRET,
        ID_CARD_KEY: REAL_ID_CARD_KEY,
        TICKET_SEED_SECRET: REAL_TICKET_SEED_SECRET,
        AGREEMENT_VERIFY_SECRET: REAL_AGREEMENT_VERIFY_SECRET,
        DATABASE_URL: process.env.DATABASE_URL!,
      }),
    )
    if (!('url' in r)) throw new Error(`server did not start: ${r.output}`)
    const login = await expectOk(TokenResponse, r.url, '/api/auth/login', {
      body: { login: u.login, password: TEST_PASSWORD },
    })
    expect((await expectOk(MeResponse, r.url, '/api/me', { token: login.accessToken })).user.id).toBe(u.id)
    const forged = await forge(BUILT_IN_JWT_SECRET, u.id)
    const me = await callParsed(MeResponse, r.url, '/api/me', { token: forged })
    expect(me.status).toBe(401)
    expect(me.error.code).toBe('unauthenticated')
  })

  it('a Vercel function without its secrets fails at cold start with a logged error', async () => {
    const s = spawnTsx(
      ['--eval', `require(${JSON.stringify(path.join(ROOT, 'api', 'auth', 'login.ts'))})`],
      cleanEnv({ VERCEL: '1', LOG_LEVEL: 'info' }),
    )
    running.push(s)
    const r = await s.started
    expect('exitCode' in r && r.exitCode).not.toBe(0)
    const logged = s
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: string; msg: string; problems?: string[] })
      .find((l) => l.level === 'error')
    expect(logged?.msg).toMatch(/secrets/)
    expect(logged?.problems?.join(' ')).toMatch(/SUPABASE_JWT_SECRET is not set/)
  })
})

describe('in a process that has not opted in', () => {
  const saved = { ...process.env }
  afterEach(() => {
    for (const k of ['JIUYE_LOCAL_SECRETS', 'SUPABASE_JWT_SECRET', 'ID_CARD_KEY', 'TRUST_PROXY']) {
      if (saved[k] === undefined) delete process.env[k]
      else process.env[k] = saved[k]
    }
  })

  it('nothing signs with or hashes by a built-in secret, whatever NODE_ENV says', () => {
    delete process.env.JIUYE_LOCAL_SECRETS
    delete process.env.SUPABASE_JWT_SECRET
    delete process.env.ID_CARD_KEY
    expect(process.env.NODE_ENV).toBe('test')
    expect(() => jwtSecret()).toThrow(/SUPABASE_JWT_SECRET is not set/)
    expect(() => hashIdCard('110101200001011234')).toThrow(/ID_CARD_KEY is not set/)
  })

  it('with the flag, a configured secret still wins over the built-in one', () => {
    process.env.JIUYE_LOCAL_SECRETS = '1'
    process.env.SUPABASE_JWT_SECRET = REAL_JWT_SECRET
    expect(new TextDecoder().decode(jwtSecret())).toBe(REAL_JWT_SECRET)
    delete process.env.SUPABASE_JWT_SECRET
    expect(new TextDecoder().decode(jwtSecret())).toBe(BUILT_IN_JWT_SECRET)
  })

  it('a TRUST_PROXY that is not a number is a start-up problem too', () => {
    process.env.TRUST_PROXY = 'yes'
    expect(startupProblems().join('\n')).toMatch(/TRUST_PROXY must be the number of proxies/)
    process.env.TRUST_PROXY = '1'
    expect(startupProblems()).toEqual([])
  })
})
