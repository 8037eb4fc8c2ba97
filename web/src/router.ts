import { createRouter, createWebHistory } from 'vue-router'
import StartPage from './views/StartPage.vue'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'home', component: StartPage },
    { path: '/organisations', name: 'organisations', component: () => import('./views/OrganisationsPage.vue') },
    { path: '/organisations/:id(\\d+)', name: 'organisation', component: () => import('./views/OrganisationCard.vue') },
    { path: '/territories', name: 'territories', component: () => import('./views/TerritoriesPage.vue') },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFound.vue') },
  ],
})
