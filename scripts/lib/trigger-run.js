'use strict';
/**
 * Running the Business Central Trigger's example workflows in a real n8n: activate a workflow through the REST API,
 * change records in the sandbox through BC's API, wait for the executions the trigger starts and read their items,
 * deactivate. Used by `npm run demo` (trigger workflows cannot run with `n8n execute`: it needs a manual trigger)
 * and by e2e/70-trigger.test.js.
 */
const fs = require('node:fs');
const https = require('node:https');
const { parse } = require('flatted');

/** A BC API client for the sandbox's demo app (client credentials), over HTTPS trusting the sandbox CA. */
class BcClient {
	/** @param {any} info the sandbox's `/sandbox/info` */
	constructor(info, environment = 'production') {
		this.info = info;
		this.ca = info.caCertPath ? fs.readFileSync(info.caCertPath) : undefined;
		this.apiRoot = `${info.apiBaseUrl}/${info.tenantId}/${environment}/api/v2.0`;
		this.token = undefined;
		this.tokenUntil = 0;
	}

	raw(method, url, body, headers = {}) {
		const target = new URL(url);
		const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		return new Promise((resolve, reject) => {
			const req = https.request(target, { method, ca: this.ca, headers }, (res) => {
				let text = '';
				res.on('data', (d) => (text += d));
				res.on('end', () => {
					let json;
					try {
						json = text ? JSON.parse(text) : undefined;
					} catch {
						json = text;
					}
					resolve({ status: res.statusCode, body: json });
				});
			});
			req.on('error', reject);
			if (payload) req.write(payload);
			req.end();
		});
	}

	async accessToken() {
		if (this.token && Date.now() < this.tokenUntil) return this.token;
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: this.info.app.clientId,
			client_secret: this.info.app.clientSecret,
			scope: this.info.scope,
		}).toString();
		const response = await this.raw('POST', this.info.tokenEndpoint, form, {
			'content-type': 'application/x-www-form-urlencoded',
		});
		if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
		this.token = response.body.access_token;
		this.tokenUntil = Date.now() + (response.body.expires_in - 5) * 1000;
		return this.token;
	}

	/** A BC API request relative to the API root; throws on a non-2xx status. */
	async request(method, path, body, headers = {}) {
		const token = await this.accessToken();
		const response = await this.raw(method, `${this.apiRoot}/${path}`, body, {
			authorization: `Bearer ${token}`,
			'content-type': 'application/json',
			...headers,
		});
		if (response.status >= 300)
			throw new Error(`BC ${method} ${path} → ${response.status}: ${JSON.stringify(response.body)}`);
		return response.body;
	}

	companyId(name = 'CRONUS USA, Inc.') {
		const company = this.info.companies.production.find((c) => c.name === name);
		if (!company) throw new Error(`no company ${name}`);
		return company.id;
	}

	createCustomer(displayName, company) {
		return this.request('POST', `companies(${this.companyId(company)})/customers`, { displayName });
	}

	updateCustomer(id, body, company) {
		return this.request('PATCH', `companies(${this.companyId(company)})/customers(${id})`, body, { 'if-match': '*' });
	}

	deleteCustomer(id, company) {
		return this.request('DELETE', `companies(${this.companyId(company)})/customers(${id})`, undefined, {
			'if-match': '*',
		});
	}
}

/** Activates a workflow (its current version). */
async function activateWorkflow(rest, id) {
	const workflow = await rest.call('GET', `/workflows/${id}`);
	return rest.call('POST', `/workflows/${id}/activate`, { versionId: workflow.versionId });
}

/** Deactivates a workflow. */
async function deactivateWorkflow(rest, id) {
	return rest.call('POST', `/workflows/${id}/deactivate`, {});
}

/**
 * A read from n8n's REST API, retried when the connection fails: n8n's event loop can be busy for seconds while it
 * saves a large execution (the 1,500-record burst), and undici gives up connecting after 10 s.
 */
async function readRest(rest, path, attempts = 5) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await rest.call('GET', path);
		} catch (error) {
			if (attempt >= attempts || !/fetch failed/.test(String(error?.message))) throw error;
			await new Promise((r) => setTimeout(r, 1000 * attempt));
		}
	}
}

/** The workflow's executions, newest first: `[{ id, status, startedAt, stoppedAt }]`. */
async function listExecutions(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const body = await readRest(rest, `/executions?filter=${filter}&limit=100`);
	return body.results ?? body;
}

/** The output items (json) of `nodeName` in one execution. */
async function executionItems(rest, executionId, nodeName) {
	const execution = await readRest(rest, `/executions/${executionId}`);
	const data = typeof execution.data === 'string' ? parse(execution.data) : execution.data;
	const run = data?.resultData?.runData?.[nodeName]?.[0];
	return (run?.data?.main?.[0] ?? []).map((item) => item.json);
}

/**
 * Waits until the workflow has executions beyond `known` (ids) whose items, together, satisfy `done(items)`.
 * @returns {{ items: any[], executions: any[] }} the new executions' items (of `nodeName`) in start order
 */
async function waitForItems(rest, workflowId, nodeName, known, done, { timeoutMs = 120_000, intervalMs = 250 } = {}) {
	const started = Date.now();
	const seen = new Map();
	for (;;) {
		const executions = (await listExecutions(rest, workflowId)).filter(
			(e) => !known.has(String(e.id)) && e.status !== 'running' && e.status !== 'new',
		);
		for (const e of executions)
			if (!seen.has(String(e.id))) seen.set(String(e.id), await executionItems(rest, e.id, nodeName));
		const ordered = [...seen.entries()].sort((a, b) => Number(a[0]) - Number(b[0]));
		const items = ordered.flatMap(([, list]) => list);
		if (done(items)) return { items, executions: ordered.map(([id]) => id) };
		if (Date.now() - started > timeoutMs)
			throw new Error(`timed out after ${timeoutMs} ms waiting for trigger items (have ${items.length})`);
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

/** Ids of the workflow's executions so far. */
async function executionIds(rest, workflowId) {
	return new Set((await listExecutions(rest, workflowId)).map((e) => String(e.id)));
}

/**
 * Waits until the sandbox has a webhook subscription whose notification URL contains `urlPart` (n8n answers the
 * activation request before the trigger's `create` has subscribed).
 */
async function waitForSubscription(sandbox, urlPart, timeoutMs = 30_000) {
	const started = Date.now();
	for (;;) {
		const { subscriptions } = await sandbox.control.request('GET', '/sandbox/webhooks/subscriptions');
		const found = subscriptions.find((s) => s.notificationUrl.includes(urlPart));
		if (found) return found;
		if (Date.now() - started > timeoutMs) throw new Error(`no subscription for ${urlPart} after ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** Whether a workflow starts with the Business Central Trigger. */
function isTriggerWorkflow(workflow) {
	return workflow.nodes.some((n) => n.type === 'n8n-nodes-business-central.businessCentralTrigger');
}

module.exports = {
	BcClient,
	activateWorkflow,
	deactivateWorkflow,
	listExecutions,
	executionItems,
	executionIds,
	waitForItems,
	waitForSubscription,
	isTriggerWorkflow,
};
