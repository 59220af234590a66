'use strict';
/**
 * The n8n editor in Chromium: the node is found in the nodes panel under its name with its icon, and the
 * credential dialogs show their fields and (OAuth2) the redirect URL to register in Entra.
 * Screenshots go to test-artifacts/ (the best ones are copied to docs/images/ by hand).
 */
const assert = require('node:assert/strict');
const path = require('node:path');
const { describe, it, before, after } = require('node:test');
const { getStack, workflow, ARTIFACTS_DIR } = require('./harness');
const { launchChromium, loggedInPage } = require('./browser');
const { OWNER } = require('../scripts/lib/n8n-rest');

const NODE_DISPLAY_NAME = 'Microsoft Dynamics 365 Business Central';
const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS_DIR, name) });

describe('n8n editor in Chromium', { timeout: 5 * 60_000 }, () => {
	let browser;
	let page;
	let context;
	before(async () => {
		browser = await launchChromium();
		({ page, context } = await loggedInPage(browser, getStack().url, OWNER));
	});
	after(async () => {
		await context?.close();
		await browser?.close();
	});

	it('finds the node in the nodes panel by name, with its icon', async () => {
		const { url } = getStack();
		await page.goto(`${url}/workflow/${workflow('05-').id}`);
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
		const bcNode = page.locator('[data-test-id="canvas-node"]', { hasText: 'List customers' });
		await bcNode.waitFor();
		await shot(page, 'editor-workflow.png');
		// Open the nodes panel ("What happens next?") and search like a user.
		await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
		const search = page
			.locator('[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]')
			.first();
		await search.waitFor({ timeout: 30_000 });
		await search.fill('Business Central');
		await page.waitForTimeout(1500);
		await shot(page, 'editor-nodes-search.png');
		// A node with several actions is rendered as an "action item" (opens its actions list when clicked).
		const item = page
			.locator('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]', {
				hasText: NODE_DISPLAY_NAME,
			})
			.first();
		await item.waitFor({ timeout: 30_000 });
		const icon = item.locator('img').first();
		await icon.waitFor();
		const src = await icon.getAttribute('src');
		assert.match(src ?? '', /businessCentral/i, `icon src ${src}`);
		const loaded = await icon.evaluate((img) => img.complete && img.naturalWidth > 0);
		assert.ok(loaded, `the icon ${src} loaded`);
		await shot(page, 'editor-nodes-panel.png');

		// Its actions are listed under the node.
		await item.click();
		await page.waitForTimeout(1000);
		const panelText = await page
			.locator('[data-test-id="node-creator"], .node-creator')
			.first()
			.innerText()
			.catch(() => '');
		await shot(page, 'editor-node-actions.png');
		assert.match(panelText, /Get many records|Create a record/i, panelText.slice(0, 500));
	});

	it('runs the sales-order example from the editor (manual execution) and shows the order lines', async () => {
		const { url } = getStack();
		await page.goto(`${url}/workflow/${workflow('04-').id}`);
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		const nodes = page.locator('[data-test-id="canvas-node"]');
		// Every node of the chain finishes with the success mark.
		await page.waitForFunction(
			// Runs in the browser page.
			// eslint-disable-next-line no-undef
			() => document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length >= 4,
			undefined,
			{ timeout: 60_000 },
		);
		assert.equal(await nodes.count(), 4);
		await page.locator('[data-test-id="canvas-node"]', { hasText: 'Read the order lines' }).dblclick();
		await page.waitForTimeout(1500);
		const ndv = await page.locator('body').innerText();
		await shot(page, 'editor-sales-order-lines.png');
		assert.match(ndv, /1896-S/);
		assert.match(ndv, /1900-S/);
		await page.keyboard.press('Escape');
	});

	it('shows the OAuth2 credential fields and the redirect URL to register in Entra', async () => {
		const { url } = getStack();
		await page.goto(`${url}/home/credentials/bcSandboxOAuth01`);
		const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
		await dialog.waitFor({ timeout: 60_000 });
		await page.waitForTimeout(1500);
		const text = await dialog.innerText();
		await shot(page, 'credential-oauth2.png');
		for (const label of ['Client ID', 'Client Secret', 'Cloud', 'Tenant', 'Environment']) {
			assert.ok(text.includes(label), `field "${label}" in the dialog:\n${text}`);
		}
		assert.ok(text.includes(`${url}/rest/oauth2-credential/callback`), `redirect URL in the dialog:\n${text}`);
	});

	it('shows the app-only credential fields', async () => {
		const { url } = getStack();
		await page.goto(`${url}/home/credentials/bcSandboxS2S0001`);
		const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
		await dialog.waitFor({ timeout: 60_000 });
		await page.waitForTimeout(1500);
		const text = await dialog.innerText();
		await shot(page, 'credential-app-only.png');
		for (const label of ['Tenant', 'Client ID', 'Client Authentication', 'Client Secret', 'Environment']) {
			assert.ok(text.includes(label), `field "${label}" in the dialog:\n${text}`);
		}
	});
});
