import { createPrivateKey, createPublicKey, randomBytes, randomUUID } from 'node:crypto'
import vm from 'node:vm'
import fc from 'fast-check'
import jsQR from 'jsqr'
import type { RollupOutput } from 'rollup'
import { encode } from 'uqr'
import { type PluginOption, build as viteBuild } from 'vite'
import { describe, expect, it } from 'vitest'
import {
  KeyObjectCache,
  keyCacheSize,
  publicKeyObject,
  verifySignatureNode,
} from '../../api/_lib/tickets/verify-code'
import {
  base32ToBytes,
  base64urlToBytes,
  bytesToBase32,
  bytesToBase64url,
  bytesToHex,
  bytesToUuid,
  decodeTicketCode,
  eventTagOf,
  hexToBytes,
  makeTicketCode,
  makeTicketCodeAtStep,
  TICKET_CODE_LENGTH,
  TICKET_PAYLOAD_BYTES,
  TICKET_STEP_SECONDS,
  ticketPublicKeyFromSeed,
  timeStep,
  utf8Bytes,
  uuidToBytes,
  verifyTicketSignature,
} from '../../src/contracts/ticket-code'

// The code format of docs/flows/tickets.md: bytes helpers, round trip, QR size, tampering,
// the stolen-phone attack and agreement of the phone's (noble) and the server's (node:crypto) verifier.

const NOW = Date.UTC(2026, 11, 1, 9, 0, 0)

function key() {
  const seed = new Uint8Array(randomBytes(32))
  return {
    seed,
    eventTag: bytesToHex(randomBytes(4)),
    ticketId: randomUUID(),
    publicKey: ticketPublicKeyFromSeed(seed),
  }
}

/** the code's payload bytes (the base32 after "JY1") */
function payloadOf(code: string): Uint8Array {
  return base32ToBytes(code.slice(3))!
}
function codeOf(payload: Uint8Array): string {
  return `JY1${bytesToBase32(payload)}`
}

describe('byte helpers (no Buffer/TextEncoder in the mini-program)', () => {
  it('base64url matches node for any bytes, and reads padded/standard base64 too', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        const s = bytesToBase64url(b)
        expect(s).toBe(Buffer.from(b).toString('base64url'))
        expect(Buffer.from(base64urlToBytes(s)).equals(Buffer.from(b))).toBe(true)
        expect(Buffer.from(base64urlToBytes(Buffer.from(b).toString('base64'))).equals(Buffer.from(b))).toBe(
          true,
        )
      }),
    )
    expect(() => base64urlToBytes('a')).toThrow()
    expect(() => base64urlToBytes('ab$d')).toThrow()
  })

  it('base32 follows the RFC 4648 vectors and is strict when reading', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ]
    for (const [plain, b32] of vectors) {
      expect(bytesToBase32(utf8Bytes(plain))).toBe(b32)
      expect(bytesToHex(base32ToBytes(b32)!)).toBe(Buffer.from(plain).toString('hex'))
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        expect(Buffer.from(base32ToBytes(bytesToBase32(b))!).equals(Buffer.from(b))).toBe(true)
      }),
    )
    expect(base32ToBytes('MZ')).toBeNull() // leftover bits not zero: another spelling of "f"
    expect(base32ToBytes('mzxw6')).toBeNull() // lower case
    expect(base32ToBytes('MZX')).toBeNull() // a length no byte string has
    expect(base32ToBytes('MZXW1')).toBeNull() // '1' is not in the alphabet
  })

  it('utf8 matches node for any string, surrogate pairs and lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(Buffer.from(utf8Bytes(s)).equals(Buffer.from(s, 'utf8'))).toBe(true)
      }),
    )
    expect(Buffer.from(utf8Bytes('校园就业😀\ud800x')).equals(Buffer.from('校园就业😀\ud800x', 'utf8'))).toBe(
      true,
    )
  })

  it('hex and uuid helpers round-trip and refuse bad input', () => {
    const id = randomUUID()
    expect(bytesToUuid(uuidToBytes(id))).toBe(id)
    expect(bytesToUuid(uuidToBytes(id.toUpperCase()))).toBe(id)
    expect(() => uuidToBytes('not-a-uuid')).toThrow()
    expect(() => hexToBytes('abc')).toThrow()
    expect(() => hexToBytes('zz')).toThrow()
    expect(eventTagOf('0a1b2c3d-0000-4000-8000-000000000000')).toBe('0a1b2c3d')
  })
})

