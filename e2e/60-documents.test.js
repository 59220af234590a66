'use strict';
/**
 * Business actions and files in a real n8n: example 12 creates a sales invoice with lines, posts it (Run Action),
 * downloads its PDF (binary data) and attaches it to the customer. The attached bytes are read back from the
 * sandbox and must be a PDF that opens (pdftotext shows the posted number, when poppler-utils is installed).
 * In the editor, the PDF node's output binary tab is captured (test-artifacts/editor-binary-pdf.png).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { describe, it } = require('node:test');
const { getStack, workflow, executeWorkflow, ARTIFACTS_DIR } = require('./harness');
const { nodeItems } = require('../scripts/lib/run-summary');
const { launchChromium, loggedInPage } = require('./browser');
const { OWNER } = require('../scripts/lib/n8n-rest');

/** One HTTPS request to the sandbox (its CA trusted); resolves with status and body bytes. */
function call(url, { method = 'GET', headers = {}, body } = {}) {
	const ca = fs.readFileSync(getStack().sandbox.info.caCertPath);
	return new Promise((resolve, reject) => {
		const req = https.request(url, { method, headers, ca }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
		});
		req.on('error', reject);
		if (body) req.write(body);
		req.end();
	});
}

/** The attachment's bytes as BC serves them, read with the demo app's token. */
async function attachmentBytes(companyId, attachmentId) {
	const { info } = getStack().sandbox;
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: info.app.clientId,
		client_secret: info.app.clientSecret,
		scope: 'https://api.businesscentral.dynamics.com/.default',
	}).toString();
	const token = JSON.parse(
		(
			await call(info.tokenEndpoint, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: form,
			})
		).body.toString(),
	).access_token;
	const url = `${info.apiBaseUrl}/${info.tenantId}/production/api/v2.0/companies(${companyId})/documentAttachments(${attachmentId})/attachmentContent`;
	const res = await call(url, { headers: { authorization: `Bearer ${token}` } });
	assert.equal(res.status, 200);
	return res.body;
}

function hasPdftotext() {
	try {
		execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

describe('business actions and files in n8n', { timeout: 10 * 60_000 }, () => {
	it('12 posts a new sales invoice, downloads its PDF and attaches it to the customer', async () => {
		const wf = workflow('12-');
		const result = await executeWorkflow(wf.id);
		assert.ok(result.ok, `workflow "${wf.name}" failed:\n${result.output}`);
		const [draft] = nodeItems(result.run, 'Create sales invoice with lines');
		const [posted] = nodeItems(result.run, 'Post the invoice');
		const [pdf] = nodeItems(result.run, 'Download the invoice PDF');
		const [attachment] = nodeItems(result.run, 'Attach the PDF to the customer');
		assert.equal(draft.status, 'Draft');
		assert.equal(posted.id, draft.id, 'the posted invoice keeps the draft id');
		assert.equal(posted.status, 'Open');
		assert.notEqual(posted.number, draft.number, 'the posted invoice has a number from the posted series');
		assert.equal(pdf.fileName, `${posted.number}.pdf`);
		assert.equal(pdf.mimeType, 'application/pdf');
		assert.equal(attachment.fileName, `${posted.number}.pdf`);
		assert.equal(attachment.byteSize, pdf.fileSize);
		assert.equal(attachment.parentId, posted.customerId);
		const pdfRun = result.run.data.resultData.runData['Download the invoice PDF'][0];
		const binary = pdfRun.data.main[0][0].binary.data;
		assert.equal(binary.mimeType, 'application/pdf');
		assert.ok(binary.id, 'the PDF is kept in the binary data store (filesystem mode), not inline');

		const companyId = getStack().sandbox.info.companies.production.find((c) => c.name === 'CRONUS USA, Inc.').id;
		const bytes = await attachmentBytes(companyId, attachment.id);
		assert.equal(bytes.length, pdf.fileSize);
		assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
		const file = path.join(ARTIFACTS_DIR, `${posted.number}.pdf`);
		fs.writeFileSync(file, bytes);
		if (hasPdftotext()) {
			const text = execFileSync('pdftotext', [file, '-']).toString();
			assert.match(text, new RegExp(`Sales Invoice ${posted.number}`));
			assert.match(text, /Adatum Corporation|10000/);
		} else {
			process.stderr.write('# pdftotext not installed (apt-get install poppler-utils): PDF text not checked\n');
		}
	});

	it('shows the PDF in the output binary tab of the editor', async () => {
		const { url } = getStack();
		const browser = await launchChromium();
		try {
			const { page, context } = await loggedInPage(browser, url, OWNER);
			await page.setViewportSize({ width: 1400, height: 900 });
			await page.goto(`${url}/workflow/${workflow('12-').id}`);
			await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
			await page.locator('[data-test-id="execute-workflow-button"]').first().click();
			await page.waitForFunction(
				// eslint-disable-next-line no-undef
				() => document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length >= 5,
				undefined,
				{ timeout: 60_000 },
			);
			await page.locator('[data-test-id="canvas-node"]', { hasText: 'Download the invoice PDF' }).dblclick();
			await page.waitForTimeout(1500);
			const binaryTab = page.locator('[data-test-id="ndv-output-panel"] >> text=Binary').first();
			if (await binaryTab.count()) await binaryTab.click();
			await page.waitForTimeout(1000);
			await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'editor-binary-pdf.png') });
			const text = await page.locator('body').innerText();
			assert.match(text, /application\/pdf/);
			assert.match(text, /\.pdf/);
			await context.close();
		} finally {
			await browser.close();
		}
	});
});
