import { createApp } from 'vue'
import PrimeVue from 'primevue/config'
import ToastService from 'primevue/toastservice'
import { theme } from './theme'
import 'primeicons/primeicons.css'
import './style.css'
import App from './App.vue'
import { router } from './router'
import { primevueRu } from './i18n/primevue-ru'

createApp(App)
  .use(router)
  .use(PrimeVue, { theme: { preset: theme, options: { darkModeSelector: false } }, locale: primevueRu })
  .use(ToastService)
  .mount('#app')
