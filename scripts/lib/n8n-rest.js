'use strict';
/**
 * A small client for n8n's internal REST API (`/rest/*`, the one the editor uses), authenticated with
 * the owner's `n8n-auth` cookie. n8n binds the cookie to a `browser-id` header, so every request
 * carries the same browser id.
 */
const crypto = require('node:crypto');

/** The documented owner login of the local instance (`npm start`, demo, e2e). Not a real secret. */
const OWNER = Object.freeze({
	email: 'owner@example.com',
	password: 'BusinessCentral1',
	firstName: 'Demo',
	lastName: 'Owner',
});

class N8nRestClient {
	/** @param {string} baseUrl e.g. http://localhost:5678 */
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.browserId = crypto.randomUUID();
		this.cookie = '';
	}

	/**
	 * Call `/rest<path>`.
	 * @returns {Promise<{ status: number, body: any, headers: Headers }>} body is parsed JSON (`data` unwrapped when present) or text
	 */
	async request(method, path, body, { redirect = 'manual' } = {}) {
		const response = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			redirect,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		let parsed = text;
		try {
			parsed = JSON.parse(text);
			if (parsed && typeof parsed === 'object' && 'data' in parsed) parsed = parsed.data;
		} catch {
			// best effort: ignored
		}
		return { status: response.status, body: parsed, headers: response.headers };
	}

	/** Like request() but throws on a non-2xx status, naming the call. */
	async call(method, path, body) {
		const result = await this.request(method, path, body);
		if (result.status >= 300) {
			throw new Error(`n8n ${method} /rest${path} → ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`);
		}
		return result.body;
	}

	/**
	 * Create the owner account on a fresh instance; does nothing when an owner already exists.
	 * @returns {Promise<boolean>} true when the owner was created now
	 */
	async setupOwner(owner = OWNER) {
		const settings = await this.call('GET', '/settings');
		if (settings?.userManagement?.showSetupOnFirstLoad === false) return false;
		const result = await this.request('POST', '/owner/setup', owner);
		if (result.status >= 300) {
			if (/already/i.test(JSON.stringify(result.body))) return false;
			throw new Error(`n8n owner setup failed (${result.status}): ${JSON.stringify(result.body)}`);
		}
		return true;
	}

	/** Log in with the owner's email and password; keeps the auth cookie. */
	async login(owner = OWNER) {
		return this.call('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}
}

module.exports = { N8nRestClient, OWNER };
