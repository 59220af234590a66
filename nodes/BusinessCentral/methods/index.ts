import { getApiRoutes } from './apiRoutes';
import { getEntityFields } from './loadOptions';
import { searchCompanies, searchEntitySets } from './listSearch';
import { getMappingColumns } from './resourceMapping';

export const listSearch = { searchCompanies, searchEntitySets };
export const loadOptions = { getEntityFields, getApiRoutes };
export const resourceMapping = { getMappingColumns };
