'use strict';
/**
 * The field mapper (n8n resource mapper) of a custom API page in the real n8n editor: the Create node of example 20
 * shows the `shipments` fields of `contoso/shipping/v1.0` as read from the route's `$metadata`, with their types; the
 * example runs and every custom field type round-trips. Screenshot: test-artifacts/editor-field-mapper.png (copied to
 * docs/images/n8n-field-mapper.png by hand).
 */
const assert = require('node:assert/strict');
const path = require('node:path');
const { describe, it, before, after } = require('node:test');
const { getStack, workflow, executeWorkflow, ARTIFACTS_DIR } = require('./harness');
const { launchChromium, loggedInPage } = require('./browser');
const { OWNER } = require('../scripts/lib/n8n-rest');
const { nodeItems } = require('../scripts/lib/run-summary');

describe('field mapper of a custom API page', { timeout: 5 * 60_000 }, () => {
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

	it('runs example 20: a create through the mapper round-trips every custom field type', async () => {
		const wf = workflow('20-');
		const result = await executeWorkflow(wf.id);
		assert.ok(result.ok, `workflow "${wf.name}" failed:\n${result.output}`);
		const [created] = nodeItems(result.run, 'Create a shipment (field mapper)');
		assert.match(created.code, /^SHP-\d+$/);
		assert.equal(created.weightKg, 120.5);
		assert.equal(created.trackingSequence, 9007199254999);
		assert.equal(created.fragile, true);
		assert.equal(created.plannedShipDate, '2024-08-01');
		assert.equal(created.lastScanAt, '2024-08-01T09:30:00Z');
		assert.equal(created.status, 'In_x0020_Transit');
		const read = nodeItems(result.run, 'Read the custom API page');
		assert.ok(
			read.some((r) => r.code === created.code),
			'the new shipment is on the page',
		);
	});

	it('shows the custom fields with their types from $metadata', async () => {
		const { url } = getStack();
		// Tall enough for the NDV to show the whole mapper without scrolling its panel.
		await page.setViewportSize({ width: 1440, height: 1800 });
		await page.goto(`${url}/workflow/${workflow('20-').id}`);
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
		await page.locator('[data-test-id="canvas-node"]', { hasText: 'Create a shipment' }).dblclick();
		const ndv = page.locator('[data-test-id="ndv"], .ndv-wrapper').first();
		await ndv.waitFor({ timeout: 30_000 });
		// The mapper loads its fields from the node's resourceMapping method (GET $metadata through the credential).
		await page.getByText('weightKg (decimal)').first().waitFor({ timeout: 60_000 });
		await page
			.getByText('Values to Send')
			.first()
			.evaluate((el) => el.scrollIntoView({ block: 'start' }));
		await page.waitForTimeout(1500);
		await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'editor-field-mapper.png') });
		const text = await page.locator('body').innerText();
		for (const label of [
			'code (string, max 20, key)',
			'customerNumber (string, max 20)',
			'weightKg (decimal)',
			'packageCount (integer)',
			'trackingSequence (int64)',
			'fragile (boolean)',
			'plannedShipDate (date)',
			'lastScanAt (datetime)',
			'carrierId (GUID)',
			'status (enum)',
		])
			assert.ok(text.includes(label), `mapper field "${label}" in the editor:\n${text.slice(0, 3000)}`);
		assert.ok(!text.includes('lastModifiedDateTime (datetime)'), 'read-only fields are hidden');
		await page.keyboard.press('Escape');
	});
});
