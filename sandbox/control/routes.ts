/**
 * Control endpoint under `/sandbox/` (not subject to auth, limits or faults; not counted in the stats):
 * `GET /sandbox/info`, `GET /sandbox/control/stats`, `GET /sandbox/control/log?limit=n`,
 * `POST /sandbox/control/reset` (`{"data":true}` also resets BC data and the customer tenants' consent),
 * `GET|PATCH /sandbox/control/settings`, `GET /sandbox/control/tenants`,
 * `PATCH /sandbox/control/tenants/{tenant}/apps/{clientId}` (`{"consented":bool,"enabledInBusinessCentral":bool}`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SandboxControl } from './control';
import type { SandboxInfo } from './info';

function jsonBody(request: FastifyRequest): { ok: true; value: unknown } | { ok: false; error: string } {
	const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8').trim() : '';
	if (!raw) return { ok: true, value: {} };
	try {
		return { ok: true, value: JSON.parse(raw) };
	} catch {
		return { ok: false, error: 'request body must be JSON' };
	}
}

/** Registers the control routes. `info` is read on every call (it carries the bound port). */
export function registerControlRoutes(app: FastifyInstance, control: SandboxControl, info: () => SandboxInfo): void {
	app.get('/sandbox/info', async (_request, reply) =>
		reply.type('application/json; charset=utf-8').send(JSON.stringify(info())),
	);
	app.get('/sandbox/control/stats', async (_request, reply) =>
		reply.type('application/json; charset=utf-8').send(JSON.stringify(control.stats())),
	);
	app.get<{ Querystring: { limit?: string } }>('/sandbox/control/log', async (request, reply) => {
		const limit = request.query.limit === undefined ? 100 : Number(request.query.limit);
		if (!Number.isInteger(limit) || limit < 1)
			return reply.code(400).send({ error: 'limit must be a whole number >= 1' });
		return reply.type('application/json; charset=utf-8').send(JSON.stringify({ value: control.log(limit) }));
	});
	app.post('/sandbox/control/reset', async (request, reply) => {
		const body = jsonBody(request);
		if (!body.ok) return reply.code(400).send({ error: body.error });
		const data = (body.value as { data?: unknown }).data === true;
		control.reset({ data });
		return reply.send({ reset: data ? ['counters', 'log', 'data'] : ['counters', 'log'] });
	});
	app.get('/sandbox/control/tenants', async (_request, reply) => reply.send({ value: control.tenants() }));
	app.patch<{ Params: { tenant: string; clientId: string } }>(
		'/sandbox/control/tenants/:tenant/apps/:clientId',
		async (request, reply) => {
			const body = jsonBody(request);
			if (!body.ok) return reply.code(400).send({ error: body.error });
			try {
				const { tenant, clientId } = request.params;
				return reply.send(control.updateTenantApp(tenant, clientId, body.value as never));
			} catch (error) {
				return reply.code(400).send({ error: (error as Error).message });
			}
		},
	);
	app.get('/sandbox/control/settings', async (_request, reply) => reply.send(control.settings()));
	app.patch('/sandbox/control/settings', async (request, reply) => {
		const body = jsonBody(request);
		if (!body.ok) return reply.code(400).send({ error: body.error });
		try {
			return reply.send(control.updateSettings(body.value as never));
		} catch (error) {
			return reply.code(400).send({ error: (error as Error).message });
		}
	});
}
