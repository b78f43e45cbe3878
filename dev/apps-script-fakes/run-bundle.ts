import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import type { AppsScriptGlobals } from '../../addon/platform/services';

/** A built Code.js loaded as Apps Script would load it: one global scope with the services in it. */
export interface LoadedBundle {
  /** Top-level functions the bundle defines (what Apps Script can call by name). */
  functions: string[];
  has(name: string): boolean;
  /** Call a top-level function by name, as a trigger or google.script.run would. */
  call(name: string, ...args: unknown[]): unknown;
}

/**
 * Evaluate a bundle in a fresh vm context holding only the Apps Script globals and `console` (no
 * Node APIs, no URL or fetch — as in Apps Script), so code that leans on Node fails here.
 */
export function loadBundle(code: string, globals: AppsScriptGlobals, filename = 'Code.js'): LoadedBundle {
  const sandbox: Record<string, unknown> = { ...globals, console };
  const context = createContext(sandbox);
  const builtins = new Set(Object.getOwnPropertyNames(runInContext('globalThis', context)));
  runInContext(code, context, { filename });
  const scope = runInContext('globalThis', context) as Record<string, unknown>;
  const functions = Object.getOwnPropertyNames(scope).filter((n) => typeof scope[n] === 'function' && !builtins.has(n));
  return {
    functions,
    has: (name) => typeof scope[name] === 'function',
    call(name, ...args) {
      const fn = scope[name];
      if (typeof fn !== 'function') throw new Error(`The bundle defines no function "${name}"`);
      return (fn as (...a: unknown[]) => unknown)(...args);
    },
  };
}

export function loadBundleFile(path: string, globals: AppsScriptGlobals): LoadedBundle {
  return loadBundle(readFileSync(path, 'utf8'), globals, path);
}
