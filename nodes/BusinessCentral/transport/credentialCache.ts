/**
 * The decrypted credential of one node run, read once and shared by the requests of all its items.
 *
 * Why: n8n's `helpers.httpRequestWithAuthentication` reads the credential again for every request (n8n's
 * `CredentialsHelper.getDecrypted`, packages/cli/src/credentials-helper.ts: a database read, a decryption, and the
 * evaluation of the credential's expressions such as the Environment URL in n8n's expression sandbox). Measured in
 * n8n 2.41.1: about 2 ms of CPU per request, a third of the node's cost per item of a single-record Get.
 *
 * The cache is keyed by the node run's execute data (the object n8n-core gives the context of every item of one run
 * of a node; a new one for each run, execution and loop iteration), held in a WeakMap: it lives as long as that run,
 * is never persisted, and is never shared between runs or executions. Contexts without execute data (list searches,
 * load options, trigger poll/hook/webhook functions) get `undefined`: they keep n8n's per-request read.
 */
import type { IAllExecuteFunctions, ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Any n8n context the transport sends from (the transport's `BcContext`). */
type BcContext = IAllExecuteFunctions;

const runs = new WeakMap<object, Map<string, unknown>>();

/** The node run (execute data) a context belongs to, when it has one. */
function runOf(ctx: BcContext): object | undefined {
	const getExecuteData = (ctx as { getExecuteData?: () => unknown }).getExecuteData;
	if (typeof getExecuteData !== 'function') return undefined;
	const executeData = getExecuteData.call(ctx);
	return executeData && typeof executeData === 'object' ? executeData : undefined;
}

/**
 * Values kept for the node run `ctx` belongs to (shared by all its items, forgotten with the run), e.g. the
 * credential read below or which routes' `$metadata` the run already refreshed.
 * @returns the run's map (keys: `<purpose>|<detail>`), or undefined when the context has no node run
 */
export function runMemo(ctx: BcContext): Map<string, unknown> | undefined {
	const run = runOf(ctx);
	if (!run) return undefined;
	let memo = runs.get(run);
	if (!memo) {
		memo = new Map();
		runs.set(run, memo);
	}
	return memo;
}

/**
 * The credential of this node run: read through `ctx.getCredentials` on the first call of the run (concurrent
 * callers share the read), then the same data. A failed read is not kept: the next request reads again.
 * @param credentialType the credential type name the node uses
 * @returns the read, or undefined when the context has no node run (then sign per request through n8n)
 */
export function runCredentials(
	ctx: BcContext,
	credentialType: string,
): Promise<ICredentialDataDecryptedObject> | undefined {
	const memo = runMemo(ctx);
	if (!memo) return undefined;
	const key = `credentials|${credentialType}`;
	let read = memo.get(key) as Promise<ICredentialDataDecryptedObject> | undefined;
	if (!read) {
		read = ctx.getCredentials(credentialType);
		memo.set(key, read);
		read.catch(() => memo.delete(key));
	}
	return read;
}
