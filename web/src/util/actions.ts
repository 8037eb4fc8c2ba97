// A card's one-click actions (register, join, leave…): run, say so, reload;
// a failure shows as the card's error message instead.
import { ref } from 'vue'
import { useToast } from 'primevue/usetoast'
import { errorText } from './errors'

export function useActions(reload: () => Promise<void>) {
  const toast = useToast()
  const error = ref('')
  async function act(action: () => Promise<unknown>, done?: string) {
    error.value = ''
    try {
      await action()
      if (done) toast.add({ severity: 'success', summary: done, life: 3000 })
      await reload()
    } catch (e) {
      error.value = errorText(e)
    }
  }
  return { error, act }
}
