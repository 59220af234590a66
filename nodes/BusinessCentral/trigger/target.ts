/**
 * What the trigger watches and how it sends: its checked parameters (API route, entity set, company, events, output,
 * options) and the transport's {@link SendOptions}, derived the same way as the action node's (`actions/settings.ts`).
 */
import type { IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { checkedCredentials, sendOptionsOf } from '../actions/settings';
import {
	fail,
	readBoolean,
	readCollectionParameter,
	readOption,
	readText,
	type ParameterContext,
} from '../actions/shared/parameters';
import { readApiRoute, readCompany, readEntitySet } from '../actions/shared/validation';
import { resolveCompanyId, type SendOptions } from '../transport';
import { CHANGE_EVENTS, OUTPUTS, TRIGGER_MODES, type ChangeEvent, type TriggerMode } from './properties';

/** The contexts the trigger runs in. */
export type TriggerContext = IPollFunctions | IHookFunctions | IWebhookFunctions;

/** The trigger's checked parameters and where its requests go. */
export interface TriggerTarget {
	mode: TriggerMode;
	/**
	 * Options → All Companies (Polling only): every company of the environment is polled, each with its own watermark;
	 * `companyId` is then '' (set per company by `trigger/allCompanies.ts`).
	 */
	allCompanies: boolean;
	/** API route, e.g. `v2.0` or `contoso/app1/v1.0`. */
	route: string;
	entitySet: string;
	companyId: string;
	events: Set<ChangeEvent>;
	/** Read each record back (true) or emit notifications only. */
	readBack: boolean;
	/** Run ID-only scans to find deleted (and, in polling, created) records. */
	scanIds: boolean;
	startFrom: 'now' | 'date';
	/** ISO time of Start Date (Start From: Date). */
	startDate?: string;
	/** The credential's environment URL (no trailing slash). */
	environmentUrl: string;
	send: SendOptions;
}

/** The entity set path below the environment URL: `/api/<route>/companies(<id>)/<entitySet>`. */
export function entitySetPath(t: TriggerTarget): string {
	return `/api/${t.route}/companies(${t.companyId})/${t.entitySet}`;
}

/** The API root of the route (where `subscriptions` lives): `/api/<route>`. */
export function apiRootPath(t: TriggerTarget): string {
	return `/api/${t.route}`;
}

/** Reads the trigger mode. @throws NodeOperationError naming Mode */
export function readMode(ctx: TriggerContext): TriggerMode {
	return readOption(ctx as ParameterContext, 'mode', 'Mode', TRIGGER_MODES, 'webhook');
}

function readEvents(ctx: ParameterContext): Set<ChangeEvent> {
	const raw = ctx.getNodeParameter('events', [...CHANGE_EVENTS]);
	const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').map((s) => s.trim()) : [];
	const events = new Set<ChangeEvent>();
	for (const e of list) {
		if (!(CHANGE_EVENTS as readonly string[]).includes(String(e)))
			fail(ctx, `Events: '${String(e)}' is not an event`, 'Choose Created, Updated and/or Deleted.');
		events.add(e as ChangeEvent);
	}
	if (!events.size) fail(ctx, 'Events: choose at least one event', 'Choose Created, Updated and/or Deleted.');
	return events;
}

function readStart(ctx: ParameterContext): { startFrom: 'now' | 'date'; startDate?: string } {
	const options = readCollectionParameter(ctx, 'options', 'Options');
	const startFrom =
		options.startFrom === undefined
			? 'now'
			: readOption(ctx, 'options.startFrom', 'Options → Start From', ['now', 'date'] as const, 'now');
	if (startFrom === 'now') return { startFrom };
	const text = readText(ctx, 'options.startDate', 'Options → Start Date', { maxLength: 64 }).trim();
	const ms = Date.parse(text);
	if (!text || Number.isNaN(ms) || ms <= Date.parse('0001-01-02T00:00:00Z'))
		fail(
			ctx,
			`Options → Start Date: '${text}' is not a date and time`,
			'Enter a date and time, e.g. 2026-01-31T00:00:00Z.',
		);
	return { startFrom, startDate: new Date(ms).toISOString() };
}

/**
 * Options → All Companies: Polling mode only. A BC webhook subscription watches one company's entity set (its
 * `resource` is `api/<route>/companies(<id>)/<set>`,
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/dynamics-subscriptions),
 * so Webhook and Hybrid mode stay per company. The option is shown for Polling only, and n8n drops a hidden option
 * from the node's parameters; this check guards the rule should a value reach the node anyway.
 * @throws NodeOperationError naming the option when it is on in Webhook or Hybrid mode, or not true/false
 */
function readAllCompanies(ctx: ParameterContext, mode: TriggerMode): boolean {
	const options = readCollectionParameter(ctx, 'options', 'Options');
	if (options.allCompanies === undefined) return false;
	const on = readBoolean(ctx, 'options.allCompanies', 'Options → All Companies', false);
	if (on && mode !== 'polling') {
		fail(
			ctx,
			`Options → All Companies: only in Polling mode, not in ${mode === 'webhook' ? 'Webhook' : 'Hybrid'} mode`,
			'A Business Central webhook subscription watches one company: choose Mode → Polling, or use one trigger per company.',
		);
	}
	return on;
}

/**
 * Reads and checks every trigger parameter (before any request), then resolves a company given by name (cached
 * per process by the transport).
 * @throws NodeOperationError naming the field
 */
export async function readTarget(ctx: TriggerContext): Promise<TriggerTarget> {
	const p = ctx as ParameterContext;
	const mode = readMode(ctx);
	const route = readApiRoute(p);
	const entitySet = readEntitySet(p, route, 'read');
	const allCompanies = readAllCompanies(p, mode);
	const company = allCompanies ? undefined : readCompany(p);
	const events = readEvents(p);
	const readBack = readOption(p, 'output', 'Output', OUTPUTS, 'record') === 'record';
	const options = readCollectionParameter(p, 'options', 'Options');
	const detect =
		options.detectDeletions === undefined
			? true
			: readBoolean(p, 'options.detectDeletions', 'Options → Detect Deletions', true);
	// Webhook mode learns deletions from notifications; Polling and Hybrid compare ID scans.
	const scanIds =
		mode !== 'webhook' && ((events.has('deleted') && detect) || (mode === 'polling' && events.has('created')));
	const start = readStart(p);
	const credentials = await checkedCredentials(ctx);
	const environmentUrl = String(credentials.environmentUrl ?? '').replace(/\/+$/, '');
	const send = sendOptionsOf(ctx, environmentUrl);
	const companyId = !company
		? ''
		: 'id' in company
			? company.id
			: await resolveCompanyId(ctx, environmentUrl, company.name, send);
	return { mode, allCompanies, route, entitySet, companyId, events, readBack, scanIds, ...start, environmentUrl, send };
}
