// The PrimeVue theme: Aura, with the project's teal as the primary colour.
// Aura's own buttons put white on emerald-500 (2.5:1); ГОСТ Р 52872-2019
// (WCAG 2.1, 1.4.3) asks for 4.5:1, so the primary colour is teal-700
// (white on it 5.5:1) and hover/active go darker still.
import Aura from '@primeuix/themes/aura'
import { definePreset } from '@primeuix/themes'

const teal = Object.fromEntries([50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950].map((n) => [n, `{teal.${n}}`]))

export const theme = definePreset(Aura, {
  semantic: {
    primary: teal,
    colorScheme: {
      light: {
        primary: { color: '{primary.700}', contrastColor: '#ffffff', hoverColor: '{primary.800}', activeColor: '{primary.900}' },
        highlight: { background: '{primary.50}', focusBackground: '{primary.100}', color: '{primary.800}', focusColor: '{primary.900}' },
        // Secondary text on the grey of toggles and table headers stays ≥ 4.5:1.
        text: { mutedColor: '{surface.600}' },
      },
    },
  },
  components: {
    // White figures on coloured badges (the red «просрочено» count): the 700 shades reach 4.5:1.
    badge: {
      colorScheme: {
        light: {
          success: { background: '{green.700}' },
          info: { background: '{sky.700}' },
          warn: { background: '{orange.700}' },
          danger: { background: '{red.700}' },
        },
      },
    },
    togglebutton: { colorScheme: { light: { root: { color: '{surface.600}' } } } },
  },
})
