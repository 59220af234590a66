/**
 * The sign-in + consent page clicked through in a real browser (Debian's Chromium via playwright-core):
 * type the demo user's credentials, press Accept, land on the n8n callback with `code` and `state`, redeem the code.
 *
 * Needs Debian's Chromium (`apt-get install -y chromium`; BC_SANDBOX_CHROMIUM names another binary). Without it the
 * suite is skipped with one line saying so, so that `npm test` passes on a machine with only Node and npm; with
 * BC_REQUIRE_CHROMIUM=1 (set by .ci/run, which installs Chromium) a missing browser fails the suite instead, so a
 * broken page cannot pass unnoticed in CI.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { RunningSandbox } from '../../../sandbox/index';
import { startTestSandbox, stopTestSandbox, type SandboxClient } from './client';
import { createEchoBcApi } from './stub-bc-api';

const CALLBACK = 'http://localhost:5678/rest/oauth2-credential/callback';

const CHROMIUM = process.env.BC_SANDBOX_CHROMIUM ?? '/usr/bin/chromium';
const browserAvailable = existsSync(CHROMIUM) || process.env.BC_REQUIRE_CHROMIUM === '1';
if (!browserAvailable) {
	console.warn(
		`Skipped the sign-in page browser test: no Chromium at ${CHROMIUM} (install it with "apt-get install -y chromium", or set BC_SANDBOX_CHROMIUM).`,
	);
}

let sandbox: RunningSandbox;
let client: SandboxClient;
let browser: Browser;

beforeAll(async () => {
	if (!browserAvailable) return;
	({ sandbox, client } = await startTestSandbox({ bcApi: createEchoBcApi() }));
	browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => {
	if (!browserAvailable) return;
	await browser?.close();
	await stopTestSandbox(client);
});

(browserAvailable ? it : it.skip)(
	'signs in and consents in a browser, then the code redeems for a delegated token',
	async () => {
		// The sandbox CA is not in Chromium's store; certificate checks are covered by the node:https tests.
		const context = await browser.newContext({ ignoreHTTPSErrors: true });
		const page = await context.newPage();
		let callbackUrl = '';
		await page.route(`${CALLBACK}**`, async (route) => {
			callbackUrl = route.request().url();
			await route.fulfill({ status: 200, contentType: 'text/plain', body: 'callback reached' });
		});
		const params = new URLSearchParams({
			client_id: sandbox.info.app.clientId,
			response_type: 'code',
			redirect_uri: CALLBACK,
			scope: 'https://api.businesscentral.dynamics.com/Financials.ReadWrite.All offline_access',
			state: 'browser-state',
		});
		await page.goto(`${sandbox.info.authorizeEndpoint}?${params}`);
		await page.fill('#username', sandbox.info.user.userName);
		await page.fill('#password', 'wrong password');
		await page.click('#accept');
		expect(await page.locator('#error').textContent()).toContain('AADSTS50126');
		await page.fill('#password', sandbox.info.user.password);
		await page.click('#accept');
		await page.waitForURL(`${CALLBACK}**`);
		await expect(page.textContent('body')).resolves.toBe('callback reached');
		const received = new URL(callbackUrl).searchParams;
		expect(received.get('state')).toBe('browser-state');
		const token = await client.postForm(sandbox.info.tokenEndpoint, {
			grant_type: 'authorization_code',
			client_id: sandbox.info.app.clientId,
			client_secret: sandbox.info.app.clientSecret,
			redirect_uri: CALLBACK,
			code: received.get('code') as string,
		});
		expect(token.status).toBe(200);
		expect(token.json().refresh_token).toEqual(expect.any(String));
		await context.close();
	},
);
