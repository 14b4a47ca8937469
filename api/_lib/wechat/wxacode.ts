/** Unlimited mini-program codes (getUnlimitedQRCode) for event pages: the scene rides in the code. */
import { wechatBinary } from './http'
import { withAccessToken } from './token'

export interface WxaCodeRequest {
  /** At most 32 visible characters: digits, letters and !#$&'()*+,/:;=?@-._~ (else 40169). */
  scene: string
  /** Published page without leading slash or query, e.g. 'packages/events/detail'; default: home. */
  page?: string
  /** Default true: the page must exist in the released version (else 41030). */
  checkPath?: boolean
  envVersion?: 'release' | 'trial' | 'develop'
  /** 280–1280 px, default 430. */
  width?: number
  isHyaline?: boolean
}

/** The image (PNG or JPEG as WeChat sends it). Throws WechatError on refusal. */
export async function getUnlimitedWxaCode(
  req: WxaCodeRequest,
): Promise<{ contentType: string; data: Buffer }> {
  const body: Record<string, unknown> = { scene: req.scene }
  if (req.page !== undefined) body.page = req.page
  if (req.checkPath !== undefined) body.check_path = req.checkPath
  if (req.envVersion) body.env_version = req.envVersion
  if (req.width !== undefined) body.width = req.width
  if (req.isHyaline !== undefined) body.is_hyaline = req.isHyaline
  return withAccessToken('mp', (token) =>
    wechatBinary({
      op: 'wxacode.getUnlimited',
      method: 'POST',
      path: '/wxa/getwxacodeunlimit',
      query: { access_token: token },
      body,
    }),
  )
}
