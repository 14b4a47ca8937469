import { MarkAllReadResponse } from '../../src/contracts/messages'
import { method, route } from '../_lib/http/route'
import { markAllRead } from '../_lib/messages/inbox'

export default route({
  /** 全部已读: the caller's unread messages, all at once (a resend marks nothing more) */
  POST: method({
    auth: 'required',
    response: MarkAllReadResponse,
    handler: ({ tx }) => tx(markAllRead),
  }),
})
