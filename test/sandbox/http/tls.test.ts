/**
 * The sandbox CA: created once per state directory, reused afterwards, and the server certificate it signs is valid for
 * 127.0.0.1 and localhost (checked by node's TLS stack with only that CA trusted).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { ensureCertificateAuthority } from '../../../sandbox/index';
import { startTestSandbox } from './client';
import { createEchoBcApi } from './stub-bc-api';

let stateDir: string;

beforeAll(() => {
	stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-sandbox-tls-'));
});
afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

function connect(host: string, port: number, ca: string): Promise<tls.PeerCertificate> {
	return new Promise((resolve, reject) => {
		const socket = tls.connect({ host, port, ca, servername: host === '127.0.0.1' ? undefined : host }, () => {
			const certificate = socket.getPeerCertificate();
			socket.end();
			resolve(certificate);
		});
		socket.on('error', reject);
	});
}

it('creates the CA once and reuses it', () => {
	const first = ensureCertificateAuthority(stateDir);
	expect(first.caCertPath).toBe(path.join(stateDir, 'ca.crt'));
	expect(first.caCertPem).toContain('BEGIN CERTIFICATE');
	expect(fs.statSync(first.caKeyPath).mode & 0o777).toBe(0o600);
	expect(ensureCertificateAuthority(stateDir).caCertPem).toBe(first.caCertPem);
});

it('serves a certificate for 127.0.0.1 and localhost signed by that CA', async () => {
	const { sandbox, client } = await startTestSandbox({ bcApi: createEchoBcApi(), stateDir });
	try {
		expect(sandbox.info.caCertPath).toBe(path.join(stateDir, 'ca.crt'));
		const ca = fs.readFileSync(sandbox.info.caCertPath, 'utf8');
		const port = Number(new URL(sandbox.baseUrl).port);
		const certificate = await connect('127.0.0.1', port, ca);
		expect(certificate.subjectaltname).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
		await connect('localhost', port, ca);
		// Another CA is not accepted: the check above is real.
		await expect(
			connect('127.0.0.1', port, fs.readFileSync(path.join(stateDir, 'demo-app.crt'), 'utf8')),
		).rejects.toThrow();
		// Endpoints follow the host the client used.
		const viaLocalhost = await client.request(
			`https://localhost:${port}/${sandbox.info.tenantDomain}/v2.0/.well-known/openid-configuration`,
		);
		expect(viaLocalhost.json().token_endpoint).toBe(
			`https://localhost:${port}/${sandbox.info.tenantDomain}/oauth2/v2.0/token`,
		);
	} finally {
		client.close();
		await sandbox.stop();
	}
});
