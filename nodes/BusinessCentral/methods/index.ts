import { getApiRoutes } from './apiRoutes';
import { getEntityFields } from './loadOptions';
import { searchCompanies, searchEntitySets } from './listSearch';
import { getMappingColumns } from './resourceMapping';
import { searchWebServices } from './webServices';

export const listSearch = { searchCompanies, searchEntitySets, searchWebServices };
export const loadOptions = { getEntityFields, getApiRoutes };
export const resourceMapping = { getMappingColumns };
