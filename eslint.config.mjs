// @ts-check
import tseslint from 'typescript-eslint';
import angular from 'angular-eslint';
import boundaries from 'eslint-plugin-boundaries';
import prettier from 'eslint-config-prettier';

/**
 * One lint for the workspace: typescript-eslint with type information (promises that are never awaited are errors),
 * angular-eslint on the dashboard and its templates, and the layers of the backend as a boundary rule:
 * database/ and config/ at the bottom, then common/, then the features; nothing below imports anything above it.
 */
export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.nx/**',
      'frontend/src/app/core/api/api-types.ts',
      'docs/**',
      'tmp/**',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['frontend/src/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'app', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'app', style: 'camelCase' }],
    },
  },
  {
    files: ['frontend/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
  {
    files: ['backend/src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.js'] } },
      'boundaries/elements': [
        { type: 'config', pattern: 'backend/src/config/**', partialMatch: false },
        { type: 'database', pattern: 'backend/src/database/**', partialMatch: false },
        { type: 'common', pattern: 'backend/src/common/**', partialMatch: false },
        { type: 'demo', pattern: 'backend/src/demo/**', partialMatch: false },
        { type: 'app', pattern: 'backend/src/*.ts', partialMatch: false },
        { type: 'cli', pattern: 'backend/src/cli/**', partialMatch: false },
        { type: 'feature', pattern: 'backend/src/*', capture: ['name'] },
      ],
      'boundaries/files': [
        { category: 'repository', pattern: '**/*.repository.ts' },
        { category: 'entity', pattern: '**/*.entity.ts' },
        { category: 'source', pattern: '**/*.ts' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              from: { element: { type: 'config' } },
              disallow: { to: { element: { types: { anyOf: ['database', 'common', 'demo', 'app', 'feature'] } } } },
            },
            {
              from: { element: { type: 'database' } },
              disallow: { to: { element: { types: { anyOf: ['common', 'demo', 'app', 'feature'] } } } },
            },
            {
              from: { element: { type: 'common' } },
              disallow: { to: { element: { types: { anyOf: ['demo', 'app', 'feature'] } } } },
            },
            {
              from: { element: { type: 'feature' } },
              disallow: { to: { element: { types: { anyOf: ['demo', 'app'] } } } },
            },
            // A feature reads another feature's tables only through that feature's service: never its repository.
            {
              from: { element: { type: 'feature' } },
              disallow: {
                to: {
                  element: { type: 'feature', captured: { name: '!{{ from.element.captured.name }}' } },
                  file: { categories: 'repository' },
                },
              },
            },
            // Another feature's entities are for relations between entities (the schema's foreign keys) only.
            {
              from: { element: { type: 'feature' }, file: { categories: { noneOf: ['entity'] } } },
              disallow: {
                to: {
                  element: { type: 'feature', captured: { name: '!{{ from.element.captured.name }}' } },
                  file: { categories: 'entity' },
                },
              },
            },
          ],
        },
      ],
    },
  },
  prettier,
);
