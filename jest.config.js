/** Jest runs every suite under test/ through ts-jest (type-checking is done once by `npm run typecheck`). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', diagnostics: false }],
		// jose 6 ships ESM only; transpile it to CommonJS for jest (the sandbox signs/verifies JWTs with it).
		'^.+/node_modules/jose/.+\\.js$': [
			'ts-jest',
			{ tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022', isolatedModules: true }, diagnostics: false },
		],
	},
	transformIgnorePatterns: ['/node_modules/(?!jose/)'],
	globalSetup: '<rootDir>/test/global-setup.ts',
	// n8n's safe-regex with a load-tolerant timeout (see the file).
	setupFiles: ['<rootDir>/test/helpers/safeRegex.ts'],
	testTimeout: 60000,
	maxWorkers: 2,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
