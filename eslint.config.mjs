import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.tools/',
      '**/.serverless/',
      '**/.esbuild/',
      'coverage/',
      '**/node_modules/',
      'examples/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // TypeScript with type information: no floating promise, no promise where a callback is expected, ...
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    // supertest's res.body is `any` by design: a test reads the answer as the client would, then asserts on it
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // a feature owns its shapes; src/openapi/ only gathers the declarations into the document
    files: ['src/**/*.ts'],
    ignores: ['src/openapi/**', 'src/app.ts'],
    rules: {
      // Prettier breaks code at 120; strings and comments are ours to break
      'max-len': ['error', { code: 120, ignoreRegExpLiterals: true }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/openapi/*'], message: 'src/openapi/ assembles the document; features do not import it' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ignores: ['src/account/account-page/**', 'src/console/console-page/**'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // the account page's and the console's scripts: ES modules that run in the browser
    files: ['src/account/account-page/**/*.js', 'src/console/console-page/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
);
