/**
 * A BC error raised while serving a request; `createBcApi().handle` turns it into BC's JSON error
 * body via `bcError` with the request's correlation id (reference §4.1, §4.2).
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

/** BC's texts for the errors raised in several places (sources: reference §3–§4 and the fixtures). */
export const BcErrors = {
	/** ODataNotFoundException for unparsable query options (reference §4.2). */
	querySyntax: () => new BcRequestError(400, 'BadRequest_NotFound', 'Bad Request - Error in query syntax.'),
	/** Unknown property in $filter/$select/$orderby/$expand (CAPTURE amp-labs balanceSheets, reference §3.1). */
	propertyNotFound: (name: string, entityName: string) =>
		new BcRequestError(
			400,
			'BadRequest',
			`Could not find a property named '${name}' on type 'Microsoft.NAV.${entityName}'.`,
		),
	/** Unknown URL segment (reference §4.2, served with 404 in the amp-labs capture). */
	segmentNotFound: (segment: string) =>
		new BcRequestError(404, 'BadRequest_ResourceNotFound', `Resource not found for the segment '${segment}'.`),
	/** Read-only entity set or verb not allowed (reference §1.5, §4.2). */
	methodNotAllowed: (method: string, entitySet: string) =>
		new BcRequestError(
			405,
			'BadRequest_MethodNotAllowed',
			`'${method}' requests for '${entitySet}' of EdmType 'Entity' are not allowed within Microsoft Dynamics NAV OData web services.`,
		),
	/** NavNCLInvalidGuidFormatException text (reference §4.2). */
	invalidGuid: () =>
		new BcRequestError(
			400,
			'Application_InvalidGUID',
			'Invalid format of GUID string. The correct format of the GUID string is: CDEF7890-ABCD-0123-1234-567890ABCDEF where 0-9, A-F symbolizes hexadecimal digits.',
		),
	/** Missing record (reference §4.2 `Internal_RecordNotFound`; 404 is UNVERIFIED there). */
	recordNotFound: (caption: string, keyCaption: string, key: string) =>
		new BcRequestError(
			404,
			'Internal_RecordNotFound',
			`The ${caption} does not exist. Identification fields and values: ${keyCaption}='${key}'`,
		),
	/** Company-scoped set without company (fixture bc-errors-from-public-issues.json; status UNVERIFIED, 400 chosen). */
	companyNotFound: () =>
		new BcRequestError(
			400,
			'Internal_CompanyNotFound',
			'Cannot process the request because the default company cannot be found. You can specify a default company in the service configuration file, or specify one for each tenant, or you can add a query string in the form of "company=[name]". You can see the available companies by accessing the default OData web service, Company. For more information, see "OData Web Services" in Help.',
		),
	/** Missing If-Match (fixture bc-errors-from-public-issues.json; 400 per reference §3.3). */
	missingIfMatch: () =>
		new BcRequestError(
			400,
			'BadRequest_InvalidToken',
			'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.',
		),
	/** Stale If-Match (reference §3.3). */
	entityChanged: () => new BcRequestError(409, 'Request_EntityChanged', 'Another user has already changed the record.'),
	/** Application error raised by AL `Error(...)` (reference §4.2 `Application_DialogException`). */
	dialog: (message: string) => new BcRequestError(400, 'Application_DialogException', message),
};
