import {
  SubscriptionReport,
  SubscriptionReportResponse,
  SubscriptionState,
} from '../../src/contracts/subscriptions'
import { method, route } from '../_lib/http/route'
import { recordSubscribeResults, subscriptionState } from '../_lib/notify/credits'

export default route({
  /** which templates to ask for at each moment, and the credits the user holds */
  GET: method({
    auth: 'required',
    response: SubscriptionState,
    handler: ({ tx, res }) => {
      res.setHeader('cache-control', 'no-store')
      return tx(subscriptionState)
    },
  }),
  /** what wx.requestSubscribeMessage answered (Idempotency-Key: a resent report adds nothing) */
  POST: method({
    auth: 'required',
    idempotent: true,
    body: SubscriptionReport,
    response: SubscriptionReportResponse,
    handler: ({ tx, body }) => tx((db) => recordSubscribeResults(db, body)),
  }),
})
