import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

/** One entry per side-navigation item; `navKey` is the i18n key of its label. */
export const navRoutes = [
  {
    path: '/campaigns',
    name: 'campaigns',
    component: () => import('./views/campaigns/CampaignsPage.vue'),
    meta: { navKey: 'nav.campaigns', icon: 'Promotion' },
    /** Drafts and sending, the composer, and the sent messages with their details. */
    children: [
      { path: '', name: 'campaigns-home', component: () => import('./views/campaigns/CampaignsHome.vue') },
      {
        path: 'compose/:id?',
        name: 'campaigns-compose',
        component: () => import('./views/campaigns/ComposePage.vue'),
      },
      { path: 'history', name: 'campaigns-history', component: () => import('./views/campaigns/HistoryPage.vue') },
      {
        path: 'history/:msgid',
        name: 'campaigns-history-detail',
        component: () => import('./views/campaigns/HistoryDetailPage.vue'),
      },
    ],
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

/** Tabs of the Customers area beside the customer list (not nav items of their own). */
const customerTabRoutes = [
  {
    path: '/customers/tags',
    name: 'customer-tags',
    component: () => import('./views/tags/TagsPage.vue'),
    meta: { area: 'customers' },
  },
  {
    path: '/customers/groups',
    name: 'customer-groups',
    component: () => import('./views/groups/GroupsPage.vue'),
    meta: { area: 'customers' },
  },
] satisfies RouteRecordRaw[]

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/campaigns' },
    ...navRoutes,
    ...customerTabRoutes,
    { path: '/:rest(.*)*', redirect: '/campaigns' },
  ],
})
