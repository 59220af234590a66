'use strict';
/**
 * The delegated (authorization-code) flow end to end, as a user does it from the credential dialog:
 * n8n builds the auth URL (GET /rest/oauth2-credential/auth?id=…, which also sets its browser-binding cookie),
 * Chromium signs in on the sandbox's Entra page, Entra redirects to n8n's /rest/oauth2-credential/callback,
 * n8n redeems the code and stores the tokens. A workflow then reads BC with them; after the access token
 * expired (the sandbox issues 20-second tokens in this suite) n8n refreshes it and the next run succeeds.
 */
const assert = require('node:assert/strict');
const path = require('node:path');
const { describe, it, before, after } = require('node:test');
const {
	getStack,
	credential,
	workflow,
	executeWorkflow,
	ARTIFACTS_DIR,
	ACCESS_TOKEN_LIFETIME_SECONDS,
} = require('./harness');
const { launchChromium, loggedInPage } = require('./browser');
const { nodeItems } = require('../scripts/lib/run-summary');
const { OWNER } = require('../scripts/lib/n8n-rest');
const { CREDENTIAL_BLANKING_VALUE } = require('n8n-workflow');

const CREDENTIAL_ID = 'bcSandboxOAuth01';

describe(
	'delegated OAuth2: sign-in in Chromium, tokens stored by n8n, refresh after expiry',
	{ timeout: 10 * 60_000 },
	() => {
		let browser;
		before(async () => {
			browser = await launchChromium();
		});
		after(async () => {
			await browser?.close();
		});

		it('before connecting, the workflow fails with "not connected"', async () => {
			const result = await executeWorkflow(workflow('07-').id);
			assert.equal(result.ok, false);
			assert.match(result.output, /Unable to sign without access token|not connected/i, result.output);
		});

		it('signs in on the sandbox page and n8n stores the tokens through its callback', async () => {
			const { url, sandbox, rest } = getStack();
			const { context, page, browserId } = await loggedInPage(browser, url, OWNER);
			try {
				const authUrl = await page.evaluate(
					async ({ id, browserId }) => {
						const response = await fetch(`/rest/oauth2-credential/auth?id=${id}`, {
							headers: { 'browser-id': browserId },
						});
						if (!response.ok) throw new Error(`auth URL: ${response.status} ${await response.text()}`);
						return (await response.json()).data;
					},
					{ id: CREDENTIAL_ID, browserId },
				);
				const parsed = new URL(authUrl);
				assert.equal(
					parsed.origin,
					new URL(sandbox.info.authorizeEndpoint).origin,
					'the auth URL points at the sandbox Entra',
				);
				assert.equal(parsed.pathname, `/${sandbox.info.tenantId}/oauth2/v2.0/authorize`);
				assert.equal(parsed.searchParams.get('client_id'), sandbox.info.app.clientId);
				assert.equal(parsed.searchParams.get('redirect_uri'), `${url}/rest/oauth2-credential/callback`);
				assert.match(parsed.searchParams.get('scope'), /offline_access/);

				await page.goto(authUrl);
				await page.fill('#username', sandbox.info.user.userName);
				await page.fill('#password', sandbox.info.user.password);
				await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'oauth-sign-in.png') });
				await Promise.all([
					page.waitForURL(/\/rest\/oauth2-credential\/callback/, { timeout: 30_000 }),
					page.click('#accept'),
				]);
				await page.waitForLoadState('load');
				const body = await page.textContent('body');
				await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'oauth-callback.png') });
				assert.doesNotMatch(body ?? '', /error|invalid/i, `callback page: ${body}`);
			} finally {
				await context.close();
			}
			const stored = await rest.call('GET', `/credentials/${CREDENTIAL_ID}?includeData=true`);
			// n8n shows a connected token as `oauthTokenData: true` (credentials.service.js); before the callback it is absent.
			assert.equal(
				stored.data?.oauthTokenData,
				true,
				`n8n stored oauthTokenData (got keys ${Object.keys(stored.data ?? {})})`,
			);
			// The Test verdict on the stored tokens: the blanking value tells n8n to use the stored oauthTokenData.
			const verdict = await rest.call('POST', '/credentials/test', {
				credentials: {
					id: stored.id,
					name: stored.name,
					type: stored.type,
					data: { ...stored.data, oauthTokenData: CREDENTIAL_BLANKING_VALUE },
				},
			});
			assert.equal(verdict.status, 'OK', verdict.message);
		});

		it('a workflow reads BC with the delegated token, and again after the token expired (n8n refreshes it)', async (t) => {
			const { sandbox } = getStack();
			const wf = workflow('07-');
			const first = await executeWorkflow(wf.id);
			assert.ok(first.ok, first.output);
			const customers = nodeItems(first.run, 'List customers');
			assert.ok(customers.some((c) => c.number === '10000'));

			const tokensBefore = (await sandbox.control.stats()).tokenRequests[sandbox.info.app.clientId] ?? 0;
			await new Promise((r) => setTimeout(r, (ACCESS_TOKEN_LIFETIME_SECONDS + 3) * 1000));
			const second = await executeWorkflow(wf.id);
			assert.ok(second.ok, `run after expiry failed:\n${second.output}`);
			assert.equal(nodeItems(second.run, 'List customers').length, customers.length);
			const tokensAfter = (await sandbox.control.stats()).tokenRequests[sandbox.info.app.clientId] ?? 0;
			assert.ok(
				tokensAfter > tokensBefore,
				`n8n asked the token endpoint again (refresh): ${tokensBefore} → ${tokensAfter}`,
			);
			// n8n refreshes on BC's 401 (tokenExpiredStatusCode) and retries once: 401 → token → the same request 200.
			const entries = (await sandbox.control.log(20)).map((e) => `${e.method} ${e.path.split('?')[0]} ${e.status}`);
			t.diagnostic(`sandbox requests of the second run: ${entries.slice(-6).join(' | ')}`);
			const rejected = entries.findLastIndex((e) => e.endsWith(' 401'));
			assert.ok(rejected >= 0, 'BC rejected the expired token with 401');
			assert.match(
				entries[rejected + 1],
				/^POST \/.+\/oauth2\/v2\.0\/token 200$/,
				'then n8n redeemed the refresh token',
			);
			assert.equal(
				entries[rejected + 2],
				entries[rejected].replace(/ 401$/, ' 200'),
				'then the same request succeeded',
			);
		});

		it('the Connect button in the credential dialog runs the same flow in a popup and shows "connected"', async () => {
			const { url, sandbox, rest } = getStack();
			const template = credential(CREDENTIAL_ID);
			const created = await rest.call('POST', '/credentials', {
				name: 'e2e: OAuth2 connected from the dialog',
				type: template.type,
				data: template.data,
			});
			const { context, page } = await loggedInPage(browser, url, OWNER);
			try {
				await page.goto(`${url}/home/credentials/${created.id}`);
				const banner = page.locator('[data-test-id="oauth-not-connected-banner"]');
				await banner.waitFor({ timeout: 60_000 });
				const [popup] = await Promise.all([page.waitForEvent('popup'), banner.getByRole('button').first().click()]);
				await popup.waitForSelector('#username', { timeout: 30_000 });
				await popup.fill('#username', sandbox.info.user.userName);
				await popup.fill('#password', sandbox.info.user.password);
				await popup.click('#accept');
				await page.locator('[data-test-id="oauth-connect-success-banner"]').waitFor({ timeout: 30_000 });
				await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'credential-oauth2-connected.png') });
			} finally {
				await context.close();
			}
			const stored = await rest.call('GET', `/credentials/${created.id}?includeData=true`);
			assert.equal(stored.data?.oauthTokenData, true, 'n8n stored the tokens');
		});
	},
);
