import { BehaviourRegistry } from '../behaviours/types';
import type { Route } from '../routes/context';
import type { DerivedSet } from '../store/views';
import type { CatalogExtension } from '../catalog';
import type { CompanyData } from '../store/store';
import type { BcPlugin, RecordChange } from './types';

/** What the data layer takes from its plugins. */
export interface LoadedPlugins {
	/** Plugin routes in plugin order (tried before the built-in routes). */
	routes: Route[];
	behaviours: BehaviourRegistry;
	/** Derived sets by `route|entitySet`. */
	derivedSets: Map<string, DerivedSet>;
	/** Extra API routes the plugins serve (`BcPlugin.apiRoutes`). */
	apiRoutes: string[];
	/** Catalog extensions in plugin order. */
	catalog: CatalogExtension[];
	/** Plugin seeders in plugin order. */
	seeders: Array<(company: CompanyData, environment: string, companyIndex: number) => void>;
	/** Calls every plugin's `onChange`; undefined when no plugin listens. */
	onChange?: (change: RecordChange) => void;
}

/**
 * Collects the parts of `plugins` in order.
 * @throws Error when two plugins share a name, a name is empty, or two plugins derive the same entity set
 */
export function loadPlugins(plugins: readonly BcPlugin[]): LoadedPlugins {
	const names = new Set<string>();
	const behaviours = new BehaviourRegistry();
	const derivedSets = new Map<string, DerivedSet>();
	const routes: Route[] = [];
	const apiRoutes: string[] = [];
	const catalog: CatalogExtension[] = [];
	const seeders: LoadedPlugins['seeders'] = [];
	const listeners: Array<{ name: string; onChange: (change: RecordChange) => void }> = [];
	for (const plugin of plugins) {
		if (!plugin.name) throw new Error('every sandbox plugin needs a name');
		if (names.has(plugin.name)) throw new Error(`two sandbox plugins are named '${plugin.name}'`);
		names.add(plugin.name);
		routes.push(...(plugin.routes ?? []));
		apiRoutes.push(...(plugin.apiRoutes ?? []));
		if (plugin.catalog) catalog.push(plugin.catalog);
		if (plugin.seed) seeders.push(plugin.seed.bind(plugin));
		for (const b of plugin.behaviours ?? []) behaviours.register(b.route, b.entitySet, b.behaviour);
		for (const d of plugin.derivedSets ?? []) {
			const key = `${d.route}|${d.entitySet}`;
			if (derivedSets.has(key)) throw new Error(`plugin '${plugin.name}' derives ${key}, which another plugin derives`);
			derivedSets.set(key, d.set);
		}
		if (plugin.onChange) listeners.push({ name: plugin.name, onChange: plugin.onChange.bind(plugin) });
	}
	const onChange = listeners.length
		? (change: RecordChange) => {
				for (const l of listeners) {
					try {
						l.onChange(change);
					} catch (e) {
						process.emitWarning(`sandbox plugin '${l.name}' failed in onChange: ${(e as Error).message}`, {
							type: 'SandboxPluginWarning',
						});
					}
				}
			}
		: undefined;
	return { routes, apiRoutes, behaviours, derivedSets, catalog, seeders, onChange };
}
