import nx from '@nx/eslint-plugin';

/**
 * Lint rules that keep the architecture honest:
 * - services never import each other; they read other contexts only through libs/contracts;
 * - libraries never import services; contracts and the kernel import no framework;
 * - domain folders import no framework, database or broker code.
 */
export default [
  { ignores: ['**/dist', '**/node_modules', '**/.nx', '**/.local', '**/coverage', 'docs/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // system tests and benchmarks drive the services through their index (see below for services)
          allow: [
            '@civil/platform/tracing',
            '@civil/institution-monitoring',
            '@civil/social-relief',
            '@civil/funeral-operations',
            '@civil/supervision',
            '@civil/event-lineage',
          ],
          depConstraints: [
            { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:kernel'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:kernel'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:kernel'] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:kernel', 'type:testing'] },
            {
              sourceTag: 'type:system-test',
              onlyDependOnLibsWithTags: ['type:service', 'type:lib', 'type:contracts', 'type:kernel', 'type:testing'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name=/^(only|skip)$/]',
          message: 'no focused or skipped tests',
        },
      ],
    },
  },
  {
    // the allow-list above is for test/; a service never imports another service
    files: ['services/**/*.ts', 'libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@civil/institution-monitoring',
                '@civil/social-relief',
                '@civil/funeral-operations',
                '@civil/supervision',
                '@civil/event-lineage',
              ],
              message: 'services talk through Kafka events, never by import',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'mongoose', 'mongodb', 'kafkajs', '@opentelemetry/*', 'class-validator', 'class-transformer'],
              message: 'domain code imports no framework, database or broker',
            },
            {
              group: ['@civil/messaging', '@civil/persistence', '@civil/platform', '@civil/platform/*'],
              message: 'domain code depends only on @civil/kernel and contract types',
            },
            {
              group: ['**/application/**', '**/infrastructure/**', '**/interface/**'],
              message: 'domain code does not reach into outer layers',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/kernel/**/*.ts', 'libs/contracts/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', 'mongoose', 'mongodb', 'kafkajs'], message: 'kernel and contracts stay framework-free' }] },
      ],
    },
  },
];
