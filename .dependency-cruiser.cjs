/**
 * The package's layers, checked on every `npm run lint` (`npm run check:layers`). Layers only point down:
 *
 *   nodes/BusinessCentral/*.node.ts        (node descriptions)
 *     → actions/, methods/                  (operations: parameters, preSend, execute; list searches, load options)
 *       → transport/                        (HTTP: auth via n8n, limiter, retry, paging, errors)
 *         → catalog/, core/                 (entity-set catalog; constants, token errors, OData literals, headers)
 *   credentials/ → core/
 *
 * See the README's "Development" section for where new code goes.
 */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment: 'A module cycle: no layer may depend on itself through another module.',
			from: { path: '^(core|credentials|nodes)/' },
			to: { circular: true },
		},
		{
			name: 'core-is-the-bottom',
			severity: 'error',
			comment: 'core/ holds constants, errors and OData helpers for everyone; it imports nothing of the package.',
			from: { path: '^core/' },
			to: { path: '^(credentials|nodes)/' },
		},
		{
			name: 'credentials-only-use-core',
			severity: 'error',
			comment: 'Credentials are independent of the nodes: shared code goes to core/.',
			from: { path: '^credentials/' },
			to: { path: '^nodes/' },
		},
		{
			name: 'transport-points-down',
			severity: 'error',
			comment: 'The transport serves every node and trigger: it must not import operations, methods or node files.',
			from: { path: '^nodes/[^/]+/transport/' },
			to: { path: ['^nodes/[^/]+/(actions|methods)/', '^nodes/[^/]+/[^/]+\\.node\\.ts$', '^credentials/'] },
		},
		{
			name: 'catalog-points-down',
			severity: 'error',
			comment: 'The catalog is data: it may use core/ only.',
			from: { path: '^nodes/[^/]+/catalog/' },
			to: { path: ['^nodes/[^/]+/(actions|methods|transport)/', '^credentials/'] },
		},
		{
			name: 'methods-do-not-use-operations',
			severity: 'error',
			comment: 'List searches and load options may use shared parameter readers, not an operation file.',
			from: { path: '^nodes/[^/]+/methods/' },
			to: { path: '\\.operation\\.ts$' },
		},
		{
			name: 'operations-do-not-use-each-other',
			severity: 'error',
			comment: 'An operation owns its behaviour; shared pieces live in actions/shared/.',
			from: { path: '\\.operation\\.ts$' },
			to: { path: '\\.operation\\.ts$' },
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '(^|/)(dist|test|node_modules)/' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
	},
};
