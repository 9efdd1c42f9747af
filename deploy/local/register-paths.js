// Resolves the workspace's @civil/* imports inside the compiled tree (dist/) at run time.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const dist = path.resolve(__dirname, '../../dist');
tsconfigPaths.register({
  baseUrl: dist,
  paths: {
    '@civil/kernel': ['libs/kernel/src/index.js'],
    '@civil/contracts': ['libs/contracts/src/index.js'],
    '@civil/messaging': ['libs/messaging/src/index.js'],
    '@civil/persistence': ['libs/persistence/src/index.js'],
    '@civil/testing': ['libs/testing/src/index.js'],
    '@civil/institution-monitoring': ['services/institution-monitoring/src/index.js'],
    '@civil/social-relief': ['services/social-relief/src/index.js'],
    '@civil/funeral-operations': ['services/funeral-operations/src/index.js'],
    '@civil/supervision': ['services/supervision/src/index.js'],
    '@civil/event-lineage': ['services/event-lineage/src/index.js'],
    '@civil/platform': ['libs/platform/src/index.js'],
    '@civil/platform/tracing': ['libs/platform/src/tracing/tracing.bootstrap.js'],
  },
});
