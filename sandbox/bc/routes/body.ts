import type { Catalog, EntitySetDef, FieldDef, NavigationDef } from '../catalog';
import { isCodeField, maxLength } from '../catalog/field-rules';
import { edmType, matchEnumMember } from '../odata/values';
import { BcErrors, BcRequestError } from '../request-error';
import { escapeEnumMember, formatDateTime } from '../store/formats';
import { isGuid } from '../store/guid';
import type { Row } from '../store/table';

/** A request body checked against an entity type. */
export interface ValidatedBody {
	/** Wire-form values of the properties sent. */
	values: Row;
	/** Names of the properties sent (annotations excluded). */
	provided: Set<string>;
	/** Deep-insert children per `Many` navigation property (POST only). */
	deep: Array<{ nav: NavigationDef; bodies: unknown[] }>;
}

function invalidLiteral(value: unknown, field: FieldDef): BcRequestError {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return new BcRequestError(
		400,
		'BadRequest',
		`Cannot convert the literal '${text}' to the expected type '${edmType(field)}'.`,
	);
}

/**
 * Validates a POST/PATCH body as BC does (error codes: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes): `@odata.*` annotations are ignored;
 * unknown property → 400 `BadRequest` (OData's "does not exist on type" text); read-only field →
 * 400 `BadRequest_InvalidOperation` "Control '<caption>' is read-only" (`id` is accepted on POST,
 * and on PATCH when unchanged); wrong JSON type → 400 `BadRequest` "Cannot convert the literal …";
 * decimals as JSON strings only with `Content-Type: …;IEEE754Compatible=true` (OData JSON rule);
 * null → 400 `BadRequest_RequiredParamNotProvided`; too long → 400 `Application_StringExceededLength`;
 * bad GUID → 400 `Application_InvalidGUID`; unknown enum member → 400 `Unknown` "'x' is not an option.
 * The existing options are: …" (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-odata-batch). Code fields are upper-cased.
 * Navigation properties: arrays of `Many` parts are deep inserts on POST; on PATCH → 400 (deep update
 * is not supported: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/odata-known-limitations).
 */
export function validateBody(
	body: unknown,
	def: EntitySetDef,
	catalog: Catalog,
	mode: 'insert' | 'update',
	currentKey?: string,
	ieee754Compatible = false,
): ValidatedBody {
	if (typeof body !== 'object' || body === null || Array.isArray(body) || Buffer.isBuffer(body))
		throw new BcRequestError(400, 'BadRequest', 'Invalid Request Body');
	const out: ValidatedBody = { values: {}, provided: new Set(), deep: [] };
	for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
		if (name.startsWith('@') || name.includes('@')) continue;
		const nav = def.navigation.find((n) => n.name === name);
		if (nav) {
			if (mode === 'update')
				throw new BcRequestError(
					400,
					'BadRequest_InvalidOperation',
					`Deep update is not supported. Update '${name}' through its own entity set.`,
				);
			if (nav.multiplicity !== 'Many' || !Array.isArray(value))
				throw new BcRequestError(
					400,
					'BadRequest',
					`Deep insert of '${name}' requires an array of '${nav.targetSet}' entities.`,
				);
			out.deep.push({ nav, bodies: value });
			continue;
		}
		const field = catalog.field(def, name);
		if (!field || field.type === 'stream') {
			throw new BcRequestError(
				400,
				'BadRequest',
				`The property '${name}' does not exist on type 'Microsoft.NAV.${def.entityName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
			);
		}
		if (value === null)
			throw new BcRequestError(
				400,
				'BadRequest_RequiredParamNotProvided',
				`Field '${name}' must not be blank or empty.`,
			);
		const wire = convertValue(value, field, def, catalog, ieee754Compatible);
		if (field.readOnly) {
			const isKey = name === def.keyField;
			const allowed =
				isKey && (mode === 'insert' || String(wire).toLowerCase() === String(currentKey ?? '').toLowerCase());
			if (!allowed) {
				if (isKey && mode === 'update')
					throw BcErrors.dialog(def.errorLabels.CannotChangeIDErr ?? 'The "id" cannot be changed.');
				throw new BcRequestError(400, 'BadRequest_InvalidOperation', `Control '${field.caption}' is read-only`);
			}
		}
		out.values[name] = wire;
		out.provided.add(name);
	}
	return out;
}

/** OData's (fixed) text when a decimal/int64 arrives as a string without `IEEE754Compatible=true`, or as a number with it. */
function ieee754Conflict(field: FieldDef): BcRequestError {
	return new BcRequestError(
		400,
		'BadRequest',
		`Cannot convert a value to target type '${edmType(field)}' because of conflict between input format string/number and parameter 'IEEE754Compatible' false/true.`,
	);
}

function convertValue(
	value: unknown,
	field: FieldDef,
	def: EntitySetDef,
	catalog: Catalog,
	ieee754Compatible: boolean,
): unknown {
	switch (field.type) {
		case 'string': {
			if (typeof value !== 'string') throw invalidLiteral(value, field);
			const max = maxLength(def, field);
			if (value.length > max) {
				throw new BcRequestError(
					400,
					'Application_StringExceededLength',
					`The length of the string is ${value.length}, but it must be less than or equal to ${max} characters. Value: ${value}`,
				);
			}
			return isCodeField(field) ? value.toUpperCase() : value;
		}
		case 'GUID':
			if (typeof value !== 'string') throw invalidLiteral(value, field);
			if (!isGuid(value)) throw BcErrors.invalidGuid();
			return value.toLowerCase();
		case 'decimal':
		case 'int64': {
			if (typeof value === 'string' && !ieee754Compatible) throw ieee754Conflict(field);
			if (typeof value === 'number' && ieee754Compatible) throw ieee754Conflict(field);
			const n =
				typeof value === 'number'
					? value
					: typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())
						? Number(value)
						: NaN;
			if (!Number.isFinite(n) || (field.type === 'int64' && !Number.isInteger(n))) throw invalidLiteral(value, field);
			return n;
		}
		case 'integer':
			if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidLiteral(value, field);
			return value;
		case 'boolean':
			if (typeof value !== 'boolean') throw invalidLiteral(value, field);
			return value;
		case 'date':
			if (
				typeof value !== 'string' ||
				!/^\d{4}-\d{2}-\d{2}$/.test(value) ||
				Number.isNaN(Date.parse(`${value}T00:00:00Z`))
			)
				throw invalidLiteral(value, field);
			return value;
		case 'datetime': {
			const ms =
				typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
					? Date.parse(value)
					: NaN;
			if (Number.isNaN(ms)) throw invalidLiteral(value, field);
			return formatDateTime(ms);
		}
		case 'enum': {
			if (typeof value !== 'string') throw invalidLiteral(value, field);
			const members = catalog.enumMembers(field.enumType!);
			if (!members) return escapeEnumMember(value);
			const m = matchEnumMember(value, members);
			if (m === undefined)
				throw new BcRequestError(
					400,
					'Unknown',
					`'${value}' is not an option. The existing options are: ${members.join(',')}`,
				);
			return m;
		}
		default:
			throw invalidLiteral(value, field);
	}
}
