// Lint of the web app (ESLint flat config). Its main job is the layout: the import
// boundaries between app/, features/, entities/ and shared/ (docs/architecture.md,
// "Web app"), checked on every `npm test`.
import { readdirSync } from 'node:fs';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

// Each feature may import shared/ and entities/, never another feature nor the app
// that composes them. entities/ (domain widgets used by several features) may import
// shared/ only; shared/ imports nothing of ours but itself.
const layers = [
  ...features.map((name) => ({
    target: `./src/features/${name}`,
    from: './src/features',
    except: [`./${name}`],
    message: 'A feature does not import another feature: move what both need to src/entities/ or src/shared/.',
  })),
  {
    target: './src/entities',
    from: ['./src/features', './src/app'],
    message: 'entities/ is below the features: it may import shared/ only.',
  },
  {
    target: './src/shared',
    from: ['./src/features', './src/entities', './src/app'],
    message: 'shared/ imports nothing from the app, its features or entities.',
  },
];

// A feature's code does not import the app; its tests may render the whole app to
// test the feature in place (login, alerts, the bell).
const appFromFeatureCode = {
  target: './src/features',
  from: './src/app',
  message: 'A feature does not import the app that composes it.',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.generated/', 'src/shared/api/schema.d.ts'] },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 2022,
      sourceType: 'module',
    },
    plugins: { import: importPlugin, '@typescript-eslint': tseslint.plugin },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json', '.d.ts'] } },
    },
    rules: {
      // An import the resolver cannot follow would slip past the boundaries.
      'import/no-unresolved': ['error', { ignore: ['^virtual:', '^typescript-eslint$'] }],
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-self-import': 'error',
      'import/no-duplicates': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'import/no-restricted-paths': ['error', { zones: layers }] },
  },
  {
    files: ['src/features/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'import/no-restricted-paths': ['error', { zones: [...layers, appFromFeatureCode] }] },
  },
);
