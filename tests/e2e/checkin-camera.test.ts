/**
 * The H5 gate's camera: Chromium's fake camera plays a video of a student's QR code (a Y4M file made
 * here from the code, drawn with uqr), the staff press 打开摄像头扫码, @zxing/browser (loaded only
 * then) reads the code from the video and the gate shows 签到成功 — the same path a phone's camera
 * takes, without a manual entry.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { encode } from 'uqr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { ROOT } from '../../scripts/paths'
import { TokenResponse } from '../../src/contracts/auth'
import { base64urlToBytes, makeTicketCode } from '../../src/contracts/ticket-code'
import { RegistrationResponse, TicketKey } from '../../src/contracts/tickets'
import { callParsed, expectOk, withApi } from '../support/api'
import { CHROMIUM, openSignedIn, screenshot } from '../support/browser'
import { makeSchool, makeUser, TEST_PASSWORD } from '../support/fixtures'

const api = withApi({ staticDir: H5_DIR })
const W = 640
const H = 480

/**
 * Frames of 4:2:0 video (Y4M) showing `text` as a QR code, dark on white, held the way a hand holds
 * a phone: a little nearer or farther and off centre from frame to frame. (A decoder can miss a code
 * in one exact frame and read it in the next; a video of one frozen frame would test that luck.)
 */
function qrVideo(text: string, file: string): void {
  const qr = encode(text, { ecc: 'M' })
  const quiet = 4
  const biggest = Math.floor(Math.min(W, H) / (qr.size + 2 * quiet))
  const poses = [
    [0, 0, 0],
    [1, 5, -3],
    [2, -9, 4],
    [3, 12, 8],
    [4, -4, -10],
  ] as const
  const frames = poses.map(([smaller, dx0, dy0]) => {
    const scale = biggest - smaller
    const side = (qr.size + 2 * quiet) * scale
    const x0 = Math.floor((W - side) / 2) + dx0
    const y0 = Math.floor((H - side) / 2) + dy0
    const y = Buffer.alloc(W * H, 235)
    for (let r = 0; r < qr.size; r++)
      for (let c = 0; c < qr.size; c++) {
        if (!qr.data[r]![c]) continue
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++)
            y[(y0 + (r + quiet) * scale + dy) * W + x0 + (c + quiet) * scale + dx] = 16
      }
    const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128)
    return Buffer.concat([Buffer.from('FRAME\n'), y, chroma])
  })
  // each pose for a few frames at 10 frames a second: the decoder, at 5 a second, sees every pose
  const video = poses.flatMap((_, i) => [frames[i]!, frames[i]!, frames[i]!])
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...video]),
  )
}

let browser: Browser | undefined
let video: string
let eventId: string
let staffLogin: string
let code: string

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
  const schoolId = await makeSchool('示范农业大学')
  const staff = await makeUser({ role: 'fair_staff', schoolId, name: '摄像头老师' })
  staffLogin = staff.login
  eventId = await withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.events (school_id, kind, mode, title, venue, starts_at, ends_at, capacity, status,
         published_at)
       values ($1, 'fair', 'onsite', $2, '礼堂', now() + interval '30 minutes', now() + interval '3 hours', 20,
         'published', now())
       returning id`,
      [schoolId, `双选会${randomUUID().slice(0, 4)}`],
    )
    await db.query('insert into public.event_staff (event_id, user_id) values ($1, $2)', [
      rows[0]!.id,
      staff.id,
    ])
    return rows[0]!.id
  })
  const student = await makeUser({ role: 'student', schoolId, name: '郑镜头' })
  const token = (
    await callParsed(TokenResponse, api.url, '/api/auth/login', {
      body: { login: student.login, password: TEST_PASSWORD },
    })
  ).body.accessToken
  const reg = await callParsed(RegistrationResponse, api.url, `/api/events/${eventId}/registration`, {
    token,
    headers: { 'idempotency-key': `cam-${randomUUID()}` },
    body: {},
  })
  const key = await expectOk(TicketKey, api.url, `/api/tickets/${reg.body.ticket.id}/key`, { token })
  code = makeTicketCode(
    { seed: base64urlToBytes(key.seed), eventTag: key.eventTag, ticketId: key.ticketId },
    Date.now(),
  )
  const dir = path.join(ROOT, '.data', 'test-results')
  mkdirSync(dir, { recursive: true })
  video = path.join(dir, `checkin-camera-${process.pid}.y4m`)
  qrVideo(code, video)
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  })
})

afterAll(async () => {
  await browser?.close()
  if (video) rmSync(video, { force: true })
})

describe('H5: the gate reads a QR code through the camera', () => {
  it('打开摄像头扫码 loads the decoder, reads the student’s code from the video and checks it in', async () => {
    const session = (
      await callParsed(TokenResponse, api.url, '/api/auth/login', {
        body: { login: staffLogin, password: TEST_PASSWORD },
      })
    ).body
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
    await context.grantPermissions(['camera'], { origin: api.url })
    const page = await context.newPage()
    const chunks: string[] = []
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    page.on('request', (r) => {
      if (r.url().includes('camera-h5')) chunks.push(r.url())
    })
    await openSignedIn(page, api.url, session, `/packages/checkin/pages/gate/index?id=${eventId}`)
    await page.locator('.e2e-checkin-gate-name input').fill('南门')
    await page.locator('.e2e-checkin-start').click()
    await page.locator('.e2e-checkin-gate').waitFor({ state: 'visible', timeout: 15_000 })
    expect(chunks).toEqual([])

    await page.locator('.e2e-checkin-camera').click()
    // a notice (the camera refused, a failed scan) is what a failure should show, not an empty outcome
    await expect
      .poll(
        async () =>
          (await page.locator('.e2e-checkin-outcome').getAttribute('data-outcome')) ||
          (await page.locator('.e2e-checkin-notice').allTextContents()).join(' ') ||
          `no outcome; ${await page.locator('video').count()} video(s); errors: ${errors.join(' | ')}`,
        { timeout: 30_000 },
      )
      .toBe('ok')
    expect(await page.locator('.e2e-checkin-outcome-name').textContent()).toBe('郑镜头')
    expect(chunks.length).toBeGreaterThan(0)
    await screenshot(page, 'checkin-camera')
    // the camera keeps seeing the same code: it is not sent again and again
    await page.waitForTimeout(1_000)
    const n = await withServiceTx('test check', async (db) => {
      const r = await db.query<{ n: string }>(
        'select count(*)::text as n from public.checkins where event_id = $1',
        [eventId],
      )
      return Number(r.rows[0]!.n)
    })
    expect(n).toBe(1)
    await page.locator('.e2e-checkin-camera').click()
    await context.close()
  })
})
