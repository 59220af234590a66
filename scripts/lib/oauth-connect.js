'use strict';
/**
 * Connect the delegated (authorization-code) OAuth2 credential without a browser, for `npm run demo`:
 * the sandbox's sign-in page is set to auto-approve, so GET /authorize answers with a redirect carrying
 * the code; we redeem it at the token endpoint and import the credential with `oauthTokenData`
 * shaped like n8n's own callback stores it (token response + `n8n_expires_at`, ms since epoch as a string;
 * n8n/dist/controllers/oauth/oauth2-credential.controller.js, handleCallback).
 * The real browser path (n8n's /rest/oauth2-credential/auth + callback) is covered by the e2e suite.
 */
const crypto = require('node:crypto');
const https = require('node:https');
const fs = require('node:fs');

const OAUTH2_TYPE = 'businessCentralOAuth2Api';

/** Delegated scope, as in credentials/BusinessCentralOAuth2Api.credentials.ts: BC's .default plus offline_access for a refresh token. */
const DELEGATED_SCOPE = 'https://api.businesscentral.dynamics.com/.default offline_access';

function request(url, { method = 'GET', headers = {}, body, ca }) {
	return new Promise((resolve, reject) => {
		const req = https.request(url, { method, headers, ca }, (res) => {
			let text = '';
			res.on('data', (d) => (text += d));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
		});
		req.on('error', reject);
		if (body) req.write(body);
		req.end();
	});
}

/**
 * @param {Array<any>} credentials filled credential templates
 * @param {{ info: any }} sandbox the running sandbox (auto-approving sign-in)
 * @param {{ redirectUri: string }} options the redirect URI n8n would use
 * @returns {Promise<{ credentials: any[], skipped: Array<{ id: string, name: string, reason: string }> }>}
 */
async function connectOAuthCredentials(credentials, sandbox, { redirectUri }) {
	const skipped = [];
	const out = [];
	for (const credential of credentials) {
		if (credential.type !== OAUTH2_TYPE) {
			out.push(credential);
			continue;
		}
		try {
			const tokens = await authorizationCodeGrant(sandbox.info, credential.data, redirectUri);
			const oauthTokenData = { ...tokens };
			const expiresIn = Number(tokens.expires_in);
			if (Number.isFinite(expiresIn) && expiresIn > 0)
				oauthTokenData.n8n_expires_at = String(Date.now() + expiresIn * 1000);
			out.push({ ...credential, data: { ...credential.data, oauthTokenData } });
		} catch (error) {
			skipped.push({ id: credential.id, name: credential.name, reason: error.message });
			out.push(credential);
		}
	}
	return { credentials: out, skipped };
}

/**
 * The authorization-code grant against the sandbox's Entra stand-in.
 * @returns {Promise<Record<string, unknown>>} the token response (access_token, refresh_token, expires_in, …)
 * @throws Error when the sign-in is not auto-approved or the code is not redeemed (no secrets in the message)
 */
async function authorizationCodeGrant(info, data, redirectUri) {
	const ca = info.caCertPath ? fs.readFileSync(info.caCertPath) : undefined;
	const tenant = data.tenantId || info.tenantId;
	const authority = `${info.authorityHost.replace(/\/+$/, '')}/${tenant}/oauth2/v2.0`;
	const clientId = data.clientId;
	const clientSecret = data.clientSecret;
	const state = crypto.randomUUID();
	const authorize = new URL(`${authority}/authorize`);
	authorize.search = new URLSearchParams({
		client_id: clientId,
		response_type: 'code',
		redirect_uri: redirectUri,
		response_mode: 'query',
		scope: DELEGATED_SCOPE,
		state,
	}).toString();
	const answer = await request(authorize, { ca });
	const location = answer.headers.location;
	if (!location) throw new Error(`the sign-in page did not redirect (HTTP ${answer.status}); is autoApprove on?`);
	const code = new URL(location, authorize).searchParams.get('code');
	if (!code) throw new Error('the sign-in redirect carried no code');
	const body = new URLSearchParams({
		grant_type: 'authorization_code',
		code,
		redirect_uri: redirectUri,
		client_id: clientId,
		client_secret: clientSecret,
		scope: DELEGATED_SCOPE,
	}).toString();
	const token = await request(info.tokenEndpoint ?? `${authority}/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
		body,
		ca,
	});
	if (token.status !== 200) throw new Error(`the token endpoint answered HTTP ${token.status}`);
	return JSON.parse(token.text);
}

module.exports = { connectOAuthCredentials, authorizationCodeGrant, OAUTH2_TYPE };
