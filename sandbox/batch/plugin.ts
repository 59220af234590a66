/**
 * `$batch` as a sandbox plugin: the data-layer `batch` plugin (`sandbox/bc/plugins/batch.ts`) plus its counters over
 * HTTP, `GET /sandbox/batch/stats` → `{ batchRequests, operations, rolledBack }` (operations are also counted one by
 * one in `/sandbox/control/stats`, as inner requests). `startSandbox` loads it unless a plugin named `batch` is given.
 */
import { batchPlugin, type BatchPlugin } from '../bc/plugins/batch';
import type { SandboxPlugin } from '../plugins';

export type { BatchStats } from '../bc/plugins/batch';

/** The `$batch` sandbox plugin; `stats()`/`resetStats()` as on {@link BatchPlugin}. */
export function batchSandboxPlugin(): SandboxPlugin & BatchPlugin {
	const plugin = batchPlugin();
	return {
		...plugin,
		http: async (app) => {
			app.get('/sandbox/batch/stats', async () => plugin.stats());
		},
	};
}
