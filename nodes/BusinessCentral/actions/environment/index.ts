/** The Environment resource: the environments of the tenant (BC online). */
import { resourceProperties } from '../operation';
import { getAll } from './getAll.operation';

/** The Environment resource's operations. */
export const operations = [getAll];

export const description = resourceProperties('environment', operations, 'getAll');
