// How every form shows the server's verdict: a message under each field the
// error names (all of them when the server checked the form whole), or one
// message above the form when it names none; the first field at fault is
// scrolled into view and focused, so a long form does not hide it. A message
// for a field the form has no place for goes above the form, so no refused
// save is silent. Each
// message is tied to its field (aria-describedby), so a screen reader reads it
// with the field (ГОСТ Р 52872-2019, 3.3.1).
import { nextTick, reactive, ref } from 'vue'
import { ApiError } from '../api/client'
import { errorText } from './errors'

export function useFormErrors() {
  const fieldErrors = reactive<Record<string, string>>({})
  const generalError = ref('')
  function clear() {
    for (const k of Object.keys(fieldErrors)) delete fieldErrors[k]
    generalError.value = ''
    nextTick(() => linkErrorsToFields())
  }
  function capture(e: unknown) {
    if (e instanceof ApiError && e.fields.length) for (const f of e.fields) fieldErrors[f.field] = f.message
    else if (e instanceof ApiError && e.field) fieldErrors[e.field] = e.message
    else generalError.value = errorText(e)
    nextTick(() => {
      const unplaced = unplacedMessages(Object.values(fieldErrors))
      if (unplaced.length && !generalError.value) generalError.value = unplaced.join(' ')
      nextTick(() => {
        linkErrorsToFields()
        focusFirstProblem()
      })
    })
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

// The messages no `.error` element on the page shows: the server named a
// field this form does not draw.
export function unplacedMessages(messages: string[], root: ParentNode = document) {
  const shown = new Set([...root.querySelectorAll('.error')].map((e) => e.textContent?.trim()))
  return messages.filter((m) => !shown.has(m.trim()))
}

// Within every `.field` block, the messages shown under it (`.error`) become
// the description of its input; ids a component set itself are kept, and
// messages gone since are dropped (a reference to a missing id is an error).
let errorIds = 0
const OURS = 'field-error-'
export function linkErrorsToFields(root: ParentNode = document) {
  for (const field of root.querySelectorAll<HTMLElement>('.field')) {
    const input = field.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select, [role="combobox"]')
    if (!input) continue
    const ids = [...field.querySelectorAll<HTMLElement>('.error')].map((e) => (e.id ||= `${OURS}${++errorIds}`))
    const own = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && !id.startsWith(OURS) && !ids.includes(id))
    const all = [...own, ...ids]
    if (all.length) input.setAttribute('aria-describedby', all.join(' '))
    else input.removeAttribute('aria-describedby')
  }
}

// The first field marked invalid (PrimeVue's p-invalid, or aria-invalid) in the
// dialog opened last (a form may open over another dialog) or the page, else
// the general message: into view and focused.
export function focusFirstProblem() {
  const dialogs = document.querySelectorAll('.p-dialog')
  const root = dialogs[dialogs.length - 1] ?? document
  const field = root.querySelector<HTMLElement>('.p-invalid, [aria-invalid="true"]')
  const target = field ?? root.querySelector<HTMLElement>('.p-message-error')
  if (!target) return
  target.scrollIntoView({ block: 'center', behavior: 'smooth' })
  const input = target.matches('input, select, textarea') ? target : target.querySelector<HTMLElement>('input, select, textarea')
  input?.focus({ preventScroll: true })
}
