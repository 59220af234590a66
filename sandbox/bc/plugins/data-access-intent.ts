/**
 * The `dataAccessIntent` plugin: the `Data-Access-Intent` request header
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-connect-apps-tips#DataAccessIntent).
 * `ReadOnly` and `ReadWrite` are accepted on GET (the sandbox has one database, so both read the same data, as BC
 * sandboxes without read scale-out do); "modification requests (like POST, PUT, or DELETE) only support ReadWrite":
 * `ReadOnly` on a write is refused with 400. The code and message of that error are UNVERIFIED (the sandbox's own
 * choice: `BadRequest`, text below); any other header value is refused the same way.
 */
import { BcRequestError } from '../request-error';
import type { Route } from '../routes/context';
import type { BcPlugin } from './types';

/** The text of the sandbox's error for ReadOnly on a write (UNVERIFIED wording). */
export const READ_ONLY_WRITE_MESSAGE =
	"The Data-Access-Intent 'ReadOnly' is not supported for modification requests. Use 'ReadWrite' or omit the header.";

const intentOf = (headers: Record<string, string | undefined>) => headers['data-access-intent']?.trim();

const dataAccessIntentRoute: Route = {
	name: 'data-access-intent',
	match(ctx) {
		const intent = intentOf(ctx.request.headers);
		if (intent === undefined) return false;
		if (!/^(ReadOnly|ReadWrite)$/i.test(intent)) return true;
		return ctx.request.method !== 'GET' && /^ReadOnly$/i.test(intent);
	},
	handle(ctx) {
		const intent = intentOf(ctx.request.headers) ?? '';
		if (!/^(ReadOnly|ReadWrite)$/i.test(intent))
			throw new BcRequestError(
				400,
				'BadRequest',
				`'${intent}' is not a valid Data-Access-Intent. Use ReadOnly or ReadWrite.`,
			);
		throw new BcRequestError(400, 'BadRequest', READ_ONLY_WRITE_MESSAGE);
	},
};

/** The `dataAccessIntent` plugin (see the file comment). Load it before plugins whose routes serve writes. */
export function dataAccessIntentPlugin(): BcPlugin {
	return { name: 'dataAccessIntent', routes: [dataAccessIntentRoute] };
}
