/** Reading the tenant's environment list for the Environment resource and the Environment locator. */
import type { IExecuteSingleFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../../../../core/constants';
import { DEFAULT_ADMIN_API_VERSION, type EnvironmentSource } from '../../transport';
import { credentialTypeOf } from '../settings';
import { fail, readOption, readText, type ParameterContext } from './parameters';

/**
 * The list to read for `choice` (`auto`: Admin Center API for app-only, `environments/v1.2` for delegated).
 * @throws NodeOperationError for an on-premises credential (environments exist online only)
 */
export function environmentSourceOf(
	ctx: IExecuteSingleFunctions | ILoadOptionsFunctions,
	choice: string,
): EnvironmentSource {
	const type = credentialTypeOf(ctx);
	if (type === CREDENTIAL_TYPES.accessKey)
		fail(
			ctx as ParameterContext,
			'Environment: on-premises has no environments',
			'Use an online credential (app-only or delegated).',
		);
	if (choice === 'admin' || choice === 'v1.2') return choice;
	return type === CREDENTIAL_TYPES.delegated ? 'v1.2' : 'admin';
}

/** The checked List From and Admin API Version of the Environment → Get Many operation. */
export function readEnvironmentListOptions(ctx: IExecuteSingleFunctions): {
	source: EnvironmentSource;
	version: string;
} {
	const choice = readOption(ctx, 'environmentSource', 'List From', ['auto', 'admin', 'v1.2'] as const, 'auto');
	const version = readText(ctx, 'adminApiVersion', 'Admin API Version', {
		fallback: DEFAULT_ADMIN_API_VERSION,
		maxLength: 10,
	}).trim();
	if (!/^v2\.\d+$/.test(version))
		fail(ctx, `Admin API Version: "${version}" is not a version`, 'Use v2.x, e.g. v2.24.');
	return { source: environmentSourceOf(ctx, choice), version };
}
