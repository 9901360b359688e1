import { defineConfig } from 'vitest/config';

// Unit tests, type tests and (in their own project, under --expose-gc) the garbage-collection tests.
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'docs/test/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.gc.test.ts', '**/node_modules/**'],
          typecheck: {
            enabled: true,
            include: ['packages/*/test/**/*.test-d.ts'],
            tsconfig: './tsconfig.test.json',
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'gc',
          include: ['packages/*/test/**/*.gc.test.ts'],
          pool: 'forks',
          execArgv: ['--expose-gc'],
        },
      },
    ],
  },
});
