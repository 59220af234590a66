/** The Record resource: records of any entity set of a standard, automation or custom API route. */
import { resourceProperties } from '../operation';
import { create } from './create.operation';
import { del } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { runAction } from './runAction.operation';
import { update } from './update.operation';
import { upsert } from './upsert.operation';

/** The Record resource's operations, in the editor's order; an operation is added here and in its own file. */
export const operations = [create, upsert, del, get, getAll, update, runAction];

export const description = resourceProperties('record', operations, 'getAll');
