/** The trigger's output items: one per changed record. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { keyPredicate } from '../../../core/odata';
import type { ChangeEvent } from './properties';
import { entitySetPath, type TriggerTarget } from './target';

/** Where an item came from: a webhook notification, a poll / reconciliation, or the editor's sample. */
export type ItemSource = 'webhook' | 'poll' | 'sample';

/**
 * One output item: `{ changeType, id, lastModifiedDateTime, entityUrl, source, record? }`. `record` is the record as
 * read back (absent for deleted records and with Output: Notification Only); the change's fields sit beside it so a
 * record field can never shadow them.
 */
export function changeItem(
	t: TriggerTarget,
	changeType: ChangeEvent,
	id: string,
	lastModifiedDateTime: string | undefined,
	source: ItemSource,
	record?: IDataObject,
): INodeExecutionData {
	const json: IDataObject = {
		changeType,
		id,
		lastModifiedDateTime: lastModifiedDateTime ?? null,
		entityUrl: `${t.environmentUrl}${entitySetPath(t)}${keyPredicate(id)}`,
		source,
	};
	if (record && t.readBack && changeType !== 'deleted') json.record = record;
	return { json };
}
