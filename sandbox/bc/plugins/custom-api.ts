/**
 * A custom API extension installed in every sandbox environment: publisher `contoso`, group `shipping`, version
 * `v1.0` (`/api/contoso/shipping/v1.0`), the shape of an AL API page of an extension
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api).
 *
 * `shipments` is keyed by its `code` (a Code[20], as pages with `ODataKeyFields = Code` are) and has a field of every
 * type the catalog knows: text with lengths, decimal, integer, big integer, boolean, date, datetime, GUID and an enum
 * whose member names need `_x0020_` escaping. Its rows are made up (the sandbox's own data).
 */
import type { EntitySetDef, FieldDef } from '../catalog';
import type { CompanyData } from '../store/store';
import { escapeEnumMember, formatDateTime } from '../store/formats';
import { derivedGuid } from '../store/guid';
import type { BcPlugin } from './types';

/** The custom API route served by {@link customApiPlugin}. */
export const CUSTOM_API_ROUTE = 'contoso/shipping/v1.0';

/** Members of the `shipmentStatus` enum (AL enum values 0..4; names with spaces are escaped on the wire). */
export const SHIPMENT_STATUS = ['Open', 'Ready to Ship', 'In Transit', 'Delivered', 'On Hold'];

function field(name: string, type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef {
	const caption = name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
	return { name, type, readOnly: false, caption, alField: caption, ...extra };
}

/** The `shipments` entity set (page `Contoso Shipments API`, table `Contoso Shipment`). */
export const SHIPMENTS: EntitySetDef = {
	route: CUSTOM_API_ROUTE,
	entitySet: 'shipments',
	entityName: 'shipment',
	caption: 'Shipments',
	sourceTable: 'Contoso Shipment',
	temporary: false,
	kind: 'page',
	keyField: 'code',
	scope: 'company',
	allRoutes: false,
	companyContainer: false,
	etag: true,
	defaultOrderBy: ['code'],
	insertAllowed: true,
	modifyAllowed: true,
	deleteAllowed: true,
	fields: [
		field('code', 'string', { maxLength: 20, notBlank: true }),
		field('id', 'GUID', { readOnly: true, alField: 'SystemId' }),
		field('description', 'string', { maxLength: 100 }),
		field('customerNumber', 'string', { maxLength: 20, notBlank: true }),
		field('weightKg', 'decimal'),
		field('packageCount', 'integer'),
		field('trackingSequence', 'int64'),
		field('fragile', 'boolean'),
		field('plannedShipDate', 'date'),
		field('lastScanAt', 'datetime'),
		field('carrierId', 'GUID'),
		field('status', 'enum', { enumType: 'shipmentStatus' }),
		field('lastModifiedDateTime', 'datetime', { readOnly: true, alField: 'SystemModifiedAt' }),
	],
	navigation: [],
	actions: [],
	errorLabels: {},
};

/** `shipmentTrackingEvents`: a read-only page of the same route (InsertAllowed/ModifyAllowed/DeleteAllowed false). */
export const TRACKING_EVENTS: EntitySetDef = {
	...SHIPMENTS,
	entitySet: 'shipmentTrackingEvents',
	entityName: 'shipmentTrackingEvent',
	caption: 'Shipment Tracking Events',
	sourceTable: 'Contoso Tracking Event',
	keyField: 'id',
	defaultOrderBy: [],
	insertAllowed: false,
	modifyAllowed: false,
	deleteAllowed: false,
	fields: [
		field('id', 'GUID', { readOnly: true, alField: 'SystemId' }),
		field('shipmentCode', 'string', { maxLength: 20, readOnly: true }),
		field('location', 'string', { maxLength: 50, readOnly: true }),
		field('scannedAt', 'datetime', { readOnly: true }),
	],
};

function seed(company: CompanyData): void {
	const rows = [
		['SHP-1001', 'Bikes to Atlanta', '10000', 412.5, 3, 9_007_199_254_740, false, '2024-06-10', 'Open'],
		['SHP-1002', "O'Brien spare parts", '20000', 18.25, 1, 9_007_199_254_741, true, '2024-06-11', 'In Transit'],
		['SHP-1003', 'Office chairs', '30000', 96, 12, 9_007_199_254_742, false, '2024-06-12', 'Ready to Ship'],
	] as const;
	company.table(SHIPMENTS).load(
		rows.map(([code, description, customerNumber, weightKg, packageCount, seq, fragile, date, status], i) => ({
			code,
			id: derivedGuid(`${company.id}/shipments/${code}`),
			description,
			customerNumber,
			weightKg,
			packageCount,
			trackingSequence: seq,
			fragile,
			plannedShipDate: date,
			lastScanAt: formatDateTime(Date.UTC(2024, 5, 9, 14, i * 7, 5)),
			carrierId: derivedGuid(`carrier/${i % 2}`),
			status: escapeEnumMember(status),
			lastModifiedDateTime: formatDateTime(Date.UTC(2024, 5, 9, 15, i, 0)),
		})),
	);
	company.table(TRACKING_EVENTS).load(
		rows.map(([code], i) => ({
			id: derivedGuid(`${company.id}/shipmentTrackingEvents/${code}`),
			shipmentCode: code,
			location: ['Atlanta', 'Chicago', 'Seattle'][i],
			scannedAt: formatDateTime(Date.UTC(2024, 5, 9, 14, i * 7, 5)),
		})),
	);
}

/** The `customApi` plugin: the `contoso/shipping/v1.0` route with `shipments` and `shipmentTrackingEvents`. */
export function customApiPlugin(): BcPlugin {
	return {
		name: 'customApi',
		catalog: { entitySets: [SHIPMENTS, TRACKING_EVENTS], enums: { shipmentStatus: SHIPMENT_STATUS } },
		seed,
	};
}
