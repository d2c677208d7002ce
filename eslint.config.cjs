// @ts-check
// CommonJS so that tests can load it with require() (jest cannot run ESLint's dynamic import).
const eslint = require('@eslint/js');
const tseslint = require('typescript-eslint');

/**
 * The root of @cdktf/provider-aws (and its `lib` index) eagerly loads all 2,212 resource
 * modules: ~4 s and ~550 MB before any code runs. Import each resource from its own path,
 * e.g. `@cdktf/provider-aws/lib/iam-role`.
 */
const PROVIDER_ROOTS = [
  '@cdktf/provider-aws',
  '@cdktf/provider-aws/lib',
  '@cdktf/provider-aws/lib/index',
];
const DEEP_IMPORT_MESSAGE =
  'Deep imports only: import from `@cdktf/provider-aws/lib/<resource>` (the root import costs ~4 s and ~550 MB).';

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'cdktf.out/',
      'cdktf.out.hcl/',
      'coverage/',
      '.gen/',
      // cdktf-cli's project template, verbatim (test/readme-example.integration.test.ts).
      'test/fixtures/cdktf-init-typescript/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: PROVIDER_ROOTS.map((name) => ({ name, message: DEEP_IMPORT_MESSAGE })) },
      ],
      'no-restricted-syntax': [
        'error',
        ...PROVIDER_ROOTS.flatMap((name) => [
          { selector: `ImportExpression[source.value='${name}']`, message: DEEP_IMPORT_MESSAGE },
          {
            selector: `CallExpression[callee.name='require'][arguments.0.value='${name}']`,
            message: DEEP_IMPORT_MESSAGE,
          },
        ]),
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
