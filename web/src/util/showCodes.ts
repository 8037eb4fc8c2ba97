// Whether lists show registry codes (components/ShowCodes.vue): off unless asked.
import { storedFlag } from './storedFlag'

export const showCodes = storedFlag('metodist.showCodes')
