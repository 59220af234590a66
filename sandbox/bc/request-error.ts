/**
 * A BC error raised while serving a request; `createBcApi().handle` turns it into BC's JSON error
 * body via `bcError` with the request's correlation id (codes: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes).
 */
export class BcRequestError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
		this.name = 'BcRequestError';
	}
}

/** BC's texts for the errors raised in several places (codes and texts: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes and test/fixtures/bc-errors-from-public-issues.json). */
export const BcErrors = {
	/** ODataNotFoundException for unparsable query options (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes). */
	querySyntax: () => new BcRequestError(400, 'BadRequest_NotFound', 'Bad Request - Error in query syntax.'),
	/** Unknown property in $filter/$select/$orderby/$expand (a real error body in github.com/amp-labs/connectors `providers/dynamicsbusiness/test/read/balance-sheets/error-since.json`). */
	propertyNotFound: (name: string, entityName: string) =>
		new BcRequestError(
			400,
			'BadRequest',
			`Could not find a property named '${name}' on type 'Microsoft.NAV.${entityName}'.`,
		),
	/** Unknown URL segment (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes; a real body, served with 404 by its tests, in github.com/amp-labs/connectors `providers/dynamicsbusiness/test/write/contacts/not-found.json`). */
	segmentNotFound: (segment: string) =>
		new BcRequestError(404, 'BadRequest_ResourceNotFound', `Resource not found for the segment '${segment}'.`),
	/** Read-only entity set or verb not allowed (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes). */
	methodNotAllowed: (method: string, entitySet: string) =>
		new BcRequestError(
			405,
			'BadRequest_MethodNotAllowed',
			`'${method}' requests for '${entitySet}' of EdmType 'Entity' are not allowed within Microsoft Dynamics NAV OData web services.`,
		),
	/** NavNCLInvalidGuidFormatException text (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes). */
	invalidGuid: () =>
		new BcRequestError(
			400,
			'Application_InvalidGUID',
			'Invalid format of GUID string. The correct format of the GUID string is: CDEF7890-ABCD-0123-1234-567890ABCDEF where 0-9, A-F symbolizes hexadecimal digits.',
		),
	/** Missing record (`Internal_RecordNotFound`, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes; the 404 status is UNVERIFIED, the sandbox's own choice). */
	recordNotFound: (caption: string, keyCaption: string, key: string) =>
		new BcRequestError(
			404,
			'Internal_RecordNotFound',
			`The ${caption} does not exist. Identification fields and values: ${keyCaption}='${key}'`,
		),
	/** Company-scoped set without company (test/fixtures/bc-errors-from-public-issues.json; status UNVERIFIED, 400 is the sandbox's own choice). */
	companyNotFound: () =>
		new BcRequestError(
			400,
			'Internal_CompanyNotFound',
			'Cannot process the request because the default company cannot be found. You can specify a default company in the service configuration file, or specify one for each tenant, or you can add a query string in the form of "company=[name]". You can see the available companies by accessing the default OData web service, Company. For more information, see "OData Web Services" in Help.',
		),
	/** Missing If-Match (test/fixtures/bc-errors-from-public-issues.json, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes; status 400 UNVERIFIED, the sandbox's own choice). */
	missingIfMatch: () =>
		new BcRequestError(
			400,
			'BadRequest_InvalidToken',
			'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.',
		),
	/** Stale If-Match: 409 (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/web-service-troubleshooting#http-status-codes, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes). */
	entityChanged: () => new BcRequestError(409, 'Request_EntityChanged', 'Another user has already changed the record.'),
	/** Application error raised by AL `Error(...)` (`Application_DialogException`, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes). */
	dialog: (message: string) => new BcRequestError(400, 'Application_DialogException', message),
};
