/** POST /cgi-bin/message/subscribe/send (mini-program) and /cgi-bin/message/template/send (official account). */
import { checkTemplateData } from './keywords'
import { type Ctx, checkAccessToken, type Reply, requirePostJson, str, wxError } from './reply'

const MINIPROGRAM_STATES = ['developer', 'trial', 'formal']
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW']

/** `pages/x/index?a=1` → `pages/x/index`; a leading slash is tolerated for subscribe pages. */
function pagePath(page: string): string {
  return page.split('?')[0]!.replace(/^\//, '')
}

/**
 * subscribeMessage.send. Checks in this order, so that a rejected message never uses up a
 * subscription: token, 40003 openid, 40037 template, 41030 page, 47003 arguments, 43101 quota.
 */
export function subscribeSend(ctx: Ctx): Reply {
  const bad = requirePostJson(ctx)
  if (bad) return bad
  const auth = checkAccessToken(ctx, 'mp')
  if ('error' in auth) return auth.error
  const { state } = ctx
  const body = ctx.body as Record<string, unknown>

  const touser = str(body.touser)
  if (!touser || !state.mpUsers.has(touser)) return wxError(40003, 'invalid openid')
  const templateId = str(body.template_id)
  const keywords = templateId ? state.templates.get(state.templateKey('mp', templateId)) : undefined
  if (!templateId || !keywords) return wxError(40037, 'invalid template id')
  if (body.page !== undefined && body.page !== '') {
    if (typeof body.page !== 'string' || !state.pages.has(pagePath(body.page))) {
      return wxError(41030, 'invalid page')
    }
  }
  if (body.miniprogram_state !== undefined && !MINIPROGRAM_STATES.includes(String(body.miniprogram_state))) {
    return wxError(47003, 'argument invalid! miniprogram_state invalid')
  }
  if (body.lang !== undefined && !LANGS.includes(String(body.lang))) {
    return wxError(47003, 'argument invalid! lang invalid')
  }
  const invalid = checkTemplateData(keywords, body.data)
  if (invalid) return wxError(47003, invalid)

  const key = state.quotaKey(touser, templateId)
  const quota = state.quotas.get(key) ?? 0
  if (quota <= 0) return wxError(43101, 'user refuse to accept the msg')
  state.quotas.set(key, quota - 1)

  const msgid = state.nextMsgid()
  state.messages.push({
    kind: 'subscribe',
    msgid,
    touser,
    template_id: templateId,
    data: body.data as Record<string, unknown>,
    page: str(body.page),
    time: state.now(),
  })
  return { json: { errcode: 0, errmsg: 'ok', msgid } }
}

/**
 * Official-account template message. An openid the account has never seen answers 40003; one
 * that saw it but does not follow it now answers 43004 (require subscribe), as WeChat does.
 */
export function templateSend(ctx: Ctx): Reply {
  const bad = requirePostJson(ctx)
  if (bad) return bad
  const auth = checkAccessToken(ctx, 'oa')
  if ('error' in auth) return auth.error
  const { state } = ctx
  const body = ctx.body as Record<string, unknown>

  const touser = str(body.touser)
  const following = touser ? state.oaUsers.get(touser) : undefined
  if (!touser || following === undefined) return wxError(40003, 'invalid openid')
  if (!following) return wxError(43004, 'require subscribe')
  const templateId = str(body.template_id)
  const keywords = templateId ? state.templates.get(state.templateKey('oa', templateId)) : undefined
  if (!templateId || !keywords) return wxError(40037, 'invalid template_id')
  if (body.url !== undefined && typeof body.url !== 'string') return wxError(47003, 'argument invalid! url')
  let miniprogram: { appid?: string; pagepath?: string } | undefined
  if (body.miniprogram !== undefined) {
    const mp = body.miniprogram as Record<string, unknown> | null
    const appid = str(mp?.appid)
    if (!appid || state.apps.get(appid)?.kind !== 'mp') return wxError(40013, 'invalid appid')
    miniprogram = { appid, pagepath: str(mp?.pagepath) }
  }
  const invalid = checkTemplateData(keywords, body.data)
  if (invalid) return wxError(47003, invalid)

  const msgid = state.nextMsgid()
  state.messages.push({
    kind: 'template',
    msgid,
    touser,
    template_id: templateId,
    data: body.data as Record<string, unknown>,
    url: str(body.url),
    miniprogram,
    time: state.now(),
  })
  return { json: { errcode: 0, errmsg: 'ok', msgid } }
}
