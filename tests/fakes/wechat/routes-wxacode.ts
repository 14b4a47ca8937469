/**
 * POST /wxa/getwxacodeunlimit. WeChat draws a round mini-program code that only WeChat can scan;
 * the fake answers a real PNG with an ordinary QR code holding the scene instead, so tests and the
 * H5 client can decode it (pngjs + jsqr) and read the scene back.
 */
import QRCode from 'qrcode'
import { type Ctx, checkAccessToken, type Reply, requirePostJson, str, wxError } from './reply'

/** At most 32 visible characters: digits, letters and !#$&'()*+,/:;=?@-._~ */
export const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}$/
const ENV_VERSIONS = ['release', 'trial', 'develop']

function colorHex(color: unknown): string {
  const c = (color && typeof color === 'object' ? color : {}) as Record<string, unknown>
  const part = (v: unknown) => {
    const n = Math.min(255, Math.max(0, Math.round(Number(v ?? 0)) || 0))
    return n.toString(16).padStart(2, '0')
  }
  return `#${part(c.r)}${part(c.g)}${part(c.b)}ff`
}

export async function getWxacodeUnlimit(ctx: Ctx): Promise<Reply> {
  const bad = requirePostJson(ctx)
  if (bad) return bad
  const auth = checkAccessToken(ctx, 'mp')
  if ('error' in auth) return auth.error
  const body = ctx.body as Record<string, unknown>

  const scene = str(body.scene)
  if (!scene || !SCENE.test(scene)) {
    return wxError(40169, 'invalid length for scene, or the data is not json string')
  }
  const checkPath = body.check_path !== false
  if (body.page !== undefined) {
    const page = str(body.page)
    if (page === undefined) return wxError(41030, 'invalid page')
    // The page must be a published page, without a leading slash and without a query string.
    if (checkPath && (page.startsWith('/') || page.includes('?') || !ctx.state.pages.has(page))) {
      return wxError(41030, 'invalid page')
    }
  }
  if (body.env_version !== undefined && !ENV_VERSIONS.includes(String(body.env_version))) {
    return wxError(40097, 'invalid args')
  }
  const requested = typeof body.width === 'number' ? body.width : 430
  const width = Math.min(1280, Math.max(280, Math.round(requested)))
  const raw = await QRCode.toBuffer(scene, {
    type: 'png',
    width,
    margin: 2,
    errorCorrectionLevel: 'M',
    color: { dark: colorHex(body.line_color), light: body.is_hyaline === true ? '#ffffff00' : '#ffffffff' },
  })
  return { contentType: 'image/png', raw }
}
