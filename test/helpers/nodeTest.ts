/**
 * The common setup of node tests: a sandbox, a credentials helper holding the app-only (client secret)
 * credential of the sandbox's demo app, record parameters for the `customers` entity set, and request counts
 * from the sandbox's counters.
 */
import type { INodeCredentialsDetails, INodeParameters } from 'n8n-workflow';

import type { SandboxOptions } from '../../sandbox';
import { TestCredentialsHelper } from './credentialsHelper';
import { credentialTypes } from './engine';
import { clientSecretCredential, startNodeSandbox, type RunningSandbox } from './sandbox';

/** A started sandbox with an app-only credential registered for it. */
export interface ClientSecretSetup {
	sandbox: RunningSandbox;
	helper: TestCredentialsHelper;
	/** Reference to the `businessCentralClientCredentialsApi` credential (client secret) in `helper`. */
	credential: INodeCredentialsDetails;
	/** Id of the first company of the `production` environment. */
	companyId: string;
}

/** Starts a sandbox (see {@link startNodeSandbox}) and registers the client-secret credential of its demo app. */
export async function startClientSecretSetup(options: SandboxOptions = {}): Promise<ClientSecretSetup> {
	const sandbox = await startNodeSandbox(options);
	const helper = new TestCredentialsHelper(credentialTypes());
	const credential = helper.add('businessCentralClientCredentialsApi', clientSecretCredential(sandbox));
	return { sandbox, helper, credential, companyId: sandbox.info.companies.production[0].id };
}

/** Node parameters of a record operation on `customers` (standard API) in the company with `companyId`; `extra` overrides. */
export function customerParameters(companyId: string, operation: string, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'record',
		operation,
		company: { __rl: true, mode: 'id', value: companyId },
		entitySet: { __rl: true, mode: 'list', value: 'customers' },
		...extra,
	};
}

/** Requests the sandbox counted with `method` (e.g. `GET`) whose path contains `pathPart`, over all statuses. */
export function requestCount(sandbox: RunningSandbox, method: string, pathPart: string): number {
	return Object.entries(sandbox.control.stats().requests)
		.filter(([key]) => key.startsWith(`${method} `) && key.includes(pathPart))
		.reduce((sum, [, byStatus]) => sum + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
}
