// «Версия для слабовидящих»: larger type, high contrast, no images — the
// switch visitors of Russian public sites expect (ГОСТ Р 52872-2019 asks for
// readable text and contrast; the switch goes further for those who need it).
// Kept in the browser, like the language: it is a way of reading, not data.
import { watch } from 'vue'
import { storedFlag } from './storedFlag'

export const lowVision = storedFlag('metodist.lowVision')

function apply(on: boolean) {
  if (typeof document !== 'undefined') document.documentElement.classList.toggle('low-vision', on)
}
watch(lowVision, apply, { immediate: true })

export function setLowVision(on: boolean) {
  lowVision.value = on
}
