// Every project's tests in one run (`npm test` calls this through test/run-all.sh).
module.exports = {
  projects: [
    '<rootDir>/libs/kernel',
    '<rootDir>/libs/contracts',
    '<rootDir>/libs/messaging',
    '<rootDir>/libs/persistence',
    '<rootDir>/libs/platform',
    '<rootDir>/libs/testing',
    '<rootDir>/services/institution-monitoring',
    '<rootDir>/services/social-relief',
    '<rootDir>/services/funeral-operations',
    '<rootDir>/services/supervision',
    '<rootDir>/services/event-lineage',
    '<rootDir>/test',
  ],
};
