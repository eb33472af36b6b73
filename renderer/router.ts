import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

/** One entry per side-navigation item; `navKey` is the i18n key of its label. */
export const navRoutes = [
  {
    path: '/massMessages',
    name: 'massMessages',
    component: () => import('./views/massMessages/MassMessagesPage.vue'),
    meta: { navKey: 'nav.massMessages', icon: 'Promotion' },
    /** Drafts and sending, the composer, and the sent messages with their details. */
    children: [
      { path: '', name: 'massMessages-home', component: () => import('./views/massMessages/MassMessagesHome.vue') },
      {
        path: 'compose/:id?',
        name: 'massMessages-compose',
        component: () => import('./views/massMessages/drafts/ComposePage.vue'),
      },
      {
        path: 'history',
        name: 'massMessages-history',
        component: () => import('./views/massMessages/history/HistoryPage.vue'),
      },
      {
        path: 'history/:msgid',
        name: 'massMessages-history-detail',
        component: () => import('./views/massMessages/history/HistoryDetailPage.vue'),
      },
    ],
  },
  {
    path: '/moments',
    name: 'moments',
    component: () => import('./views/moments/MomentsPage.vue'),
    meta: { navKey: 'nav.moments', icon: 'PictureRounded' },
    /** The cached list and a moment's detail; drafts, the composer and publishing. */
    children: [
      { path: '', name: 'moments-home', component: () => import('./views/moments/browse/MomentsListPage.vue') },
      {
        path: 'detail/:momentId',
        name: 'moments-detail',
        component: () => import('./views/moments/detail/MomentDetailPage.vue'),
      },
      { path: 'drafts', name: 'moments-drafts', component: () => import('./views/moments/publish/DraftsPage.vue') },
      {
        path: 'compose/:id?',
        name: 'moments-compose',
        component: () => import('./views/moments/publish/ComposePage.vue'),
      },
    ],
  },
  {
    path: '/welcomeTemplates',
    name: 'welcomeTemplates',
    component: () => import('./views/welcomeTemplates/WelcomeTemplatesPage.vue'),
    meta: { navKey: 'nav.welcomeTemplates', icon: 'ChatDotRound' },
  },
  {
    path: '/statistics',
    name: 'statistics',
    component: () => import('./views/statistics/StatisticsPage.vue'),
    meta: { navKey: 'nav.statistics', icon: 'DataLine' },
    /** 联系客户统计 (with one member's page) and 群聊数据统计; ECharts loads with these chunks only. */
    children: [
      {
        path: '',
        name: 'statistics-contacts',
        component: () => import('./views/statistics/ContactsDashboard.vue'),
      },
      {
        path: 'groups',
        name: 'statistics-groups',
        component: () => import('./views/statistics/GroupsDashboard.vue'),
      },
      {
        path: 'members/:userid',
        name: 'statistics-member',
        component: () => import('./views/statistics/MemberPage.vue'),
      },
    ],
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
    name: 'customers-tags',
    component: () => import('./views/customers/tags/TagsPage.vue'),
    meta: { area: 'customers' },
  },
  {
    path: '/customers/groups',
    name: 'customers-groups',
    component: () => import('./views/customers/groups/GroupsPage.vue'),
    meta: { area: 'customers' },
  },
] satisfies RouteRecordRaw[]

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/massMessages' },
    ...navRoutes,
    ...customerTabRoutes,
    { path: '/:rest(.*)*', redirect: '/massMessages' },
  ],
})
