import { ApiError } from '../api/client'
import { t } from '../i18n'

// What to tell the user about a failed request: the server's own message, or
// «server unreachable» when there was no answer at all.
export function errorText(e: unknown): string {
  return e instanceof ApiError && e.code !== 'network' ? e.message : t().errors.network
}
