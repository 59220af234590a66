/** Case-insensitive access to HTTP headers held in a plain object (HTTP header names are case-insensitive). */

/** The key under which `headers` holds the header `name`, whatever its case; undefined when absent. */
export function headerKey(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const lower = name.toLowerCase();
	return Object.keys(headers ?? {}).find((k) => k.toLowerCase() === lower);
}

/** The value of header `name` as text (the first one of a list); undefined when absent. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const key = headerKey(headers, name);
	const value = key ? headers?.[key] : undefined;
	return value === undefined ? undefined : String(Array.isArray(value) ? value[0] : value);
}
