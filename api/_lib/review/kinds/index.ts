import type { ReviewKind } from '../../../../src/contracts/reviews'
import type { ReviewKindModule } from '../kind'
import { agreementKind } from './agreement'
import { correctionKind } from './correction'
import { destinationKind } from './destination'
import { destinationRequestKind } from './destination-request'
import { recommendationKind } from './recommendation'
import { sourceInfoKind } from './source-info'
import { terminationKind } from './termination'

/**
 * The registry of review kinds: one line per kind. Typed by ReviewKind, so a kind added to the
 * contract without its module (or the other way round) does not compile.
 */
export const REVIEW_KINDS: Record<ReviewKind, ReviewKindModule> = {
  source_info: sourceInfoKind,
  correction: correctionKind,
  recommendation: recommendationKind,
  agreement: agreementKind,
  destination: destinationKind,
  destination_request: destinationRequestKind,
  termination: terminationKind,
}

export function kindModule(kind: ReviewKind): ReviewKindModule {
  return REVIEW_KINDS[kind]
}

export function statusLabel(kind: ReviewKind, status: string): string {
  return REVIEW_KINDS[kind].statusLabels[status] ?? status
}
