/**
 * The sandbox's own certificate authority and the server certificate it signs.
 *
 * Keys come from node:crypto (fast native RSA), certificates from node-forge. The CA is created once per
 * state directory and reused, so a client that trusts it (`NODE_EXTRA_CA_CERTS=<caCertPath>`, curl `--cacert`)
 * keeps trusting the sandbox across restarts.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import forge from 'node-forge';
import { defaultStateDir } from '../config';

/** Paths and PEM text of the sandbox CA. */
export interface CertificateAuthority {
	/** Absolute path of the CA certificate (PEM); point `NODE_EXTRA_CA_CERTS` or curl `--cacert` at it. */
	caCertPath: string;
	/** Absolute path of the CA private key (PEM, mode 0600). */
	caKeyPath: string;
	caCertPem: string;
	caKeyPem: string;
	/** The state directory holding these files. */
	stateDir: string;
}

/** A certificate with its private key, PEM encoded. */
export interface KeyAndCertificate {
	certificatePem: string;
	privateKeyPem: string;
}

const CA_COMMON_NAME = 'n8n Business Central Sandbox Local CA';

/** Generates an RSA key pair with node:crypto; returns PKCS#8 private key PEM and SPKI public key PEM. */
export function generateRsaKeyPair(modulusLength = 2048): { privateKeyPem: string; publicKeyPem: string } {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', {
		modulusLength,
		publicKeyEncoding: { type: 'spki', format: 'pem' },
		privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
	});
	return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** Options of {@link createCertificate}. */
export interface CertificateRequest {
	commonName: string;
	/** Validity in days from now (starts one day in the past to tolerate clock skew). */
	validityDays: number;
	/** Issuer; omitted = self-signed. */
	issuer?: KeyAndCertificate;
	isCa?: boolean;
	/** DNS names and IP addresses for the subjectAltName extension (server certificates). */
	dnsNames?: string[];
	ipAddresses?: string[];
	/** Adds clientAuth/serverAuth extended key usage. */
	extendedKeyUsage?: Array<'serverAuth' | 'clientAuth'>;
}

/** Creates an X.509 v3 certificate with a fresh 2048-bit RSA key (node:crypto), signed with SHA-256 (node-forge). */
export function createCertificate(request: CertificateRequest): KeyAndCertificate {
	const keys = generateRsaKeyPair();
	const cert = forge.pki.createCertificate();
	cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
	// Positive serial number (leading byte < 0x80).
	cert.serialNumber = '01' + randomBytes(15).toString('hex');
	const notBefore = new Date(Date.now() - 24 * 3600 * 1000);
	const notAfter = new Date(Date.now() + request.validityDays * 24 * 3600 * 1000);
	cert.validity.notBefore = notBefore;
	cert.validity.notAfter = notAfter;
	const subject = [
		{ name: 'commonName', value: request.commonName },
		{ name: 'organizationName', value: 'n8n-nodes-business-central sandbox' },
	];
	cert.setSubject(subject);
	const issuerCert = request.issuer ? forge.pki.certificateFromPem(request.issuer.certificatePem) : undefined;
	cert.setIssuer(issuerCert ? issuerCert.subject.attributes : subject);
	const extensions: object[] = [
		{ name: 'basicConstraints', cA: !!request.isCa, critical: true },
		request.isCa
			? { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }
			: { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
		{ name: 'subjectKeyIdentifier' },
	];
	if (issuerCert) {
		extensions.push({
			name: 'authorityKeyIdentifier',
			keyIdentifier: issuerCert.generateSubjectKeyIdentifier().getBytes(),
		});
	}
	if (request.extendedKeyUsage?.length) {
		extensions.push({
			name: 'extKeyUsage',
			serverAuth: request.extendedKeyUsage.includes('serverAuth'),
			clientAuth: request.extendedKeyUsage.includes('clientAuth'),
		});
	}
	const altNames = [
		...(request.dnsNames ?? []).map((value) => ({ type: 2, value })),
		...(request.ipAddresses ?? []).map((ip) => ({ type: 7, ip })),
	];
	if (altNames.length) extensions.push({ name: 'subjectAltName', altNames });
	cert.setExtensions(extensions);
	const signingKeyPem = request.issuer ? request.issuer.privateKeyPem : keys.privateKeyPem;
	cert.sign(forge.pki.privateKeyFromPem(signingKeyPem) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
	return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: keys.privateKeyPem };
}

/** SHA-1 and SHA-256 thumbprints (upper-case hex, as the Azure portal shows them) of a PEM certificate. */
export function certificateThumbprints(certificatePem: string): { sha1: string; sha256: string } {
	const der = Buffer.from(
		forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(certificatePem))).getBytes(),
		'binary',
	);
	return {
		sha1: createHash('sha1').update(der).digest('hex').toUpperCase(),
		sha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
	};
}

