// The main package holds only the landing page; every role's area is a subpackage so the
// main package stays far below WeChat's 2 MB as areas (reports, charts) grow.
export default defineAppConfig({
  pages: ['pages/index/index'],
  subPackages: [
    { root: 'packages/supervisor', pages: ['alerts/index', 'live/index', 'templates/index', 'gaps/index'] },
    { root: 'packages/session', pages: ['detail/index'] },
    { root: 'packages/agent', pages: ['home/index', 'desk/index', 'chat/index', 'training/index'] },
    { root: 'packages/inspector', pages: ['home/index'] },
    { root: 'packages/admin', pages: ['home/index'] },
    { root: 'packages/review', pages: ['index/index'] },
    { root: 'packages/appeal', pages: ['result/index', 'list/index', 'decide/index'] },
    { root: 'packages/calibration', pages: ['rounds/index', 'round/index', 'cases/index', 'precision/index'] },
    // Sampling plans (issue 13, plans)
    { root: 'packages/sampling', pages: ['plans/index', 'plan/index'] },
    // The admins' settings (issue 14): one subpackage for the settings home, scorecards, the
    // back-test and everything else an admin configures
    {
      root: 'packages/settings',
      pages: [
        'index/index',
        'scorecards/index',
        'scorecard/index',
        'backtest/index',
        'alerts/index',
        'examples/index',
        'users/index',
        'teams/index',
        'sources/index',
        'deadletters/index',
        'audit/index',
        'general/index',
        'privacy/index',
        // Knowledge base and training (issue 16, kb)
        'knowledge/index',
        'training/index',
      ],
    },
    // Reports (issue 15): the only subpackage that imports ECharts
    // Rectification notices (issue 16, agent-notices): one notice, issuing one, the list
    { root: 'packages/rectification', pages: ['detail/index', 'create/index', 'list/index'] },
    {
      root: 'packages/reports',
      pages: [
        'overview/index',
        'sessions/index',
        'ranking/index',
        'periodic/index',
        'topics/index',
        'drivers/index',
        'insight-sessions/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '客服质检',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
  },
});
