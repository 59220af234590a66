import { searchBoundActions } from './actions';
import { getApiRoutes } from './apiRoutes';
import { searchEnvironments } from './environments';
import { getEntityFields } from './loadOptions';
import { searchCompanies, searchEntitySets } from './listSearch';
import { getMappingColumns } from './resourceMapping';
import { searchWebServices } from './webServices';

export const listSearch = {
	searchCompanies,
	searchEntitySets,
	searchEnvironments,
	searchWebServices,
	searchBoundActions,
};
export const loadOptions = { getEntityFields, getApiRoutes };
export const resourceMapping = { getMappingColumns };
