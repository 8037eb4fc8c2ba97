// A yes/no choice of the reader kept in the browser (not in the account: it
// is how this person reads on this device), e.g. the low-vision version or
// showing codes. Private mode refuses storage: the choice then holds for the visit.
import { ref, watch, type Ref } from 'vue'

export function storedFlag(key: string): Ref<boolean> {
  let initial = false
  try {
    initial = localStorage.getItem(key) === '1'
  } catch {
    // no storage: off
  }
  const flag = ref(initial)
  watch(flag, (on) => {
    try {
      localStorage.setItem(key, on ? '1' : '0')
    } catch {
      // no storage: the choice holds for this visit
    }
  })
  return flag
}
