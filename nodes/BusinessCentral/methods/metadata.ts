/**
 * What the editor's dropdowns and the field mapper know about the chosen API route: its live `$metadata` (read
 * through the transport, cached per credential, environment and route), or the shipped catalog when BC cannot be
 * asked (no credential yet, offline, a route the environment does not have).
 */
import type { ILoadOptionsFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { shippedCatalog, type CatalogSource } from '../catalog';
import { checkedCredentials, environmentUrlOf, sendOptionsOf } from '../actions/settings';
import type { ParameterContext } from '../actions/shared/parameters';
import { locatorValue, readApiRoute } from '../actions/shared/validation';
import { EDITOR_METADATA_MAX_AGE_MS, readMetadata } from '../transport';

/** The editor's current parameters, read like an item's (`getCurrentNodeParameter` for dependent parameters). */
export function editorParameters(ctx: ILoadOptionsFunctions): ParameterContext {
	return {
		getNode: () => ctx.getNode(),
		getNodeParameter: (name: string, fallback?: unknown) => ctx.getCurrentNodeParameter(name) ?? fallback,
	};
}

/** The chosen API route, or undefined while the custom route's fields are incomplete. */
export function editorRoute(ctx: ILoadOptionsFunctions): string | undefined {
	try {
		return readApiRoute(editorParameters(ctx));
	} catch {
		return undefined;
	}
}

/** The chosen entity set name ('' when none). */
export function editorEntitySet(ctx: ILoadOptionsFunctions): string {
	return locatorValue(ctx.getCurrentNodeParameter('entitySet') as INodeParameterResourceLocator | string | undefined);
}

/** Where the editor's lists come from, and whether it is BC's live metadata. */
export interface EditorSource {
	source: CatalogSource;
	live: boolean;
}

/**
 * The live `$metadata` of `route`, or the shipped catalog when it cannot be read (the reason is dropped: a list
 * search must still offer what the node knows offline). A cached copy is reused for at most
 * {@link EDITOR_METADATA_MAX_AGE_MS}, so a dropdown's or the field mapper's refresh shows BC's current fields.
 */
export async function editorSource(ctx: ILoadOptionsFunctions, route: string): Promise<EditorSource> {
	try {
		const credentials = await checkedCredentials(ctx);
		const environmentUrl = environmentUrlOf(ctx, credentials);
		const metadata = await readMetadata(ctx, environmentUrl, route, sendOptionsOf(ctx, environmentUrl), {
			maxAgeMs: EDITOR_METADATA_MAX_AGE_MS,
		});
		return { source: metadata.source, live: true };
	} catch {
		return { source: shippedCatalog(), live: false };
	}
}
