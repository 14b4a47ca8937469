import { PushSettingsInput, PushSettingsResponse } from '../../src/contracts/push'
import { method, route } from '../_lib/http/route'
import { getPushSettings, savePushSettings } from '../_lib/push/settings'

export default route({
  GET: method({
    auth: 'required',
    response: PushSettingsResponse,
    handler: async ({ tx, claims }) => ({ settings: await tx((db) => getPushSettings(db, claims!.sub)) }),
  }),
  // a whole replacement: sending it twice leaves the same row
  PUT: method({
    auth: 'required',
    body: PushSettingsInput,
    response: PushSettingsResponse,
    handler: async ({ tx, body, claims }) => ({
      settings: await tx((db) => savePushSettings(db, claims!.sub, body)),
    }),
  }),
})
