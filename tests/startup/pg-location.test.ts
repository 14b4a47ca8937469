/**
 * Where the embedded PostgreSQL runs from when we are root and the checkout sits under a folder
 * the `postgres` OS user cannot enter (`/root`, mode 700): the choices, on fake folders.
 */
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { chooseDataDir } from '../../scripts/db/embedded'
import { canEnter, postgresBinDir } from '../../scripts/db/pg-binaries'
import { StartupError } from '../../scripts/failure'

const isRoot = process.getuid?.() === 0
const stranger = { uid: 4242, gid: 4242 }
const base = mkdtempSync(path.join(os.tmpdir(), 'jiuye-pgloc-'))
chmodSync(base, 0o755)
afterAll(() => rmSync(base, { recursive: true, force: true }))

function folder(name: string, mode: number): string {
  const d = path.join(base, name)
  mkdirSync(d, { recursive: true })
  chmodSync(d, mode)
  return d
}

/** A stand-in for the packaged `native/` tree: bin/ programs, a lib/ symlink, share/. */
function fakePackage(parent: string): { native: string; version: string } {
  const native = path.join(parent, 'node_modules', 'pkg', 'native')
  mkdirSync(path.join(native, 'bin'), { recursive: true })
  mkdirSync(path.join(native, 'lib'), { recursive: true })
  mkdirSync(path.join(native, 'share'), { recursive: true })
  writeFileSync(path.join(native, 'bin', 'postgres'), '#!/bin/sh\necho postgres\n', { mode: 0o644 })
  writeFileSync(path.join(native, 'bin', 'initdb'), '#!/bin/sh\necho initdb\n', { mode: 0o644 })
  writeFileSync(path.join(native, 'lib', 'libpq.so.5.17'), 'lib')
  symlinkSync('libpq.so.5.17', path.join(native, 'lib', 'libpq.so.5'))
  writeFileSync(path.join(native, 'share', 'postgres.bki'), 'bki')
  return { native, version: `17.0-test-${path.basename(parent)}` }
}

describe('canEnter (mode bits on every folder on the way)', () => {
  it('is false below a 700 folder of someone else, true below 755, and true for root', () => {
    const priv = folder('private', 0o700)
    const open = folder('open', 0o755)
    expect(canEnter(path.join(priv, 'checkout', '.data'), stranger)).toBe(false)
    expect(canEnter(path.join(open, 'checkout', '.data'), stranger)).toBe(true)
    expect(canEnter(priv, { uid: 0, gid: 0 })).toBe(true)
  })

  it.runIf(isRoot)('uses the owner bits for the owner', () => {
    const mine = folder('owned-by-stranger', 0o700)
    chownSync(mine, stranger.uid, stranger.gid)
    expect(canEnter(mine, stranger)).toBe(true)
    expect(canEnter(mine, { uid: 4343, gid: 4343 })).toBe(false)
  })
})

describe('chooseDataDir', () => {
  it('keeps .data/pg when the server user can reach it or we are not root, else moves it to the temp dir', () => {
    const priv = folder('home-700', 0o700)
    const open = folder('work-755', 0o755)
    const tmp = folder('tmp-a', 0o755)
    const inPriv = path.join(priv, 'jiuye', '.data', 'pg')
    expect(chooseDataDir(path.join(open, '.data', 'pg'), stranger, tmp)).toBe(path.join(open, '.data', 'pg'))
    expect(chooseDataDir(inPriv, null, tmp)).toBe(inPriv)
    const moved = chooseDataDir(inPriv, stranger, tmp)
    expect(path.dirname(moved)).toBe(tmp)
    expect(chooseDataDir(inPriv, stranger, tmp)).toBe(moved) // the same checkout finds it again
    expect(chooseDataDir(path.join(priv, 'other', '.data', 'pg'), stranger, tmp)).not.toBe(moved)
  })

  it.runIf(isRoot)('refuses a planted temp folder owned by another user', () => {
    const priv = folder('home-700b', 0o700)
    const tmp = folder('tmp-b', 0o1777)
    const dir = chooseDataDir(path.join(priv, '.data', 'pg'), stranger, tmp)
    mkdirSync(dir)
    chownSync(dir, 4343, 4343)
    expect(() => chooseDataDir(path.join(priv, '.data', 'pg'), stranger, tmp)).toThrow(StartupError)
  })
})

describe('postgresBinDir', () => {
  it('runs the packaged programs when not root or when the server user can reach them', () => {
    const pkg = fakePackage(folder('reachable', 0o755))
    expect(postgresBinDir(null, pkg, folder('tmp-c', 0o755))).toBe(path.join(pkg.native, 'bin'))
    expect(postgresBinDir(stranger, pkg, folder('tmp-d', 0o755))).toBe(path.join(pkg.native, 'bin'))
  })

  it.runIf(isRoot)('copies them once, root-owned and world-readable, when the checkout is private', () => {
    const pkg = fakePackage(folder('root-home', 0o700))
    const tmp = folder('tmp-e', 0o1777)
    const bin = postgresBinDir(stranger, pkg, tmp)
    expect(path.dirname(path.dirname(bin))).toBe(tmp)
    expect(canEnter(bin, stranger)).toBe(true)
    const copy = path.dirname(bin)
    expect(lstatSync(copy).uid).toBe(0)
    expect(lstatSync(copy).mode & 0o777).toBe(0o755)
    expect(lstatSync(path.join(bin, 'postgres')).mode & 0o111).toBe(0o111)
    // relative library links stay relative, so they resolve inside the copy
    expect(readlinkSync(path.join(copy, 'lib', 'libpq.so.5'))).toBe('libpq.so.5.17')
    const made = lstatSync(copy).ino
    expect(postgresBinDir(stranger, pkg, tmp)).toBe(bin)
    expect(lstatSync(copy).ino).toBe(made) // reused, not copied again

    // a copy someone else could have changed is never run
    chownSync(copy, stranger.uid, stranger.gid)
    let err: unknown
    try {
      postgresBinDir(stranger, pkg, tmp)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(StartupError)
    expect((err as StartupError).hint).toContain(copy)
  })
})
