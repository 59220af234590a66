import type { BcApiResponse } from '../../contracts';
import { BcErrors, BcRequestError } from '../request-error';
import { jsonResponse, type Route } from './context';
import { handleGet } from './read';
import { resolveTarget } from './resolve';
import { handleDelete, handlePatch, handlePost } from './write';

export type { Route, RequestContext, ApiState } from './context';

/** `GET <api root>` → OData service document listing the route's entity sets (plus the `allRoutes` ones: `companies`). */
export const serviceDocumentRoute: Route = {
	name: 'service-document',
	match: (ctx) => ctx.segments.length === 0,
	handle(ctx): BcApiResponse {
		if (ctx.request.method !== 'GET') throw BcErrors.methodNotAllowed(ctx.request.method, '');
		const sets = ctx.state.catalog.entitySetsOf(ctx.request.apiRoute);
		return jsonResponse(200, {
			'@odata.context': `${ctx.request.serviceRootUrl}/$metadata`,
			value: sets.map((s) => ({ name: s.entitySet, kind: 'EntitySet', url: s.entitySet })),
		});
	},
};

/** Bound actions (`…(<id>)/Microsoft.NAV.post`): not implemented yet; later work registers a route before this one. */
export const boundActionRoute: Route = {
	name: 'bound-action',
	match: (ctx) => ctx.segments.length > 0 && ctx.segments[ctx.segments.length - 1].name.startsWith('Microsoft.NAV.'),
	handle(ctx) {
		const target = resolveTarget(ctx);
		if (!target.action || !target.def.actions.includes(target.action))
			throw BcErrors.segmentNotFound(ctx.segments[ctx.segments.length - 1].name);
		if (ctx.request.method !== 'POST') throw BcErrors.methodNotAllowed(ctx.request.method, target.def.entitySet);
		throw new BcRequestError(
			501,
			'BadRequest_MethodNotImplemented',
			`The bound action '${target.action}' is not implemented by the sandbox.`,
		);
	},
};

/** Entity sets: GET/POST/PATCH/DELETE on collections, entities, nested navigation paths and `/$count`. */
export const entitySetRoute: Route = {
	name: 'entity-set',
	match: () => true,
	handle(ctx) {
		const target = resolveTarget(ctx);
		switch (ctx.request.method) {
			case 'GET':
				return handleGet(ctx, target);
			case 'POST':
				return ctx.state.store.atomic(() => handlePost(ctx, target));
			case 'PATCH':
				return ctx.state.store.atomic(() => handlePatch(ctx, target));
			case 'DELETE':
				return ctx.state.store.atomic(() => handleDelete(ctx, target));
			default:
				throw BcErrors.methodNotAllowed(ctx.request.method, target.def.entitySet);
		}
	},
};

/**
 * The route table, tried in order. Later features ($metadata, $batch, subscriptions, bound actions,
 * PDF documents) insert their routes in front of `entitySetRoute` via `createBcApi({ routes })`.
 */
export function defaultRoutes(): Route[] {
	return [serviceDocumentRoute, boundActionRoute, entitySetRoute];
}
