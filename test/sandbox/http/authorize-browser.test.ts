/**
 * The sign-in + consent page clicked through in a real browser (Debian's Chromium via playwright-core):
 * type the demo user's credentials, press Accept, land on the n8n callback with `code` and `state`, redeem the code.
 * Fails (does not skip) when Chromium is missing, so a broken page cannot pass unnoticed; set BC_SANDBOX_CHROMIUM to
 * another Chromium binary if needed.
 */
import { chromium, type Browser } from 'playwright-core';
import type { RunningSandbox } from '../../../sandbox/index';
import { startTestSandbox, stopTestSandbox, type SandboxClient } from './client';
import { createEchoBcApi } from './stub-bc-api';

const CALLBACK = 'http://localhost:5678/rest/oauth2-credential/callback';

let sandbox: RunningSandbox;
let client: SandboxClient;
let browser: Browser;

beforeAll(async () => {
	({ sandbox, client } = await startTestSandbox({ bcApi: createEchoBcApi() }));
	browser = await chromium.launch({
		executablePath: process.env.BC_SANDBOX_CHROMIUM ?? '/usr/bin/chromium',
		args: ['--no-sandbox'],
	});
});
afterAll(async () => {
	await browser?.close();
	await stopTestSandbox(client);
});

it('signs in and consents in a browser, then the code redeems for a delegated token', async () => {
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
});
