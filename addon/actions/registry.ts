import type { Handler } from './handler';
import * as account from './account-actions';
import * as assignment from './assignment-actions';
import * as billing from './billing-actions';
import * as calibration from './calibration-actions';
import * as docs from './docs-actions';
import * as drive from './drive-actions';
import * as form from './form-actions';
import * as home from './home-actions';
import * as rubric from './rubric-actions';
import * as work from './work-actions';

const isHandler = (v: unknown): v is Handler =>
  typeof v === 'object' && v !== null && typeof (v as Handler).key === 'string' && typeof (v as Handler).run === 'function';

let byKey: Map<string, Handler> | undefined;

// Built on first use: card and handler modules import each other, so the module graph must be fully
// loaded before the handler values can be collected.
function registry(): Map<string, Handler> {
  if (byKey) return byKey;
  const map = new Map<string, Handler>();
  for (const mod of [home, form, assignment, rubric, work, billing, drive, docs, account, calibration]) {
    for (const value of Object.values(mod)) {
      if (!isHandler(value)) continue;
      const existing = map.get(value.key);
      if (existing && existing !== value) throw new Error(`Two handlers use the key "${value.key}"`);
      map.set(value.key, value);
    }
  }
  byKey = map;
  return map;
}

/** Every card action handler, by wire key. */
export function allHandlers(): readonly Handler[] {
  return [...registry().values()];
}

export function findHandler(key: string | undefined): Handler | undefined {
  return key === undefined ? undefined : registry().get(key);
}

/** Cards call this when they build an action: an unregistered handler fails at build time, not on click. */
export function assertRegistered(h: { readonly key: string }): void {
  if (registry().get(h.key) !== h) throw new Error(`Handler "${h.key}" is not in the add-on's registry (addon/actions/registry.ts)`);
}