describe('the ticket code', () => {
  it('round-trips: 146 chars of the QR alphanumeric set, fields and signature intact', () => {
    const k = key()
    const code = makeTicketCode(k, NOW)
    expect(code).toHaveLength(TICKET_CODE_LENGTH)
    expect(code).toMatch(/^JY1[A-Z2-7]{143}$/)
    const d = decodeTicketCode(code)!
    expect(d).not.toBeNull()
    expect(d.eventTag).toBe(k.eventTag)
    expect(d.ticketId).toBe(k.ticketId)
    expect(d.step).toBe(timeStep(NOW))
    expect(d.step).toBe(Math.floor(NOW / 1000 / TICKET_STEP_SECONDS))
    expect(d.signature).toHaveLength(64)
    expect(Buffer.from(d.message).toString('latin1').startsWith('jiuye-ticket-v1')).toBe(true)
    expect(d.message).toHaveLength(15 + 25)
    expect(verifyTicketSignature(d, k.publicKey)).toBe(true)
    expect(verifySignatureNode(d, Buffer.from(k.publicKey))).toBe(true)
    // surrounding whitespace (a scanner's newline) is forgiven
    expect(decodeTicketCode(` ${code}\n`)?.ticketId).toBe(k.ticketId)
  })

  it('lays the bytes out as the spec says (version | tag | id | step BE | signature)', () => {
    const k = key()
    const step = 0x89abcdef
    const p = payloadOf(makeTicketCodeAtStep(k, step))
    expect(p).toHaveLength(TICKET_PAYLOAD_BYTES)
    expect(p[0]).toBe(1)
    expect(bytesToHex(p.subarray(1, 5))).toBe(k.eventTag)
    expect(bytesToUuid(p.subarray(5, 21))).toBe(k.ticketId)
    expect(bytesToHex(p.subarray(21, 25))).toBe('89abcdef')
    expect(decodeTicketCode(codeOf(p))?.step).toBe(step)
  })

  it('changes every 30 seconds', () => {
    const k = key()
    const t0 = Math.floor(NOW / 30_000) * 30_000
    expect(makeTicketCode(k, t0)).toBe(makeTicketCode(k, t0 + 29_999))
    expect(makeTicketCode(k, t0)).not.toBe(makeTicketCode(k, t0 + 30_000))
  })

  it('the public key derived from the seed is the one node:crypto derives (keys.ts does it that way)', () => {
    for (let i = 0; i < 20; i++) {
      const seed = randomBytes(32)
      const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed])
      const spki = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({
        format: 'der',
        type: 'spki',
      })
      expect(bytesToHex(ticketPublicKeyFromSeed(new Uint8Array(seed)))).toBe(
        spki.subarray(-32).toString('hex'),
      )
    }
  })

  it('fits a QR of version ≤ 6 at error correction M, and an independent decoder reads it back', () => {
    // every code has the same length, so any code is the longest; take an all-'7' body too (worst
    // case for nothing: alphanumeric mode costs the same per character)
    const k = key()
    for (const text of [makeTicketCode(k, NOW), `JY1${'7'.repeat(143)}`]) {
      const qr = encode(text, { ecc: 'M' })
      expect(qr.version).toBeLessThanOrEqual(6)
      // 146 alphanumeric chars need 4 + 9 + 11·73 = 816 data bits: version 6-M holds 864, 5-M 688
      expect(qr.version).toBe(6)
    }
    const text = makeTicketCode(k, NOW)
    const qr = encode(text, { ecc: 'M', border: 4 })
    const scale = 4
    const w = qr.size * scale
    const rgba = new Uint8ClampedArray(w * w * 4)
    for (let y = 0; y < w; y++)
      for (let x = 0; x < w; x++) {
        const dark = qr.data[Math.floor(y / scale)]![Math.floor(x / scale)]!
        const i = (y * w + x) * 4
        rgba[i] = rgba[i + 1] = rgba[i + 2] = dark ? 0 : 255
        rgba[i + 3] = 255
      }
    const read = jsQR(rgba, w, w)
    expect(read?.data).toBe(text)
    expect(read?.version).toBe(6)
    expect(read?.chunks.map((c) => c.type)).toEqual(['alphanumeric'])
  })

  it('decodes nothing that is not our format', () => {
    const code = makeTicketCode(key(), NOW)
    for (const bad of [
      '',
      'hello',
      code.slice(0, -1),
      `${code}A`,
      `JY2${code.slice(3)}`,
      code.toLowerCase(),
      `${code.slice(0, 10)}1${code.slice(11)}`,
      // leftover bits of the last base32 character set: the same bytes spelt another way
      code.slice(0, -1) +
        'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'['ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(code.at(-1)!) ^ 1],
    ])
      expect(decodeTicketCode(bad)).toBeNull()
    const p = payloadOf(code)
    p[0] = 2
    expect(decodeTicketCode(codeOf(p))).toBeNull()
  })

  it('tampering any byte of the payload makes it invalid (both verifiers)', () => {
    const k = key()
    const original = payloadOf(makeTicketCode(k, NOW))
    for (let i = 0; i < TICKET_PAYLOAD_BYTES; i++) {
      for (const flip of [0x01, 0x80, 0xff]) {
        const p = original.slice()
        p[i] = p[i]! ^ flip
        const d = decodeTicketCode(codeOf(p))
        if (i === 0) {
          expect(d).toBeNull() // the version byte
          continue
        }
        expect(d).not.toBeNull()
        expect(verifyTicketSignature(d!, k.publicKey), `byte ${i} ^ ${flip}`).toBe(false)
        expect(verifySignatureNode(d!, Buffer.from(k.publicKey)), `byte ${i} ^ ${flip}`).toBe(false)
      }
    }
  })

  it('a code signed with another seed is invalid', () => {
    const k = key()
    const other = { ...k, seed: new Uint8Array(randomBytes(32)) }
    const d = decodeTicketCode(makeTicketCode(other, NOW))!
    expect(d.ticketId).toBe(k.ticketId)
    expect(verifyTicketSignature(d, k.publicKey)).toBe(false)
    expect(verifySignatureNode(d, Buffer.from(k.publicKey))).toBe(false)
  })

  it('a wrong-length public key or signature is a plain false, not a throw', () => {
    const k = key()
    const d = decodeTicketCode(makeTicketCode(k, NOW))!
    expect(verifyTicketSignature(d, k.publicKey.subarray(0, 31))).toBe(false)
    expect(verifySignatureNode(d, Buffer.from(k.publicKey.subarray(0, 31)))).toBe(false)
    expect(verifyTicketSignature({ ...d, signature: d.signature.subarray(0, 63) }, k.publicKey)).toBe(false)
    expect(
      verifySignatureNode({ ...d, signature: d.signature.subarray(0, 63) }, Buffer.from(k.publicKey)),
    ).toBe(false)
  })

  it('noble and node:crypto agree on 200 random codes, valid and tampered', () => {
    const keys = Array.from({ length: 8 }, key)
    let valid = 0
    fc.assert(
      fc.property(
        fc.nat({ max: keys.length - 1 }),
        fc.nat({ max: 0xffffffff }),
        fc.option(fc.tuple(fc.nat({ max: TICKET_PAYLOAD_BYTES - 2 }), fc.integer({ min: 1, max: 255 })), {
          freq: 2,
        }),
        fc.nat({ max: keys.length - 1 }),
        (ki, step, tamper, verifyWith) => {
          const k = keys[ki]!
          const p = payloadOf(makeTicketCodeAtStep(k, step))
          if (tamper) p[tamper[0] + 1] = p[tamper[0] + 1]! ^ tamper[1]
          const d = decodeTicketCode(codeOf(p))!
          const pub = keys[verifyWith]!.publicKey
          const noble = verifyTicketSignature(d, pub)
          expect(verifySignatureNode(d, Buffer.from(pub))).toBe(noble)
          expect(noble).toBe(tamper === null && verifyWith === ki)
          if (noble) valid++
        },
      ),
      { numRuns: 200 },
    )
    expect(valid).toBeGreaterThan(0)
  })

  it('caches one KeyObject per public key', () => {
    const k = key()
    const before = keyCacheSize()
    const a = publicKeyObject(k.publicKey)
    const b = publicKeyObject(Uint8Array.from(k.publicKey))
    expect(a).not.toBeNull()
    expect(b).toBe(a)
    expect(keyCacheSize()).toBe(before + 1)
    expect(publicKeyObject(new Uint8Array(5))).toBeNull()
  })

  it('the KeyObject cache is bounded and keeps the recently used', () => {
    const cache = new KeyObjectCache(3)
    const [a, b, c, d] = Array.from({ length: 4 }, () => key().publicKey) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ]
    const ka = cache.get(a)
    const kb = cache.get(b)
    cache.get(c)
    expect(cache.get(a)).toBe(ka) // a hit: a is now the most recent
    cache.get(d) // over the bound: b, the least recently used, goes
    expect(cache.size).toBe(3)
    expect(cache.get(a)).toBe(ka)
    const kb2 = cache.get(b) // parsed again: a new object
    expect(kb2).not.toBeNull()
    expect(kb2).not.toBe(kb)
    expect(kb2!.equals(kb!)).toBe(true)
    expect(cache.size).toBe(3)
  })
})

