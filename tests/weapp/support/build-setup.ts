/**
 * Global set-up of the weapp tests: the mini-program build they read, made (or reused when fresh) once
 * per run. `npm test` has built it already, so this is a freshness check there.
 */
import { ensureWeappBuild } from '../../../scripts/weapp-build'

export default async function setup(): Promise<void> {
  await ensureWeappBuild({ quiet: true })
}
