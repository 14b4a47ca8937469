import { IntentionInput, IntentionResponse } from '../../src/contracts/intentions'
import { method, route } from '../_lib/http/route'
import { getIntention, saveIntention } from '../_lib/jobs/intentions'

export default route({
  GET: method({
    auth: 'required',
    response: IntentionResponse,
    handler: async ({ tx, claims }) => ({ intention: await tx((db) => getIntention(db, claims!.sub)) }),
  }),
  // a whole replacement: sending it twice leaves the same row
  PUT: method({
    auth: 'required',
    body: IntentionInput,
    response: IntentionResponse,
    handler: async ({ tx, body, claims }) => ({
      intention: await tx((db) => saveIntention(db, claims!.sub, body)),
    }),
  }),
})
