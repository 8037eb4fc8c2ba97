import { createRouter, createWebHistory } from 'vue-router'
import StartPage from './views/StartPage.vue'
import { ensureSession, sessionLost } from './auth'
import { setUnauthorizedHandler } from './api/client'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./views/LoginPage.vue'), meta: { public: true } },
    { path: '/', name: 'home', component: StartPage },
    { path: '/organisations', name: 'organisations', component: () => import('./views/OrganisationsPage.vue') },
    { path: '/organisations/:id(\\d+)', name: 'organisation', component: () => import('./views/OrganisationCard.vue') },
    { path: '/persons', name: 'persons', component: () => import('./views/PersonsPage.vue') },
    { path: '/persons/:id(\\d+)', name: 'person', component: () => import('./views/PersonCard.vue') },
    { path: '/import', name: 'import', component: () => import('./views/ImportPage.vue') },
    { path: '/programs', name: 'programs', component: () => import('./views/ProgramsPage.vue') },
    { path: '/programs/:id(\\d+)', name: 'program', component: () => import('./views/ProgramCard.vue') },
    { path: '/events', name: 'events', component: () => import('./views/EventsPage.vue') },
    { path: '/events/:id(\\d+)', name: 'event', component: () => import('./views/EventCard.vue') },
    { path: '/mentoring', name: 'mentoring', component: () => import('./views/MentoringPage.vue') },
    { path: '/mentoring/:id(\\d+)', name: 'mentoring-program', component: () => import('./views/MentoringProgramCard.vue') },
    { path: '/communities', name: 'communities', component: () => import('./views/CommunitiesPage.vue') },
    { path: '/communities/:id(\\d+)', name: 'community', component: () => import('./views/CommunityCard.vue') },
    { path: '/help', name: 'help', component: () => import('./views/HelpPage.vue') },
    { path: '/help/:id(\\d+)', name: 'help-request', component: () => import('./views/HelpRequestCard.vue') },
    { path: '/active', name: 'active', component: () => import('./views/ActivePage.vue') },
    { path: '/active/selections/:id(\\d+)', name: 'selection', component: () => import('./views/SelectionCard.vue') },
    { path: '/support', name: 'support', component: () => import('./views/SupportPage.vue') },
    { path: '/cabinet', name: 'cabinet', component: () => import('./views/CabinetPage.vue') },
    { path: '/roadmaps', name: 'roadmaps', component: () => import('./views/RoadmapsPage.vue') },
    { path: '/roadmaps/:id(\\d+)', name: 'roadmap', component: () => import('./views/RoadmapCard.vue') },
    { path: '/library', name: 'library', component: () => import('./views/LibraryPage.vue') },
    { path: '/library/:id(\\d+)', name: 'document', component: () => import('./views/DocumentCard.vue') },
    { path: '/practices', name: 'practices', component: () => import('./views/PracticesPage.vue') },
    { path: '/practices/:id(\\d+)', name: 'practice', component: () => import('./views/PracticeCard.vue') },
    { path: '/notifications', name: 'notifications', component: () => import('./views/NotificationsPage.vue') },
    { path: '/diagnostics', name: 'diagnostics', component: () => import('./views/DiagnosticsPage.vue') },
    { path: '/monitoring', name: 'monitoring', component: () => import('./views/MonitoringPage.vue') },
    { path: '/monitoring/campaigns', name: 'monitoring-campaigns', component: () => import('./views/MonitoringCampaignsPage.vue') },
    { path: '/monitoring/campaigns/:id(\\d+)', name: 'monitoring-campaign', component: () => import('./views/MonitoringCampaignCard.vue') },
    { path: '/territories', name: 'territories', component: () => import('./views/TerritoriesPage.vue') },
    { path: '/profile', name: 'profile', component: () => import('./views/ProfilePage.vue') },
    { path: '/admin/accounts', name: 'accounts', component: () => import('./views/AccountsPage.vue') },
    { path: '/admin/audit', name: 'audit', component: () => import('./views/AuditPage.vue') },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFound.vue') },
  ],
})

// Every page but the login page needs a session; where one is missing, the
// login page opens and brings the user back afterwards.
router.beforeEach(async (to) => {
  if (to.meta.public) return true
  try {
    if (await ensureSession()) return true
  } catch {
    return true // server unreachable: let the page show its own error
  }
  return { name: 'login', query: { next: to.fullPath } }
})

setUnauthorizedHandler(() => {
  sessionLost()
  const here = router.currentRoute.value
  if (here.name !== 'login') router.push({ name: 'login', query: { next: here.fullPath } })
})
