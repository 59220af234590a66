/** The Web Service resource: OData V4 web services (published pages, queries and codeunits) of a company. */
import { resourceProperties } from '../operation';
import { boundAction } from './boundAction.operation';
import { create } from './create.operation';
import { del } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { listServices } from './listServices.operation';
import { unboundAction } from './unboundAction.operation';
import { update } from './update.operation';

/** The Web Service resource's operations, in the editor's order. */
export const operations = [boundAction, unboundAction, create, del, get, getAll, listServices, update];

export const description = resourceProperties('webService', operations, 'getAll');
