/**
 * A node that runs a credential type's `test` request through n8n's RoutingNode, as n8n's credential Test button
 * does, so that credential tests go through the real engine.
 */
import type { ICredentialType, INodeType } from 'n8n-workflow';

import { registerNodeType } from './engine';

/**
 * Registers (once per name) a one-property declarative node whose routing is `type.test.request`.
 * @returns its node type name, for `runNode(..., { nodeTypeName, parameters: { temp: '' } })`
 */
export function testerNode(type: ICredentialType): string {
	const name = `credentialTest.${type.name}`;
	const node: INodeType = {
		description: {
			displayName: 'Credential test',
			name,
			group: ['input'],
			version: 1,
			description: '',
			defaults: { name: 'Credential test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type.name, required: true }],
			requestDefaults: {},
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: type.test?.request } },
			],
		},
	};
	registerNodeType(name, node);
	return name;
}
