/**
 * Per-item cost: how often n8n evaluates the user's expressions for one item of this node, and how often the
 * credential is read. n8n-core's RoutingNode evaluates every property of the node once per item and again to find
 * the base URL; the node adds one read per parameter it uses, checks the credential once per execution, and reads
 * the app-only and access-key credentials once per node run to sign all its items' requests.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { customerParameters, requestCount, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import { accessKeyCredential, type RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup());
});
afterAll(async () => sandbox.stop());

/** Evaluations per item of each expression during one run of `items` items. */
async function evaluationsPerItem(parameters: INodeParameters, items: IDataObject[]) {
	const counts = new Map<string, number>();
	const original = Expression.prototype.resolveSimpleParameterValue;
	const spy = jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue').mockImplementation(function (
		this: Expression,
		...args: Parameters<typeof original>
	) {
		const value = args[0];
		if (typeof value === 'string' && value.startsWith('=')) counts.set(value, (counts.get(value) ?? 0) + 1);
		return original.apply(this, args);
	});
	try {
		const { error } = await runNode(helper, {
			parameters: parameters as never,
			credential,
			items,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
	} finally {
		spy.mockRestore();
	}
	return (expression: string) => (counts.get(expression) ?? 0) / items.length;
}

it("evaluates the item's body expression 3 times per item (was 7) and no base URL expression (was 2)", async () => {
	const items = Array.from({ length: 20 }, (_, i) => ({ displayName: `Cost ${i}` }));
	const per = await evaluationsPerItem(
		customerParameters(companyId, 'create', { bodyMode: 'json', jsonBody: '={{ JSON.stringify($json) }}' }),
		items,
	);
	// Twice by RoutingNode (its property loop and its base-URL check), once by the node's preSend.
	expect(per('={{ JSON.stringify($json) }}')).toBe(3);
	// The base URL is set by the node's first preSend from the credential read once per run, not by an expression.
	expect(per('={{ $credentials.environmentUrl }}')).toBe(0);
});

it('evaluates a Get’s record ID expression 3 times per item (was 7)', async () => {
	const items = Array.from({ length: 20 }, () => ({ id: '00000000-0000-0000-0000-000000000001' }));
	const per = await evaluationsPerItem(customerParameters(companyId, 'get', { recordId: '={{ $json.id }}' }), items);
	expect(per('={{ $json.id }}')).toBe(3);
});

describe('credential reads', () => {
	/** Runs the node and counts the credential reads (n8n's `getDecrypted`) of that run. */
	async function readsDuring(run: () => ReturnType<typeof runNode>) {
		const spy = jest.spyOn(helper, 'getDecrypted');
		try {
			const result = await run();
			return { ...result, reads: spy.mock.calls.length };
		} finally {
			spy.mockRestore();
		}
	}
	async function customerIds(): Promise<string[]> {
		const { items } = await runNode(helper, {
			parameters: customerParameters(companyId, 'getAll', { limit: 5 }),
			credential,
		});
		return items.map((i) => String(i.json.id));
	}

	it('200 Gets read the app-only credential twice per run (RoutingNode once, the node once), not once per request', async () => {
		const ids = await customerIds();
		sandbox.control.reset();
		const items = Array.from({ length: 200 }, (_, i) => ({ id: ids[i % ids.length] }));
		const {
			items: out,
			error,
			reads,
		} = await readsDuring(() =>
			runNode(helper, {
				parameters: customerParameters(companyId, 'get', { recordId: '={{ $json.id }}' }),
				credential,
				items,
			}),
		);
		expect(error).toBeUndefined();
		expect(out).toHaveLength(200);
		expect(requestCount(sandbox, 'GET', '/customers(')).toBe(200);
		// Through n8n's httpRequestWithAuthentication this was 201: one read per request.
		expect(reads).toBe(2);
	});

	it('each run reads the credential afresh: a key changed between two runs is used by the second', async () => {
		const data = accessKeyCredential(sandbox);
		const onPrem = helper.add('businessCentralAccessKeyApi', data);
		const parameters = {
			...customerParameters(sandbox.info.companies.onprem[0].id, 'getAll', { limit: 2 }),
			authentication: 'businessCentralAccessKeyApi',
		};
		const first = await readsDuring(() => runNode(helper, { parameters, credential: onPrem }));
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(2);
		expect(first.reads).toBe(2);
		helper.stored(String(onPrem.id)).password = 'rotated-key-0000';
		const second = await runNode(helper, { parameters, credential: onPrem });
		expect(second.error?.httpCode).toBe('401');
		expect(JSON.stringify(second.error)).not.toContain('rotated-key-0000');
	});
});

it('a credential restricted to other domains still reaches its own environment, as when n8n saw the base URL', async () => {
	const restricted = helper.add('businessCentralClientCredentialsApi', {
		...helper.stored(String(credential.id)),
		allowedHttpRequestDomains: 'domains',
		allowedDomains: 'example.com',
	});
	const { items, error } = await runNode(helper, {
		parameters: customerParameters(companyId, 'getAll', { limit: 1 }),
		credential: restricted,
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(1);
});
