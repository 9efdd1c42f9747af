module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'social-relief',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
};
