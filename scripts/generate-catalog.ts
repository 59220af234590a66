/**
 * Generates the entity-set catalogs from the Microsoft sources in `scripts/catalog/sources/`:
 *
 * - `sandbox/bc/catalog/data/api-v2.json`: the sandbox's full catalog (fields with types, captions and AL names,
 *   keys, access, navigation with links, bound actions, error labels, enum members, entity-set flags);
 * - `nodes/BusinessCentral/catalog/entitySets.json`: the node's projection (documented field types, read-only flags,
 *   access, navigation properties, bound actions).
 *
 * Usage: `npm run catalog:generate` (writes both files), `npm run catalog:generate -- --check` (exit code 1 when a
 * checked-in file differs from what the sources give). Deterministic: same sources, byte-identical files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildCatalogs } from './catalog/build';
import { readSources } from './catalog/sources';

const repo = join(__dirname, '..');

/** The generated files: repository-relative path → file text (tab-indented JSON with a final newline). */
export function generatedFiles(): Record<string, string> {
	const { sandbox, node } = buildCatalogs(readSources());
	const text = (value: unknown) => JSON.stringify(value, null, '\t') + '\n';
	return {
		'sandbox/bc/catalog/data/api-v2.json': text(sandbox),
		'nodes/BusinessCentral/catalog/entitySets.json': text(node),
	};
}

function main(argv: string[]): number {
	const check = argv.includes('--check');
	let stale = 0;
	for (const [path, text] of Object.entries(generatedFiles())) {
		const target = join(repo, path);
		if (check) {
			let current = '';
			try {
				current = readFileSync(target, 'utf8');
			} catch {
				/* missing counts as stale */
			}
			if (current !== text) {
				stale++;
				console.error(`${relative(repo, target)} is out of date: run npm run catalog:generate`);
			}
		} else {
			writeFileSync(target, text);
			console.log(`wrote ${relative(repo, target)}`);
		}
	}
	return stale ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
