// One lint config for the whole repository (flat config). Type-aware rules need each
// project's tsconfig; the module-boundary rule keeps the dependency graph honest.
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const FRAMEWORKS = [
  '@nestjs/*',
  'typeorm',
  'pg',
  '@electric-sql/*',
  'express',
  'react',
  'react-dom',
  'react-router',
  'socket.io',
  'socket.io-client',
  'nestjs-pino',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', '**/coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs', '**/vite.config.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Mention text is attacker-controlled: render it as text.' },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: FRAMEWORKS },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg', '@electric-sql/*', 'express', 'nestjs-pino', 'socket.io'],
            },
            { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['scope:shared', 'scope:api', 'scope:web', 'scope:tooling'] },
          ],
        },
      ],
    },
  },
  {
    // The api's integration tests may use tooling (the social simulator) as a test peer.
    files: ['apps/api/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [{ sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tooling'] }],
        },
      ],
    },
  },
  {
    // Nest's DI reads constructor parameter types at run time: those imports must stay values.
    files: ['apps/api/src/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // SQL lives in repositories (issue 12): services check access and orchestrate, repositories do
    // the I/O. Outside them only the database plumbing, migrations, the health probe and tests.
    files: ['apps/api/src/**/*.ts'],
    ignores: [
      'apps/api/src/**/*.repository.ts',
      'apps/api/src/database/**',
      'apps/api/src/common/db/**',
      'apps/api/src/**/migrations/**',
      'apps/api/src/modules/health/**',
      'apps/api/src/**/*.spec.ts',
      'apps/api/src/**/*.int-spec.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Mention text is attacker-controlled: render it as text.' },
        {
          selector: "CallExpression[callee.property.name='query']",
          message: 'SQL belongs in a *.repository.ts (services check access and orchestrate; repositories do the I/O).',
        },
        {
          selector: "MemberExpression[property.name='createQueryBuilder']",
          message: 'Query builders belong in a *.repository.ts (services check access and orchestrate; repositories do the I/O).',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Small units (issue 12): a longer function says why, `// eslint-disable-next-line max-lines-per-function -- <reason>`.
    files: ['packages/nlp/src/**/*.ts', 'packages/nlp/scripts/**/*.ts', 'apps/social-sim/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.data.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
