/** Tests run against the TypeScript sources through ts-jest; the CLI tests spawn the built bin (npm test builds first). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testTimeout: 60000,
  maxWorkers: 2,
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // The package's own names, for test/testing/example-user.test.ts (the file docs/testing.md shows users).
  moduleNameMapper: {
    '^cdktf-mail-dns$': '<rootDir>/lib/index.ts',
    '^cdktf-mail-dns/testing$': '<rootDir>/lib/testing/index.ts',
    '^cdktf-mail-dns/testing/jest$': '<rootDir>/lib/testing/jest.ts',
  },
};
