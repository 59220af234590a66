import { coreBehaviours } from '../behaviours';
import { coreDerivedSets } from '../data/views';
import type { BcPlugin } from './types';

/**
 * The `core` plugin: the sandbox's built-in entity behaviours (`behaviours/index.ts`) and derived sets
 * (`data/views.ts`). `createBcApi` always loads it first; other plugins' routes, behaviours and listeners come after.
 */
export function corePlugin(): BcPlugin {
	return { name: 'core', behaviours: coreBehaviours(), derivedSets: coreDerivedSets() };
}
