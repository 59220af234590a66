import type { INodeProperties } from 'n8n-workflow';

/**
 * The environment requests go to, overriding the credential's (same tenant, same sign-in): listed from BC online's
 * environment lists, or typed. Empty: the credential's environment. Online only.
 */
export const environmentLocator: INodeProperties = {
	displayName: 'Environment',
	name: 'environment',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: "The environment to work in; leave empty for the credential's environment (online only)",
	displayOptions: { hide: { resource: ['environment'] } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchEnvironments', searchable: true },
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. Production',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '[A-Za-z0-9][A-Za-z0-9_-]{0,29}',
						errorMessage: 'Enter an environment name (letters, digits, - and _)',
					},
				},
			],
		},
	],
};

/** Which environment list to read. */
export const environmentSourceProperty: INodeProperties = {
	displayName: 'List From',
	name: 'environmentSource',
	type: 'options',
	options: [
		{
			name: 'Automatic',
			value: 'auto',
			description: 'Admin Center API for app-only credentials, environments/v1.2 for delegated ones',
		},
		{
			name: 'Admin Center API',
			value: 'admin',
			description: 'Needs AdminCenter.ReadWrite.All and the app authorized in the admin center (app-only)',
		},
		{ name: 'Environments v1.2', value: 'v1.2', description: 'For delegated (user) sign-in' },
	],
	default: 'auto',
};
