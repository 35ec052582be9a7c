/** Every test file talks to the real test database that globalSetup starts (test/helpers/global-setup.ts). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '/node_modules/(openid-client|oauth4webapi|jose)/.+\\.js$': '<rootDir>/test/helpers/esm-transform.js',
    // the console's page logic: a browser ES module, imported by test/console/ as it is served
    '/src/console/console-page/.+\\.js$': '<rootDir>/test/helpers/esm-transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  testTimeout: 30000,
};
