// «Версия для слабовидящих»: larger type, high contrast, no images — the
// switch visitors of Russian public sites expect (ГОСТ Р 52872-2019 asks for
// readable text and contrast; the switch goes further for those who need it).
// Kept in the browser, like the language: it is a way of reading, not data.
import { ref } from 'vue'

const KEY = 'metodist.lowVision'

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === '1'
  } catch {
    return false
  }
}

export const lowVision = ref(stored())

function apply(on: boolean) {
  if (typeof document !== 'undefined') document.documentElement.classList.toggle('low-vision', on)
}
apply(lowVision.value)

export function setLowVision(on: boolean) {
  lowVision.value = on
  apply(on)
  try {
    localStorage.setItem(KEY, on ? '1' : '0')
  } catch {
    // private mode: the switch holds for this visit
  }
}
