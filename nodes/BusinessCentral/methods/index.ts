import { getEntityFields } from './loadOptions';
import { searchCompanies, searchEntitySets } from './listSearch';

export const listSearch = { searchCompanies, searchEntitySets };
export const loadOptions = { getEntityFields };
