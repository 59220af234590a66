'use strict';
/**
 * The credential "Test" button, through the endpoint the editor uses: POST /rest/credentials/test
 * with { credentials: { id, name, type, data } } (n8n/dist/credentials/credentials.controller.js;
 * @n8n/api-types TestCredentialRequestDto). Stored secrets are merged in by n8n for unchanged fields.
 */
const assert = require('node:assert/strict');
const { describe, it } = require('node:test');
const { getStack, credential } = require('./harness');

/** @returns {Promise<{ status: 'OK' | 'Error', message: string }>} */
async function testCredential(id, dataChanges = {}) {
	const c = credential(id);
	return getStack().rest.call('POST', '/credentials/test', {
		credentials: { id: c.id, name: c.name, type: c.type, data: { ...c.data, ...dataChanges } },
	});
}

/** The verdict must never echo a secret. */
function assertNoSecret(verdict, ...secrets) {
	const text = JSON.stringify(verdict);
	for (const secret of secrets) assert.ok(!text.includes(secret), 'the verdict must not contain the secret');
}

describe('credential test verdicts in n8n', { timeout: 5 * 60_000 }, () => {
	it('app-only with client secret: OK', async () => {
		assert.deepEqual(await testCredential('bcSandboxS2S0001'), { status: 'OK', message: 'Connection successful!' });
	});

	it('app-only with certificate: OK', async () => {
		assert.equal((await testCredential('bcSandboxCert001')).status, 'OK');
	});

	it('on-premises access key: OK', async () => {
		assert.equal((await testCredential('bcSandboxOnPrem1')).status, 'OK');
	});

	it('a wrong client secret gives the translated Entra error (AADSTS7000215), without the secret', async (t) => {
		const wrong = 'Wrong8Q~NotTheSecretValue-12345';
		const verdict = await testCredential('bcSandboxS2S0001', { clientSecret: wrong });
		t.diagnostic(`verdict: ${verdict.message}`);
		assert.equal(verdict.status, 'Error');
		assert.match(verdict.message, /client secret/i, verdict.message);
		assertNoSecret(verdict, wrong, credential('bcSandboxS2S0001').data.clientSecret);
	});

	it("an app that BC does not know (not on the Microsoft Entra Applications page) fails with BC's 401", async (t) => {
		const { info } = getStack().sandbox;
		const verdict = await testCredential('bcSandboxS2S0001', {
			clientId: info.disabledApp.clientId,
			clientSecret: info.disabledApp.clientSecret,
		});
		t.diagnostic(`verdict: ${verdict.message}`);
		assert.equal(verdict.status, 'Error');
		// n8n's generic verdict would be "Unauthorized"; the credential names the BC page to fix.
		assert.match(verdict.message, /Microsoft Entra Applications/, verdict.message);
		assertNoSecret(verdict, info.disabledApp.clientSecret);
	});

	it('a wrong web service access key gives the translated error (user name / access key hint), without the key', async (t) => {
		const wrong = 'WrongAccessKey0000000000000000000000000000000=';
		const verdict = await testCredential('bcSandboxOnPrem1', { password: wrong });
		t.diagnostic(`verdict: ${verdict.message}`);
		assert.equal(verdict.status, 'Error');
		// n8n's generic verdict for a 401 is just "Unauthorized"; the credential must say what to check.
		assert.match(verdict.message, /access key/i, verdict.message);
		assertNoSecret(verdict, wrong, credential('bcSandboxOnPrem1').data.password);
	});

	it('an unknown environment name fails the test', async (t) => {
		const verdict = await testCredential('bcSandboxS2S0001', { environment: 'nosuchenvironment' });
		t.diagnostic(`verdict: ${verdict.message}`);
		assert.equal(verdict.status, 'Error');
		assert.match(verdict.message, /Environment name/, verdict.message);
	});
});
