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
    const box = await canvas.boundingBox()
    if (box) {
      const png = PNG.sync.read(
        await page.screenshot({
          clip: {
            x: Math.max(0, box.x - pad),
            y: Math.max(0, box.y - pad),
            width: box.width + 2 * pad,
            height: box.height + 2 * pad,
          },
        }),
      )
      const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
      if (found) return found.data
    }
    if (Date.now() > deadline) {
      await screenshot(page, 'ticket-unreadable-qr')
      throw new Error('jsQR found no QR code on the ticket page')
    }
    await page.waitForTimeout(200)
  }
}
