/**
 * The sandbox's plug-in point: a {@link SandboxPlugin} is a data-layer plugin (`BcPlugin`: BC API routes, entity
 * behaviours, derived sets, record-change listeners, `ctx.dispatch` for inner requests) plus plain HTTP routes on the
 * sandbox's fastify server (a control endpoint, an OData V4 or admin API later). Pass plugins to
 * `startSandbox({ plugins })`; the sandbox's own behaviours load the same way as the built-in `core` plugin.
 *
 * Recipe: docs/sandbox.md "Plugins".
 */
import type { FastifyPluginAsync } from 'fastify';
import type { BcApi } from './contracts';
import type { BcPlugin } from './bc/plugins/types';
import type { SandboxControl } from './control/control';
import type { SandboxInfo } from './control/info';
import type { EntraContext } from './entra/context';
import type { AuthResult } from './http/auth';

export type {
	BcPlugin,
	BehaviourRegistration,
	DerivedSetRegistration,
	DispatchRecord,
	InnerRequest,
	RecordChange,
	RequestContext,
	Route,
	EntityBehaviour,
	DerivedSet,
} from './bc/plugins/types';

/** What a plugin's HTTP part receives as fastify plugin options. */
export interface SandboxHttpContext {
	/** The data layer (e.g. to list environments and companies, or to call `handle`). */
	bcApi: BcApi;
	/** Counters, log, reset and runtime settings, as on `RunningSandbox.control`. */
	control: SandboxControl;
	/** The running sandbox's info (endpoints, demo identities, companies); available once the server listens. */
	info(): SandboxInfo;
	/**
	 * Authenticates a BC online request like the API routes do (Bearer token of the sandbox's Entra for BC's
	 * audience; S2S tokens only for apps enabled in BC): the principal, or BC's 401 response to send.
	 * @param authorization the request's `Authorization` header
	 * @param authorityHost `https://host:port` (for the `WWW-Authenticate` challenge)
	 */
	authenticate(authorization: string | undefined, correlationId: string, authorityHost: string): Promise<AuthResult>;
	/**
	 * The Entra stand-in: its directory (`directory.add` registers a service principal such as a managed identity, which
	 * BC then accepts when it is enabled), signing keys (`keys.sign`), settings (token lifetime) and token counter
	 * (`countTokenRequest`), for plugins that issue tokens of the sandbox's tenant.
	 */
	entra: EntraContext;
}

/** A sandbox plugin: a {@link BcPlugin} plus optional HTTP routes. */
export interface SandboxPlugin extends BcPlugin {
	/**
	 * A fastify plugin registered on the sandbox's server after the built-in routes, with {@link SandboxHttpContext}
	 * as its options (https://fastify.dev/docs/latest/Reference/Plugins/). Its routes get the correlation id header
	 * and are counted in the stats unless their path starts with `/sandbox/`; they are not authenticated, limited or
	 * fault-injected. Paths must not clash with the built-in ones (`/v2.0/*`, `/:instance/api/*`, the Entra and
	 * `/sandbox/info` and `/sandbox/control/*` routes): fastify refuses duplicates when the server starts.
	 */
	http?: FastifyPluginAsync<SandboxHttpContext>;
}
