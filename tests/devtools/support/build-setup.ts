/**
 * Global set-up of the DevTools suite: `dist/weapp` built with the API base the suite serves on
 * (`TARO_APP_API_BASE` is baked in at build time), reused when it is fresh with that flag.
 */
import { ensureWeappBuild } from '../../../scripts/weapp-build'
import { devtoolsApiBase } from './config'

export default async function setup(): Promise<void> {
  process.env.TARO_APP_API_BASE = devtoolsApiBase()
  await ensureWeappBuild({ quiet: true })
}
