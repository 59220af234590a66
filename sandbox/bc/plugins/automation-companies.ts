/**
 * The `automationCompanies` plugin: creating a company through BC's automation API,
 * `POST /api/microsoft/automation/v2.0/companies(<any company id>)/automationCompanies` with `{ name, displayName,
 * evaluationCompany, businessProfileId }`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/itpro-introduction-to-automation-apis).
 * The new company is listed by `companies` at once; a non-evaluation company has no data, an evaluation company gets
 * the sandbox's demo data. Answers 201 with the automationCompany. BC's texts for a duplicate or missing name are
 * UNVERIFIED (the sandbox's own wording below). Without this plugin the POST only stores a row, as before.
 */
import { derivedGuid } from '../store/guid';
import { formatDateTime } from '../store/formats';
import { BcRequestError } from '../request-error';
import { jsonResponse, type Route } from '../routes/context';
import type { BcPlugin } from './types';

/** Longest company name BC accepts (table Company, field Name: Text[30]). */
const MAX_NAME_LENGTH = 30;

const AUTOMATION_ROUTE = 'microsoft/automation/v2.0';

const createCompanyRoute: Route = {
	name: 'automation-companies-create',
	match: (ctx) =>
		ctx.request.method === 'POST' &&
		ctx.request.apiRoute === AUTOMATION_ROUTE &&
		ctx.segments.length === 2 &&
		ctx.segments[0].name === 'companies' &&
		ctx.segments[1].name === 'automationCompanies' &&
		ctx.segments[1].key === undefined,
	handle(ctx) {
		const { store } = ctx.state;
		const environment = ctx.request.environment;
		const parent = ctx.segments[0].key ?? '';
		if (!store.findCompany(environment, parent)) {
			throw new BcRequestError(404, 'Internal_CompanyNotFound', `The company '${parent}' does not exist.`);
		}
		const body = (ctx.request.body ?? {}) as Record<string, unknown>;
		const name = typeof body.name === 'string' ? body.name.trim() : '';
		if (!name || name.length > MAX_NAME_LENGTH) {
			throw new BcRequestError(
				400,
				'BadRequest',
				`The name of a company must have 1 to ${MAX_NAME_LENGTH} characters.`,
			);
		}
		if (store.companies(environment).some((c) => String(c.name).toLowerCase() === name.toLowerCase())) {
			throw new BcRequestError(400, 'Internal_EntityWithSameKeyExists', `The company ${name} already exists.`);
		}
		const displayName = typeof body.displayName === 'string' ? body.displayName : '';
		const evaluation = body.evaluationCompany === true;
		const now = formatDateTime(ctx.state.now());
		const id = derivedGuid(`company/${environment}/${name}`);
		store.addCompany(
			environment,
			{
				id,
				systemVersion: '24.5.23489.23968',
				timestamp: 0,
				name,
				displayName,
				businessProfileId: '',
				systemCreatedAt: now,
				systemCreatedBy: '00000000-0000-0000-0000-000000000001',
				systemModifiedAt: now,
				systemModifiedBy: '00000000-0000-0000-0000-000000000001',
			},
			evaluation,
		);
		return jsonResponse(201, {
			id,
			name,
			evaluationCompany: evaluation,
			displayName,
			businessProfileId: '',
		});
	},
};

/** The `automationCompanies` plugin (see the file comment). */
export function automationCompaniesPlugin(): BcPlugin {
	return { name: 'automationCompanies', routes: [createCompanyRoute] };
}
