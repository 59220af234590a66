/** The Company resource: the companies of the credential's environment. */
import { resourceProperties } from '../operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';

/** The Company resource's operations, in the editor's order; an operation is added here and in its own file. */
export const operations = [get, getAll];

export const description = resourceProperties('company', operations, 'getAll');
