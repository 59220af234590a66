import { config } from '@n8n/node-cli/eslint';

/**
 * n8n's community-node lint (cloud rule set, every rule on) with one exception:
 * `no-runtime-dependencies` is off because `@azure/msal-node` (app-only token acquisition) is part of the
 * product's design. Its import also trips the cloud-only `no-restricted-imports`; that is disabled inline on
 * that single import line (credentials/shared/clientCredentialsToken.ts), with the reason next to it.
 */
export default [
	...config,
	{ ignores: ['test/**', 'bench/**', 'sandbox/**', 'scripts/**', 'docs/**', '*.js', 'jest.config.js'] },
	{
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
];
