'use strict';
/**
 * Summaries of a workflow run as printed by `n8n execute --rawOutput` (an IRun: `data.resultData.runData`).
 */

/**
 * Per node: how many items it output (all outputs of its last run), how long it took, and its error if any.
 * @param {any} run the parsed rawOutput
 * @returns {Array<{ node: string, items: number, ms: number, error?: string }>} in execution order
 */
function summariseRun(run) {
	const runData = run?.data?.resultData?.runData ?? {};
	return Object.entries(runData)
		.map(([node, runs]) => {
			const last = runs[runs.length - 1] ?? {};
			const outputs = last.data?.main ?? [];
			const items = outputs.reduce((sum, output) => sum + (output?.length ?? 0), 0);
			return {
				node,
				items,
				ms: last.executionTime ?? 0,
				startTime: last.startTime ?? 0,
				error: last.error ? last.error.message : undefined,
			};
		})
		.sort((a, b) => a.startTime - b.startTime)
		.map(({ startTime: _startTime, ...rest }) => rest);
}

/**
 * The JSON items a node output (first output, last run).
 * @param {any} run parsed rawOutput
 * @param {string} nodeName
 * @returns {any[]} the `json` of every item
 */
function nodeItems(run, nodeName) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs) throw new Error(`Node "${nodeName}" did not run`);
	return (runs[runs.length - 1].data?.main?.[0] ?? []).map((item) => item.json);
}

module.exports = { summariseRun, nodeItems };
