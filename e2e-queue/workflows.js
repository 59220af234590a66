'use strict';
/**
 * Workflows for the queue-mode suite: example workflows re-triggered by a production webhook, and the calls.
 */
const crypto = require('node:crypto');
const { getQueueStack } = require('./harness');

/**
 * A copy of an example workflow whose Manual Trigger is replaced by a Webhook trigger (production path
 * `queue-<slug>`, answering with the last node's items), created and activated through `rest` (default: main).
 * @returns {Promise<{ id: string, path: string }>}
 */
async function activateAsWebhook(source, slug, rest = getQueueStack().rest) {
	const path = `queue-${slug}`;
	const nodes = structuredClone(source.nodes).map((node) =>
		node.type === 'n8n-nodes-base.manualTrigger'
			? {
					...node,
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: crypto.randomUUID(),
					parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
				}
			: node,
	);
	const created = await rest.call('POST', '/workflows', {
		name: `queue: ${source.name}`,
		nodes,
		connections: source.connections,
		settings: source.settings ?? { executionOrder: 'v1' },
	});
	await rest.call('POST', `/workflows/${created.id}/activate`, { versionId: created.versionId });
	return { id: created.id, path };
}

/**
 * POST to the webhook processor; resolves with status, time and parsed body. Activation on main reaches the webhook
 * processor a moment later (through the database and n8n's webhook cache): until then it answers 404 "not
 * registered" without running anything, so a 404 is retried for up to 30 s.
 */
async function callWebhook(path, body = {}, baseUrl = getQueueStack().webhookUrl) {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const started = Date.now();
		const response = await fetch(`${baseUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(180_000),
		});
		const text = await response.text();
		if (response.status === 404 && /not registered/.test(text) && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 500));
			continue;
		}
		let parsed = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// text answer
		}
		return { status: response.status, ms: Date.now() - started, body: parsed };
	}
}

/**
 * Example 05 (list customers, app-only) changed to read every customer in pages of 100, selecting id and number.
 * @param {Array<{ file: string, workflow: any }>} workflows the loaded examples
 */
function readAllCustomers(workflows) {
	const read = structuredClone(workflows.find((w) => w.file.startsWith('05-')).workflow);
	const bcNode = read.nodes.find((n) => n.type === 'n8n-nodes-business-central.businessCentral');
	bcNode.parameters.returnAll = true;
	bcNode.parameters.options = { ...(bcNode.parameters.options ?? {}), pageSize: 100, select: 'id,number' };
	return read;
}

module.exports = { activateAsWebhook, callWebhook, readAllCustomers };
