import { PushMarkAllReadResponse } from '../../../src/contracts/push'
import { method, route } from '../../_lib/http/route'
import { markAllPushesRead } from '../../_lib/push/list'

export default route({
  /** 全部已读: the caller's unread pushes, all at once (a resend marks nothing more) */
  POST: method({
    auth: 'required',
    response: PushMarkAllReadResponse,
    handler: ({ tx }) => tx(markAllPushesRead),
  }),
})
