/**
 * The layering of ARCHITECTURE.md, made mechanical (run by `npm run depcheck` inside `npm test`):
 *   core (cloudfunctions/core)   pure TypeScript: no platform, no Node I/O, no other layer
 *   cloud functions              core + wx-server-sdk, never Taro or the pages
 *   mini-program (src)           core's types and pure helpers + Taro, never wx-server-sdk
 *   local cloud (devcloud)       anything server-side, never the pages or Taro
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'The domain core imports no platform SDK, no Node built-in and no other layer.',
      severity: 'error',
      from: { path: '^cloudfunctions/core/' },
      to: {
        pathNot: '^cloudfunctions/core/',
        path: '^(src|devcloud|scripts|cloudfunctions)/|wx-server-sdk|@tarojs|taro-ui|^node_modules/(libsql|mingo|bson)/',
      },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'The core runs in cloud functions and in the mini-program: no fs, path, crypto, http, ...',
      severity: 'error',
      from: { path: '^cloudfunctions/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'functions-no-taro',
      comment: 'Cloud functions never import Taro, taro-ui, the pages or the local cloud.',
      severity: 'error',
      from: { path: '^cloudfunctions/(?!core/)' },
      to: { path: '^(src|devcloud)/|@tarojs|taro-ui' },
    },
    {
      name: 'miniprogram-no-server',
      comment: 'Pages reach the server through src/services only; they never import wx-server-sdk or cloud code.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(devcloud|scripts)/|^cloudfunctions/(?!core/)|wx-server-sdk|libsql|mingo' },
    },
    {
      name: 'devcloud-no-pages',
      comment: 'The local cloud runs server code only.',
      severity: 'error',
      from: { path: '^devcloud/' },
      to: { path: '^src/|@tarojs|taro-ui' },
    },
    {
      name: 'no-circular-core',
      severity: 'error',
      from: { path: '^cloudfunctions/core/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.data|fixtures)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
