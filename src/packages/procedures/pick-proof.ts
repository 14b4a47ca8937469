/**
 * Picking a proof file for a correction: a photo (album or camera, `chooseImage`) or, in the
 * mini-program, a PDF or picture from a WeChat chat (`chooseMessageFile`); in the browser a file
 * input. The page gets a local path `upload()` can send, the file's own name and a way to free it.
 */
import { PROOF_MAX_BYTES } from '../../contracts/procedures'
import { DocumentPickError, type PickedDocument, pickDocument } from '../../services/pick-document'

export type PickedProof = PickedDocument
export { DocumentPickError as PickError }

/** `photo`: a picture (the browser's file input takes any accepted file); `chat`: a file from a chat. */
export function pickProof(from: 'photo' | 'chat'): Promise<PickedProof | null> {
  return pickDocument(from, {
    inputClass: 'e2e-corr-proof-input',
    what: '证明材料',
    maxBytes: PROOF_MAX_BYTES,
  })
}
