// Whether lists show registry codes (components/ShowCodes.vue): off unless asked.
import { ref, watch } from 'vue'

const KEY = 'metodist.showCodes'

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === '1'
  } catch {
    return false
  }
}

export const showCodes = ref(stored())
watch(showCodes, (on) => {
  try {
    localStorage.setItem(KEY, on ? '1' : '0')
  } catch {
    // private mode: the choice holds for this visit
  }
})
