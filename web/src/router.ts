import { createRouter, createWebHistory } from 'vue-router'
import { ensureSession, sessionLost } from './auth'
import { setUnauthorizedHandler } from './api/client'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./views/LoginPage.vue'), meta: { public: true } },
    {
      path: '/password-reset',
      name: 'password-reset',
      component: () => import('./views/PasswordResetPage.vue'),
      meta: { public: true },
    },
    { path: '/', name: 'home', component: () => import('./views/StartPage.vue') },
    {
      path: '/organisations',
      name: 'organisations',
      component: () => import('./views/OrganisationsPage.vue'),
      meta: { section: 'organisations' },
    },
    {
      path: '/organisations/:id(\\d+)',
      name: 'organisation',
      component: () => import('./views/OrganisationCard.vue'),
      meta: { section: 'organisations' },
    },
    { path: '/persons', name: 'persons', component: () => import('./views/PersonsPage.vue'), meta: { section: 'persons' } },
    { path: '/persons/:id(\\d+)', name: 'person', component: () => import('./views/PersonCard.vue'), meta: { section: 'persons' } },
    { path: '/import', name: 'import', component: () => import('./views/ImportPage.vue'), meta: { section: 'import' } },
    {
      path: '/data-quality',
      name: 'data-quality',
      component: () => import('./views/DataQualityPage.vue'),
      meta: { section: 'data_quality' },
    },
    { path: '/programs', name: 'programs', component: () => import('./views/ProgramsPage.vue'), meta: { section: 'programs' } },
    { path: '/programs/:id(\\d+)', name: 'program', component: () => import('./views/ProgramCard.vue'), meta: { section: 'programs' } },
    { path: '/events', name: 'events', component: () => import('./views/EventsPage.vue'), meta: { section: 'events' } },
    { path: '/events/:id(\\d+)', name: 'event', component: () => import('./views/EventCard.vue'), meta: { section: 'events' } },
    { path: '/mentoring', name: 'mentoring', component: () => import('./views/MentoringPage.vue'), meta: { section: 'mentoring' } },
    {
      path: '/mentoring/:id(\\d+)',
      name: 'mentoring-program',
      component: () => import('./views/MentoringProgramCard.vue'),
      meta: { section: 'mentoring' },
    },
    { path: '/communities', name: 'communities', component: () => import('./views/CommunitiesPage.vue'), meta: { section: 'communities' } },
    {
      path: '/communities/:id(\\d+)',
      name: 'community',
      component: () => import('./views/CommunityCard.vue'),
      meta: { section: 'communities' },
    },
    { path: '/help', name: 'help', component: () => import('./views/HelpPage.vue'), meta: { section: 'help' } },
    { path: '/help/:id(\\d+)', name: 'help-request', component: () => import('./views/HelpRequestCard.vue'), meta: { section: 'help' } },
    { path: '/active', name: 'active', component: () => import('./views/ActivePage.vue'), meta: { section: 'active' } },
    {
      path: '/active/selections/:id(\\d+)',
      name: 'selection',
      component: () => import('./views/SelectionCard.vue'),
      meta: { section: 'active' },
    },
    { path: '/support', name: 'support', component: () => import('./views/SupportPage.vue'), meta: { section: 'support' } },
    { path: '/cabinet', name: 'cabinet', component: () => import('./views/CabinetPage.vue'), meta: { section: 'cabinet' } },
    { path: '/roadmaps', name: 'roadmaps', component: () => import('./views/RoadmapsPage.vue'), meta: { section: 'roadmaps' } },
    { path: '/roadmaps/:id(\\d+)', name: 'roadmap', component: () => import('./views/RoadmapCard.vue'), meta: { section: 'roadmaps' } },
    { path: '/library', name: 'library', component: () => import('./views/LibraryPage.vue'), meta: { section: 'library' } },
    { path: '/library/:id(\\d+)', name: 'document', component: () => import('./views/DocumentCard.vue'), meta: { section: 'library' } },
    { path: '/practices', name: 'practices', component: () => import('./views/PracticesPage.vue'), meta: { section: 'practices' } },
    { path: '/practices/:id(\\d+)', name: 'practice', component: () => import('./views/PracticeCard.vue'), meta: { section: 'practices' } },
    { path: '/notifications', name: 'notifications', component: () => import('./views/NotificationsPage.vue') },
    { path: '/diagnostics', name: 'diagnostics', component: () => import('./views/DiagnosticsPage.vue'), meta: { section: 'diagnostics' } },
    { path: '/monitoring', name: 'monitoring', component: () => import('./views/MonitoringPage.vue'), meta: { section: 'monitoring' } },
    {
      path: '/monitoring/campaigns',
      name: 'monitoring-campaigns',
      component: () => import('./views/MonitoringCampaignsPage.vue'),
      meta: { section: 'monitoring' },
    },
    {
      path: '/monitoring/campaigns/:id(\\d+)',
      name: 'monitoring-campaign',
      component: () => import('./views/MonitoringCampaignCard.vue'),
      meta: { section: 'monitoring' },
    },
    { path: '/territories', name: 'territories', component: () => import('./views/TerritoriesPage.vue'), meta: { section: 'territories' } },
    { path: '/profile', name: 'profile', component: () => import('./views/ProfilePage.vue') },
    { path: '/admin/accounts', name: 'accounts', component: () => import('./views/AccountsPage.vue'), meta: { section: 'accounts' } },
    { path: '/admin/audit', name: 'audit', component: () => import('./views/AuditPage.vue'), meta: { section: 'audit' } },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFound.vue') },
  ],
})

// A page's section (domain/sections on the server): the menu offers the
// sections the signed-in user works in, and a page of another one, typed by
// hand, shows «нет доступа» (App.vue) instead of buttons that would fail.
declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    section?: string
  }
}

// Every page but the login page needs a session; where one is missing, the
// login page opens and brings the user back afterwards.
router.beforeEach(async (to) => {
  if (to.meta.public) return true
  // The page's code downloads while the session is checked, not after it
  // (on a slow link that is one round trip less; import() loads once).
  for (const record of to.matched) {
    const page = record.components?.default
    if (typeof page === 'function') (page as () => Promise<unknown>)().catch(() => undefined)
  }
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
