/**
 * Per-item cost: how often n8n evaluates the user's expressions for one item of this node. n8n-core's RoutingNode
 * evaluates every property of the node once per item and again to find the base URL; the node adds one read per
 * parameter it uses and checks the credential once per execution.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { customerParameters, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import type { RunningSandbox } from '../helpers/sandbox';

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

it("evaluates the item's body expression 3 times per item (was 7) and the base URL twice (RoutingNode's own)", async () => {
	const items = Array.from({ length: 20 }, (_, i) => ({ displayName: `Cost ${i}` }));
	const per = await evaluationsPerItem(
		customerParameters(companyId, 'create', { bodyMode: 'json', jsonBody: '={{ JSON.stringify($json) }}' }),
		items,
	);
	// Twice by RoutingNode (its property loop and its base-URL check), once by the node's preSend.
	expect(per('={{ JSON.stringify($json) }}')).toBe(3);
	expect(per('={{ $credentials.environmentUrl }}')).toBe(2);
});

it('evaluates a Get’s record ID expression 3 times per item (was 7)', async () => {
	const items = Array.from({ length: 20 }, () => ({ id: '00000000-0000-0000-0000-000000000001' }));
	const per = await evaluationsPerItem(customerParameters(companyId, 'get', { recordId: '={{ $json.id }}' }), items);
	expect(per('={{ $json.id }}')).toBe(3);
});
