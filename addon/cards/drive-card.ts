import { GOOGLE_DOC_MIME_TYPE } from '../../shared/api';
import { grantDriveItem, useDriveSelection } from '../actions/drive-actions';
import type { Card } from '../platform/card-service';
import type { DriveItem } from '../platform/event';
import { COLORS, colored, esc, plural } from '../ui/text';
import { act, button, card, decorated, paragraph, section } from '../ui/widgets';

/** Which selected items can become student works. */
export function classifyItems(items: DriveItem[]) {
  const docs = items.filter((i) => i.mimeType === GOOGLE_DOC_MIME_TYPE);
  return {
    ready: docs.filter((i) => i.addonHasFileScopePermission),
    needAccess: docs.filter((i) => !i.addonHasFileScopePermission),
    notDocs: items.filter((i) => i.mimeType !== GOOGLE_DOC_MIME_TYPE),
  };
}

/** Items selected in Drive: the Docs GradeBot can grade, those it needs access to, the rest. */
export function driveSelectionCard(items: DriveItem[]): Card {
  const { ready, needAccess, notDocs } = classifyItems(items);
  return card({
    name: 'drive-selection',
    title: 'Grade selected Docs',
    subtitle: `${plural(items.length, 'item')} selected`,
    sections: [
      section(`Ready (${ready.length})`, ready.length > 0 ? ready.map((i) => decorated({ icon: 'DESCRIPTION', text: esc(i.title) })) : [paragraph('No selected Doc is ready yet.')]),
      section(
        `GradeBot needs access (${needAccess.length})`,
        needAccess.map((i) => decorated({ text: esc(i.title), button: button('Allow', { action: act(grantDriveItem, { itemId: i.id }) }) })),
      ),
      section(`Skipped (${notDocs.length})`, notDocs.map((i) => decorated({ text: esc(i.title), bottom: colored('Not a Google Doc', COLORS.muted) }))),
    ],
    primary: ready.length > 0 ? button(`Add ${plural(ready.length, 'Doc')} to a new assignment`, { action: act(useDriveSelection, {}) }, { style: 'FILLED' }) : undefined,
  });
}
