// The main package holds only the four tab pages (WeChat limits it to 2 MB); every domain is a subpackage.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/events/index', 'pages/inbox/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'packages/account',
      pages: ['pages/login/index'],
    },
    {
      root: 'packages/binding',
      pages: ['pages/bind/index', 'pages/review/index'],
    },
    {
      root: 'packages/profile',
      pages: ['pages/edit/index', 'pages/privacy/index'],
    },
    {
      root: 'packages/staff',
      pages: ['pages/reviews/index', 'pages/roster/index'],
    },
    {
      root: 'packages/jobs',
      pages: ['pages/detail/index', 'pages/search/index', 'pages/company/index'],
    },
    {
      root: 'packages/career',
      pages: ['pages/index/index', 'pages/intention/index', 'pages/pushes/index'],
    },
    {
      root: 'packages/resume',
      pages: ['pages/list/index', 'pages/edit/index', 'pages/preview/index'],
    },
    {
      root: 'packages/employer',
      pages: [
        'pages/company/index',
        'pages/jobs/index',
        'pages/job-edit/index',
        'pages/applications/index',
        'pages/application/index',
        'pages/talent/index',
        'pages/fairs/index',
        'pages/signing/index',
        'pages/signing-invite/index',
        'pages/signing-termination/index',
      ],
    },
    {
      root: 'packages/events',
      pages: ['pages/detail/index', 'pages/tickets/index', 'pages/ticket/index'],
    },
    {
      root: 'packages/admin',
      pages: ['pages/deliveries/index'],
    },
    {
      root: 'packages/procedures',
      pages: [
        'pages/index/index',
        'pages/source-info/index',
        'pages/correction/index',
        'pages/history/index',
        'pages/recommendation/index',
      ],
    },
    {
      root: 'packages/signing',
      pages: [
        'pages/index/index',
        'pages/invitation/index',
        'pages/agreement/index',
        'pages/offline/index',
        'pages/blank/index',
        'pages/destination/index',
        'pages/destination-request/index',
        'pages/termination/index',
      ],
    },
    {
      root: 'packages/review',
      pages: ['pages/index/index', 'pages/detail/index', 'pages/terminations/index'],
    },
    {
      // the public verification page of an agreement's QR code: no login
      root: 'packages/verify',
      pages: ['pages/agreement/index'],
    },
    {
      root: 'packages/checkin',
      pages: ['pages/gate/index', 'pages/dashboard/index'],
    },
    {
      root: 'packages/events-admin',
      pages: ['pages/list/index', 'pages/edit/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '校园就业',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#1f6feb',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    // icons drawn by scripts/tabbar-icons.ts in `color`/`selectedColor`; Taro copies them into the main
    // package (weapp) and into static/images (H5)
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/events/index',
        text: '活动',
        iconPath: 'assets/tabbar/events.png',
        selectedIconPath: 'assets/tabbar/events-active.png',
      },
      {
        pagePath: 'pages/inbox/index',
        text: '消息',
        iconPath: 'assets/tabbar/inbox.png',
        selectedIconPath: 'assets/tabbar/inbox-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
})
