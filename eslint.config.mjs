import js from '@eslint/js';
import { config as n8nConfig } from '@n8n/node-cli/eslint';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The package's own TypeScript: what n8n loads. n8n's community-node rule sets apply here. */
const PACKAGE_TS = ['core/**/*.ts', 'credentials/**/*.ts', 'nodes/**/*.ts'];
/** Everything else we write: the sandbox, tests, benchmarks and scripts. */
const TOOLING_TS = ['sandbox/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'];
const TOOLING_JS = ['scripts/**/*.{js,mjs}', 'e2e/**/*.js', 'test/**/*.js', '*.js', '*.cjs', '*.mjs'];

/** n8n's entries that apply to every .ts file, narrowed to the package's own code. */
const n8nPackageConfig = n8nConfig.map((entry) =>
	entry.files?.length === 1 && entry.files[0] === '**/*.ts' ? { ...entry, files: PACKAGE_TS } : entry,
);

/**
 * Lint of the whole tree:
 * - the package (core/, credentials/, nodes/, package.json): n8n's community-node lint (cloud rule set, every rule
 *   on) with one exception: `no-runtime-dependencies` is off because `@azure/msal-node` (app-only token acquisition)
 *   is part of the product's design. Its import also trips the cloud-only `no-restricted-imports`; that is disabled
 *   inline on that single import line (credentials/shared/clientCredentialsToken.ts), with the reason next to it.
 * - sandbox/, test/, bench/, scripts/, e2e/: ESLint's and typescript-eslint's recommended rules.
 */
export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'.n8n-runtime/**',
			'.sandbox/**',
			'docs/**',
			'test-artifacts/**',
			'coverage/**',
		],
	},
	...n8nPackageConfig,
	{
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
	...tseslint.config({
		files: TOOLING_TS,
		extends: [js.configs.recommended, ...tseslint.configs.recommended],
		languageOptions: { globals: { ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// A `let` read by a closure before its one assignment (e.g. the sandbox's info) cannot be a `const`.
			'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
		},
	}),
	{
		files: TOOLING_JS,
		...js.configs.recommended,
		languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
		rules: { ...js.configs.recommended.rules, 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
	},
	{ files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
	{ files: ['test/**/*.ts', 'test/**/*.js'], languageOptions: { globals: { ...globals.jest } } },
];