describe('the weapp and H5 builds can carry noble', () => {
  // Taro's vite runner transpiles every chunk to `target: 'es6'` (mini and h5) with esbuild, which
  // rewrites `**` to Math.pow — and noble 2.x uses `bigint ** bigint` on the sign and verify paths
  // (abstract/curve.js mulAddUnsafe: `c.Fn.ORDER ** _4n`), so Math.pow(BigInt) would throw at the
  // first code. config/index.ts must keep the operator (a vite plugin setting esbuild
  // `supported: { 'exponent-operator': true }`). This bundles the contract the way those builds do,
  // with the project's own vite plugins, and runs the result.
  type Contracts = typeof import('./mini-entry')
  async function bundle(plugins: PluginOption[]): Promise<string> {
    const out = (await viteBuild({
      root: process.cwd(),
      configFile: false,
      logLevel: 'silent',
      plugins,
      build: {
        target: 'es6',
        write: false,
        minify: false,
        lib: { entry: 'tests/tickets/mini-entry.ts', formats: ['cjs'], fileName: () => 'contracts.cjs' },
      },
    })) as RollupOutput[] | RollupOutput
    return (Array.isArray(out) ? out[0]! : out).output[0].code
  }
  function load(code: string): Contracts {
    const mod = { exports: {} as Contracts }
    new Function('module', 'exports', code)(mod, mod.exports)
    return mod.exports
  }
  const keepExponent: PluginOption = {
    name: 'test:keep-exponent-operator',
    config: () => ({ esbuild: { supported: { 'exponent-operator': true } } }),
  }

  async function projectVitePlugins(): Promise<PluginOption[]> {
    const exported = (await import('../../config/index')).default as unknown
    const config =
      typeof exported === 'function'
        ? await exported((a: object, b: object) => ({ ...a, ...b }), { command: 'build', mode: 'production' })
        : exported
    const compiler = (config as { compiler?: unknown }).compiler
    return typeof compiler === 'object' && compiler !== null
      ? ((compiler as { vitePlugins?: PluginOption[] }).vitePlugins ?? [])
      : []
  }

  it('with the project config (config/index.ts), the es6 bundle signs and verifies', async () => {
    const c = load(await bundle(await projectVitePlugins()))
    const k = key()
    const code = c.makeTicketCode(k, NOW)
    expect(code).toBe(makeTicketCode(k, NOW)) // Ed25519 is deterministic
    expect(c.verifyTicketSignature(c.decodeTicketCode(code)!, k.publicKey)).toBe(true)
  }, 60_000)

  it('(why the setting exists) a plain es6 bundle throws on BigInt', async () => {
    const c = load(await bundle([]))
    expect(() => c.makeTicketCode(key(), NOW)).toThrow(/BigInt/)
  }, 60_000)

  it('runs where there is no TextEncoder, btoa, Buffer or WebCrypto (like the mini-program)', async () => {
    const code = await bundle([keepExponent])
    // a fresh V8 context has only the ECMAScript built-ins
    const exports = {}
    const sandbox: Record<string, unknown> = { module: { exports }, exports }
    const ctx = vm.createContext(sandbox)
    expect(vm.runInContext('[typeof TextEncoder, typeof btoa, typeof Buffer, typeof crypto]', ctx)).toEqual(
      Array(4).fill('undefined'),
    )
    vm.runInContext(code, ctx)
    const k = key()
    const list = {
      eventId: randomUUID(),
      eventTag: k.eventTag,
      title: 't',
      checkinOpensAt: new Date(NOW - 3_600_000).toISOString(),
      checkinClosesAt: new Date(NOW + 3_600_000).toISOString(),
      downloadedAt: new Date(NOW - 7_200_000).toISOString(),
      tickets: [
        {
          ticketId: k.ticketId,
          publicKey: bytesToBase64url(k.publicKey),
          status: 'active',
          name: '学生',
          school: null,
          registeredAt: new Date(NOW - 86_400_000).toISOString(),
          checkedInAt: null,
          checkedInGate: null,
        },
      ],
    }
    Object.assign(sandbox, { seed: k.seed, eventTag: k.eventTag, ticketId: k.ticketId, list, now: NOW })
    const out = vm.runInContext(
      `(() => {
        const c = module.exports
        const code = c.makeTicketCode({ seed, eventTag, ticketId }, now)
        const pub = c.ticketPublicKeyFromSeed(seed)
        const state = c.createVerifierState('A')
        const first = c.verifyOffline(list, code, now, state).outcome
        const again = c.verifyOffline(list, code, now, state).outcome
        const q = new c.OfflineQueue({ randomBytes: (n) => new Uint8Array(n).fill(1) })
        const nonce = q.add({ code, gate: 'A', scannedAt: new Date(now).toISOString() }).nonce
        let noSource = ''
        try { new c.OfflineQueue().add({ code, gate: 'A', scannedAt: '' }) } catch (e) { noSource = String(e) }
        return { code, b64: c.bytesToBase64url(pub), first, again, nonce, noSource }
      })()`,
      ctx,
    )
    expect(out.code).toBe(makeTicketCode(k, NOW))
    expect(out.b64).toBe(Buffer.from(k.publicKey).toString('base64url'))
    expect([out.first, out.again]).toEqual(['ok', 'already_checked_in'])
    expect(out.nonce).toBe('01010101-0101-4101-8101-010101010101')
    // no secure random source and none injected: it refuses rather than fall back to Math.random
    expect(out.noSource).toMatch(/crypto/i)
  }, 60_000)
})
