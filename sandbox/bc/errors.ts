import type { BcApiResponse } from '../contracts';

/**
 * Builds a Business Central JSON error response.
 *
 * Shape (real bodies: test/fixtures/bc-errors-from-public-issues.json; https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes):
 * `{"error":{"code":"<code>","message":"<text>  CorrelationId:  <guid>."}}` —
 * the message is suffixed with two spaces, `CorrelationId:`, two spaces, the GUID and a period.
 *
 * @param status HTTP status (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/web-service-troubleshooting#http-status-codes)
 * @param code BC error code such as `BadRequest_NotFound` or `Request_EntityChanged`
 * @param message human text without the CorrelationId suffix
 * @param correlationId GUID of the request; omitted from the message when empty
 * @param headers extra response headers (e.g. `Retry-After`)
 */
export function bcError(
	status: number,
	code: string,
	message: string,
	correlationId: string,
	headers: Record<string, string> = {},
): BcApiResponse {
	const text = correlationId ? `${message}  CorrelationId:  ${correlationId}.` : message;
	return {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
		body: { error: { code, message: text } },
	};
}

/**
 * BC's XML OData error, used by the gateway for routing failures such as an unknown environment
 * (404 with `<code>NoEnvironment</code><message>Environment does not exist.</message>`, a real response in
 * github.com/amp-labs/connectors `providers/dynamicsbusiness/test/err-missing-environment.xml`).
 */
export function bcXmlError(status: number, code: string, message: string): BcApiResponse {
	return {
		status,
		headers: { 'content-type': 'application/xml; charset=utf-8' },
		body: `<?xml version="1.0" encoding="utf-8"?><error xmlns="http://docs.oasis-open.org/odata/ns/metadata"><code>${code}</code><message>${message}</message></error>`,
	};
}
