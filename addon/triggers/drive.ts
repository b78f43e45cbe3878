import { driveSelectionCard } from '../cards/drive-card';
import type { Card } from '../platform/card-service';
import type { AppsScriptGlobals } from '../platform/services';
import { cardTrigger } from './run';

/** Drive onItemsSelected: which selected files GradeBot can grade; remembered for "Add to a new assignment". */
export function driveItemsSelected(raw: unknown, g: AppsScriptGlobals): Card {
  return cardTrigger('driveItemsSelected', raw, g, (ctx, e) => {
    const items = e.drive?.selectedItems ?? [];
    ctx.cache.putDriveSelection(items);
    return driveSelectionCard(items);
  });
}
