/** Shaping of Business Central response bodies into n8n item JSON. */
import type { IDataObject } from 'n8n-workflow';

/**
 * One entity (or any response body) as item JSON: drops `@odata.context`, which is noise in n8n items, and keeps
 * `@odata.etag` (needed for updates). A body that is not an object becomes `{ value: body }`.
 */
export function entityJson(entity: unknown): IDataObject {
	if (!entity || typeof entity !== 'object' || Array.isArray(entity)) return { value: entity as IDataObject[] };
	const rest: IDataObject = { ...(entity as IDataObject) };
	delete rest['@odata.context'];
	return rest;
}
