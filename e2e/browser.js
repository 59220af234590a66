'use strict';
/**
 * Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, with the flags this machine
 * needs (no sandbox as root; no background networking, since the network is closed).
 * Install it with `apt-get install -y chromium` (.ci/run does).
 */
const fs = require('node:fs');
const { chromium } = require('playwright-core');

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/**
 * @returns {Promise<import('playwright-core').Browser>}
 * @throws Error naming the missing executable and the install command
 */
async function launchChromium() {
	if (!fs.existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`,
		);
	}
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true });
}

/**
 * A browser context logged in to n8n as the owner: the login goes through the page's own fetch, so the
 * `n8n-auth` cookie and the `browser-id` (kept in localStorage like the editor does) belong to this browser.
 * The sandbox serves HTTPS with its own CA, which Chromium does not know: the context ignores certificate errors
 * (n8n itself trusts the CA through NODE_EXTRA_CA_CERTS).
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, browserId: string }>}
 */
async function loggedInPage(browser, n8nUrl, owner) {
	const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1440, height: 900 } });
	const page = await context.newPage();
	await page.goto(`${n8nUrl}/signin`);
	const browserId = await page.evaluate(async ({ email, password }) => {
		let id = localStorage.getItem('n8n-browserId');
		if (!id) {
			id = crypto.randomUUID();
			localStorage.setItem('n8n-browserId', id);
		}
		const response = await fetch('/rest/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': id },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		if (!response.ok) throw new Error(`login failed: ${response.status}`);
		return id;
	}, owner);
	return { context, page, browserId };
}

module.exports = { launchChromium, loggedInPage, CHROMIUM_PATH };
