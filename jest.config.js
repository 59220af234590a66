/** Jest runs every suite under test/ through ts-jest (type-checking is done once by `npm run typecheck`). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', isolatedModules: true, diagnostics: false }],
	},
	globalSetup: '<rootDir>/test/global-setup.ts',
	testTimeout: 60000,
	maxWorkers: 2,
};
