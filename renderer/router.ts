import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

/** One entry per side-navigation item; `navKey` is the i18n key of its label. */
export const navRoutes = [
  {
    path: '/campaigns',
    name: 'campaigns',
    component: () => import('./views/campaigns/CampaignsPage.vue'),
    meta: { navKey: 'nav.campaigns', icon: 'Promotion' },
  },
  {
    path: '/moments',
    name: 'moments',
    component: () => import('./views/moments/MomentsPage.vue'),
    meta: { navKey: 'nav.moments', icon: 'PictureRounded' },
  },
  {
    path: '/welcome',
    name: 'welcome',
    component: () => import('./views/welcome/WelcomePage.vue'),
    meta: { navKey: 'nav.welcome', icon: 'ChatDotRound' },
  },
  {
    path: '/statistics',
    name: 'statistics',
    component: () => import('./views/statistics/StatisticsPage.vue'),
    meta: { navKey: 'nav.statistics', icon: 'DataLine' },
  },
  {
    path: '/customers',
    name: 'customers',
    component: () => import('./views/customers/CustomersPage.vue'),
    meta: { navKey: 'nav.customers', icon: 'User' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('./views/settings/SettingsPage.vue'),
    meta: { navKey: 'nav.settings', icon: 'Setting' },
  },
] satisfies RouteRecordRaw[]

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [{ path: '/', redirect: '/campaigns' }, ...navRoutes, { path: '/:rest(.*)*', redirect: '/campaigns' }],
})
