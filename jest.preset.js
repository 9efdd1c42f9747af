// Shared jest settings: TypeScript through ts-jest (transpile only; `npm run typecheck` checks
// types), and the workspace path aliases.
const path = require('node:path');
const root = __dirname;
module.exports = {
  testEnvironment: 'node',
  setupFilesAfterEnv: [path.join(root, 'jest.setup.js')],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(root, 'tsconfig.base.json'), diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@civil/platform/tracing$': path.join(root, 'libs/platform/src/tracing/tracing.bootstrap.ts'),
    '^@civil/(kernel|contracts|messaging|persistence|platform|testing)$': path.join(root, 'libs/$1/src/index.ts'),
    '^@civil/(institution-monitoring|social-relief|funeral-operations|supervision|event-lineage)$': path.join(
      root,
      'services/$1/src/index.ts',
    ),
  },
};
