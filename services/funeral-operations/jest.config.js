module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'funeral-operations',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
};
