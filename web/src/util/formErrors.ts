// How every form shows the server's verdict: a message under the field the
// error names, or one message above the form when it names none.
import { reactive, ref } from 'vue'
import { ApiError } from '../api/client'
import { errorText } from './errors'

export function useFormErrors() {
  const fieldErrors = reactive<Record<string, string>>({})
  const generalError = ref('')
  function clear() {
    for (const k of Object.keys(fieldErrors)) delete fieldErrors[k]
    generalError.value = ''
  }
  function capture(e: unknown) {
    if (e instanceof ApiError && e.field) fieldErrors[e.field] = e.message
    else generalError.value = errorText(e)
  }
  // Runs a submit: errors cleared first, `saving` set while it runs, failures captured.
  const saving = ref(false)
  async function submitting(action: () => Promise<void>) {
    clear()
    saving.value = true
    try {
      await action()
    } catch (e) {
      capture(e)
    } finally {
      saving.value = false
    }
  }
  return { fieldErrors, generalError, clear, capture, saving, submitting }
}
