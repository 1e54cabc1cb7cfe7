// The weapp smoke suite: the BUILT mini-program (dist/weapp) rendered by miniprogram-simulate
// with the official WXML compiler. Its own config, so plain `npm test` (which has no build)
// never runs it; `npm run test:weapp` builds dist/weapp when stale, then runs this.
const path = require('path');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'weapp',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  // The built bundles are plain ES5/CommonJS as WeChat runs them: no transform.
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper: { '^@core/(.*)$': '<rootDir>/cloudfunctions/core/$1' },
  testTimeout: 30000,
};
