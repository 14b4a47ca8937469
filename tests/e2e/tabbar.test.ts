/**
 * The tab bar's icons: the committed PNGs are what scripts/tabbar-icons.ts draws, fit WeChat's limits, and the
 * H5 build shows them, the selected one on the current tab.
 */
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { ICON_SIZE, renderAll, TABBAR_DIR } from '../../scripts/tabbar-icons'
import { withApi } from '../support/api'
import { screenshot, withBrowser } from '../support/browser'

beforeAll(async () => {
  await ensureH5Build({ quiet: true })
})

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

const TABS = [
  { text: '首页', stem: 'home' },
  { text: '活动', stem: 'events' },
  { text: '消息', stem: 'inbox' },
  { text: '我的', stem: 'me' },
]

interface ShownIcon {
  src: string
  complete: boolean
  width: number
  height: number
  /** CSS px on screen: 0 when a stylesheet hides the icon */
  shownWidth: number
}

async function shownIcons(page: Page): Promise<ShownIcon[]> {
  return page.locator('.weui-tabbar__item img.weui-tabbar__icon').evaluateAll((imgs) =>
    (imgs as HTMLImageElement[]).map((img) => ({
      src: img.currentSrc || img.src,
      complete: img.complete,
      width: img.naturalWidth,
      height: img.naturalHeight,
      shownWidth: Math.round(img.getBoundingClientRect().width),
    })),
  )
}

/**
 * every icon decoded and drawn at the H5 tab bar's 27 CSS px, each tab showing `<stem>-active.png` when
 * selected and `<stem>.png` otherwise
 */
async function expectIcons(page: Page, selected: number): Promise<void> {
  await expect
    .poll(async () => {
      const icons = await shownIcons(page)
      return icons.map(
        (i) =>
          `${path.basename(new URL(i.src).pathname)} ${i.complete} ${i.width}×${i.height} shown ${i.shownWidth}`,
      )
    })
    .toEqual(
      TABS.map(
        (t, i) => `${t.stem}${i === selected ? '-active' : ''}.png true ${ICON_SIZE}×${ICON_SIZE} shown 27`,
      ),
    )
}

describe('tab bar icons', () => {
  it('are the generator’s output, 81×81 and within 40 KB each', () => {
    const drawn = renderAll()
    expect([...drawn.keys()].sort()).toEqual(
      TABS.flatMap((t) => [`${t.stem}.png`, `${t.stem}-active.png`]).sort(),
    )
    for (const [name, bytes] of drawn) {
      const file = path.join(TABBAR_DIR, name)
      const committed = PNG.sync.read(readFileSync(file))
      expect([committed.width, committed.height]).toEqual([ICON_SIZE, ICON_SIZE])
      // pixels, not bytes: another zlib may compress the same image differently. A stale or hand-edited
      // file fails here: rerun `npx tsx scripts/tabbar-icons.ts`
      expect(
        committed.data.equals(PNG.sync.read(bytes).data),
        `${name} differs from scripts/tabbar-icons.ts`,
      ).toBe(true)
      expect(statSync(file).size).toBeLessThanOrEqual(40 * 1024)
    }
  })

  it('load in the H5 build and follow the selected tab', async () => {
    const page = await browser.page()
    await page.goto(`${api.url}/`)
    await expectIcons(page, 0)

    // the bytes served are the committed files
    for (const icon of await shownIcons(page)) {
      const res = await page.request.get(icon.src)
      expect(res.status()).toBe(200)
      const name = path.basename(new URL(icon.src).pathname)
      expect(Buffer.from(await res.body()).equals(readFileSync(path.join(TABBAR_DIR, name)))).toBe(true)
    }

    await page.locator('.weui-tabbar__item', { hasText: '活动' }).click()
    await expectIcons(page, 1)
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
    await expectIcons(page, 3)
    await screenshot(page, 'tabbar')
  })
})
