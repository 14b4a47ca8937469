/** The WeChat client: one module per job; import from here. */
export { isWechatConfigured, type WechatApp, type WechatAppKind, wechatApiBase, wechatApp } from './config'
export { isWechatError, TOKEN_ERRCODES, toAppError, WechatError, type WechatFailure } from './errors'
export * as keywords from './keywords'
export { code2Session, type WechatSession } from './login'
export { type MiniprogramState, type SubscribeMessage, sendSubscribeMessage } from './subscribe'
export { sendTemplateMessage, type TemplateMessage } from './template'
export { getAccessToken, withAccessToken } from './token'
export { getUnlimitedWxaCode, type WxaCodeRequest } from './wxacode'