/** Writes a file atomically (temp file + rename); private keys get mode 0600. */
export function writeFileAtomic(filePath: string, content: string, mode = 0o644): void {
	const temp = `${filePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	fs.writeFileSync(temp, content, { mode });
	fs.renameSync(temp, filePath);
}

/** Reads a key + certificate pair from the state dir, or creates and stores it with `create`. */
export function loadOrCreate(
	stateDir: string,
	baseName: string,
	create: () => KeyAndCertificate,
	isUsable: (pair: KeyAndCertificate) => boolean = () => true,
): KeyAndCertificate {
	const certPath = path.join(stateDir, `${baseName}.crt`);
	const keyPath = path.join(stateDir, `${baseName}.key`);
	if (fs.existsSync(certPath) && fs.existsSync(keyPath)) {
		const pair = { certificatePem: fs.readFileSync(certPath, 'utf8'), privateKeyPem: fs.readFileSync(keyPath, 'utf8') };
		if (isUsable(pair)) return pair;
	}
	fs.mkdirSync(stateDir, { recursive: true });
	const pair = create();
	writeFileAtomic(keyPath, pair.privateKeyPem, 0o600);
	writeFileAtomic(certPath, pair.certificatePem);
	return pair;
}

function validForAtLeastDays(certificatePem: string, days: number): boolean {
	try {
		const cert = forge.pki.certificateFromPem(certificatePem);
		return cert.validity.notAfter.getTime() > Date.now() + days * 24 * 3600 * 1000;
	} catch {
		return false;
	}
}

/**
 * Creates the sandbox CA under `stateDir` on first use (files `ca.crt`, `ca.key`) and returns it; later calls reuse it.
 * Synchronous so jest's globalSetup can call it before workers start.
 *
 * @param stateDir default `BC_SANDBOX_STATE_DIR` or `<repo>/.sandbox`
 */
export function ensureCertificateAuthority(stateDir?: string): CertificateAuthority {
	const dir = path.resolve(stateDir ?? process.env.BC_SANDBOX_STATE_DIR ?? defaultStateDir());
	const pair = loadOrCreate(
		dir,
		'ca',
		() => createCertificate({ commonName: CA_COMMON_NAME, validityDays: 3650, isCa: true }),
		(existing) => validForAtLeastDays(existing.certificatePem, 30),
	);
	return {
		caCertPath: path.join(dir, 'ca.crt'),
		caKeyPath: path.join(dir, 'ca.key'),
		caCertPem: pair.certificatePem,
		caKeyPem: pair.privateKeyPem,
		stateDir: dir,
	};
}

/**
 * Returns the server certificate for `127.0.0.1`, `::1` and `localhost` signed by the CA, reusing `server.crt`/`server.key`
 * from the state dir while they are valid and signed by this CA.
 */
export function ensureServerCertificate(ca: CertificateAuthority): KeyAndCertificate {
	const issuer = { certificatePem: ca.caCertPem, privateKeyPem: ca.caKeyPem };
	return loadOrCreate(
		ca.stateDir,
		'server',
		() =>
			createCertificate({
				commonName: 'localhost',
				validityDays: 397,
				issuer,
				dnsNames: ['localhost'],
				ipAddresses: ['127.0.0.1', '::1'],
				extendedKeyUsage: ['serverAuth'],
			}),
		(existing) => {
			if (!validForAtLeastDays(existing.certificatePem, 7)) return false;
			try {
				return forge.pki.certificateFromPem(ca.caCertPem).verify(forge.pki.certificateFromPem(existing.certificatePem));
			} catch {
				return false;
			}
		},
	);
}
