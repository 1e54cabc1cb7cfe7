// Two worlds: the domain core, cloud functions and local cloud run in node; pages and
// components run in jsdom with small module mocks for the Taro platform packages.
const shared = {
  transform: { '^.+\\.[jt]sx?$': 'babel-jest', '^.+\\.mjs$': 'babel-jest' },
  moduleNameMapper: { '^@core/(.*)$': '<rootDir>/cloudfunctions/core/$1' },
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/{core,cloud,devcloud,scripts,logs}/**/*.test.ts'],
      // Fails any test file whose run wrote personal data to the console (tests/logs/log.guard.ts).
      setupFilesAfterEnv: ['<rootDir>/tests/logs/log.guard.ts'],
    },
    {
      ...shared,
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/src/**/*.test.tsx', '<rootDir>/tests/src/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/src/setup.ts'],
      moduleNameMapper: {
        ...shared.moduleNameMapper,
        '^@tarojs/components$': '<rootDir>/tests/src/mocks/taro-components.tsx',
        '^@tarojs/taro$': '<rootDir>/tests/src/mocks/taro.ts',
        '\\.(css|scss)$': '<rootDir>/tests/src/mocks/style.ts',
      },
      // ECharts and zrender ship ES modules: transformed like taro-ui (the report subpackage's charts).
      transformIgnorePatterns: ['/node_modules/(?!(taro-ui|echarts|zrender)/)'],
    },
  ],
};
