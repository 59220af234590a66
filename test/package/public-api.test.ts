/**
 * The package's public API, as saved workflows and credentials depend on it: node and credential type names, every
 * parameter's name, type, default, display conditions and option values, and the credentials' properties.
 *
 * The snapshot is the contract: a change to it renames or removes something a saved workflow may use. Adding a
 * parameter or an option changes the snapshot too; review the diff (add, never rename) and update it with
 * `npx jest test/package -u`. Functions (preSend, pagination hooks) are not part of the contract and are left out.
 */
import { BusinessCentralAccessKeyApi } from '../../credentials/BusinessCentralAccessKeyApi.credentials';
import { BusinessCentralClientCredentialsApi } from '../../credentials/BusinessCentralClientCredentialsApi.credentials';
import { BusinessCentralOAuth2Api } from '../../credentials/BusinessCentralOAuth2Api.credentials';
import { BusinessCentralTrigger } from '../../nodes/BusinessCentral/BusinessCentralTrigger.node';
import { nodeType } from '../helpers/engine';

/** The description as JSON (functions dropped, as n8n's editor receives it). */
function asJson(value: unknown): unknown {
	return JSON.parse(JSON.stringify(value));
}

describe('public API', () => {
	it('the node description is unchanged', () => {
		expect(asJson(nodeType.description)).toMatchSnapshot();
	});

	it('the trigger node description is unchanged', () => {
		const trigger = new BusinessCentralTrigger();
		expect(trigger.description.name).toBe('businessCentralTrigger');
		expect(asJson(trigger.description)).toMatchSnapshot();
	});

	it.each([
		['businessCentralAccessKeyApi', new BusinessCentralAccessKeyApi()],
		['businessCentralClientCredentialsApi', new BusinessCentralClientCredentialsApi()],
		['businessCentralOAuth2Api', new BusinessCentralOAuth2Api()],
	])('the %s credential is unchanged', (name, credential) => {
		expect(credential.name).toBe(name);
		expect(asJson({ ...credential, properties: credential.properties })).toMatchSnapshot();
	});

	it('the node lists its operations with their routing hooks', () => {
		const operations = nodeType.description.properties.filter((p) => p.name === 'operation');
		const withoutHook = operations.flatMap((p) =>
			(p.options ?? [])
				.filter(
					(o) =>
						'routing' in o &&
						!(o as { routing?: { operations?: { pagination?: unknown } } }).routing?.operations?.pagination,
				)
				.map((o) => `${String(p.displayOptions?.show?.resource)}.${'value' in o ? String(o.value) : ''}`),
		);
		expect(withoutHook).toEqual([]);
		expect(operations.length).toBeGreaterThan(0);
	});
});
