import { type IntentionInput, IntentionResponse } from '../contracts/intentions'
import { request } from './request'

export function fetchIntention() {
  return request('/api/me/intention', { schema: IntentionResponse })
}

/** A whole replacement (PUT), so sending it again is harmless; field errors are the form's to show. */
export function saveIntention(input: IntentionInput) {
  return request('/api/me/intention', { method: 'PUT', data: input, schema: IntentionResponse, toast: false })
}
