module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'system-tests',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
};
