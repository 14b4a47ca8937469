import jsQR from 'jsqr'
import type { Locator, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { screenshot } from './browser'

/**
 * The ticket page's QR as a picture, decoded by jsQR (what a gate scanner reads off the screen).
 * The canvas is laid out before the code is drawn on it (the key may still be loading), so the
 * picture is read again until it holds a code or `timeoutMs` passes.
 */
export async function readTicketQr(
  page: Page,
  scope: Page | Locator = page,
  timeoutMs = 15_000,
): Promise<string> {
  const canvas = scope.locator('.e2e-ticket-qr')
  try {
    await canvas.waitFor({ state: 'visible', timeout: timeoutMs })
  } catch (err) {
    await screenshot(page, 'ticket-no-qr')
    throw new Error(`no QR on the ticket page, which shows: ${await page.locator('body').textContent()}`, {
      cause: err,
    })
  }
  // the page's light background around the code is its quiet zone
  const pad = 24
  const deadline = Date.now() + timeoutMs
  for (;;) {
    // the canvas may sit outside the viewport (the page scrolled, or still laying out): a clip
    // outside it is "empty" to playwright, so bring it in and clip to what the viewport shows
    await canvas.scrollIntoViewIfNeeded({ timeout: 1_000 }).catch(() => undefined)
    const box = await canvas.boundingBox()
    const view = page.viewportSize()
    if (box && view) {
      const x = Math.max(0, box.x - pad)
      const y = Math.max(0, box.y - pad)
      const width = Math.min(view.width, box.x + box.width + pad) - x
      const height = Math.min(view.height, box.y + box.height + pad) - y
      if (width > 0 && height > 0) {
        const png = PNG.sync.read(await page.screenshot({ clip: { x, y, width, height } }))
        const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
        if (found) return found.data
      }
    }
    if (Date.now() > deadline) {
      await screenshot(page, 'ticket-unreadable-qr')
      throw new Error('jsQR found no QR code on the ticket page')
    }
    await page.waitForTimeout(200)
  }
}
