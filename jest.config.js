/** Jest through @swc/jest: it also transforms the ESM-only @nestjs/* packages (docs/architecture.md "Toolchain notes"). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const libs = ['domain', 'common', 'database', 'auth', 'audit', 'organizations', 'residents', 'contracts', 'sickbeds', 'referrals', 'reporting', 'schema', 'notifications'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/tests', '<rootDir>/apps'],
  testRegex: '.*\\.(spec|e2e-spec|web-spec)\\.ts$',
  // the browser tests (tests/web) drive the built web app: built here once when missing or stale
  globalSetup: '<rootDir>/tests/web/build-web-once.js',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|peek-readable|cookie|content-disposition|parse-json|index-to-position|type-fest|@babel/code-frame|supports-color|change-case)/).*/node_modules/',
  ],
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((l) => [`^@countycare/${l}$`, `<rootDir>/libs/${l}/src`])),
    // loaded first by both apps, apart from the lib's index (libs/common/src/tracing.ts)
    '^@countycare/common/tracing$': '<rootDir>/libs/common/src/tracing',
  },
  testTimeout: 60_000,
  maxWorkers: 2,
};
