import { searchBoundActions } from './actions';
import { getEntityFields } from './loadOptions';
import { searchCompanies, searchEntitySets } from './listSearch';

export const listSearch = { searchCompanies, searchEntitySets, searchBoundActions };
export const loadOptions = { getEntityFields };
