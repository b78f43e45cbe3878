import type { ActionJson, OnClickJson } from './card-json';

/** A selected Drive item as the Drive event object lists it. */
export interface DriveItemEvent {
  id: string;
  title: string;
  mimeType: string;
  addonHasFileScopePermission?: boolean;
}

export interface EventOptions {
  hostApp?: 'DRIVE' | 'DOCS';
  /** Action parameters (what the clicked widget's Action carried). */
  parameters?: Record<string, string>;
  /** Form inputs by field name; a string array for multi-valued inputs (checkboxes). */
  formInputs?: Record<string, string | string[] | undefined>;
  timeZone?: string;
  locale?: string;
  drive?: { selectedItems: DriveItemEvent[] };
  docs?: { id?: string; title?: string; addonHasFileScopePermission: boolean };
}

/**
 * A Workspace add-on event object (commonEventObject + host objects) in the shape Apps Script passes
 * to triggers and card actions. Empty and absent inputs are left out, as the clients do.
 */
export function addonEvent(o: EventOptions = {}): Record<string, unknown> {
  const formInputs = Object.fromEntries(
    Object.entries(o.formInputs ?? {}).flatMap(([name, v]) => {
      const values = v === undefined ? [] : Array.isArray(v) ? v : [v];
      return values.length === 0 || (values.length === 1 && values[0] === '') ? [] : [[name, { stringInputs: { value: values } }]];
    }),
  );
  const event: Record<string, unknown> = {
    commonEventObject: {
      hostApp: o.hostApp ?? 'DRIVE',
      platform: 'WEB',
      timeZone: { id: o.timeZone ?? 'America/New_York', offset: -14_400_000 },
      userLocale: o.locale ?? 'en',
      ...(Object.keys(formInputs).length > 0 ? { formInputs } : {}),
      ...(o.parameters ? { parameters: { ...o.parameters } } : {}),
    },
  };
  if (o.drive) event.drive = { selectedItems: o.drive.selectedItems, activeCursorItem: o.drive.selectedItems[0] };
  if (o.docs) event.docs = { ...o.docs };
  return event;
}

/** The Action a click runs (a plain action, or the one that answers with a link); undefined for fixed links. */
export function actionOf(onClick: OnClickJson | undefined): ActionJson | undefined {
  if (!onClick) return undefined;
  if ('action' in onClick) return onClick.action;
  if ('openDynamicLinkAction' in onClick) return onClick.openDynamicLinkAction;
  return undefined;
}

export function paramsOf(action: ActionJson): Record<string, string> {
  return Object.fromEntries(action.parameters.map((p) => [p.key, p.value]));
}

/** The event a click on `onClick` produces, with the card's form inputs. */
export function clickEvent(onClick: OnClickJson, o: Omit<EventOptions, 'parameters'> = {}): { functionName: string; event: Record<string, unknown> } {
  const action = actionOf(onClick);
  if (!action) throw new Error('This widget opens a link; it runs no function');
  return { functionName: action.function, event: addonEvent({ ...o, parameters: paramsOf(action) }) };
}
