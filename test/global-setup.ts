/**
 * Jest globalSetup: makes sure the sandbox CA exists and lets jest workers (spawned after this runs) trust it through
 * NODE_EXTRA_CA_CERTS. Note: Node reads NODE_EXTRA_CA_CERTS only at process start, so a run in band (single worker)
 * does not pick it up — tests that talk HTTPS pass the CA explicitly (see test/sandbox/http/client.ts).
 */
import { ensureCertificateAuthority } from '../sandbox/tls/ca';

export default function globalSetup(): void {
	const ca = ensureCertificateAuthority();
	process.env.NODE_EXTRA_CA_CERTS = ca.caCertPath;
}
