import type { Enum, EnumValue } from '../../addon/platform/card-service';

/**
 * Apps Script enums as Apps Script has them: each member is an object (a Java enum constant that
 * prints as its name), never a string. `CardService.TextButtonStyle.FILLED` works; the bare string
 * "FILLED" makes the setter throw, as in Apps Script ("The parameters (String) don't match the
 * method signature for CardService.TextButton.setTextButtonStyle."). The fakes turn a member back
 * into its JSON name when a card is built.
 */

const MEMBER = Symbol('AppsScriptEnumMember');

interface Member {
  readonly [MEMBER]: { enum: string; name: string };
}

/** Thrown when a setter gets something that is not a member of the enum it takes. */
export class EnumArgumentError extends Error {
  override readonly name = 'EnumArgumentError';
}

const made = new Map<string, object>();

/**
 * The enum `service.enumName` with these members. Members are made once per enum, so values from
 * one fake instance are accepted by another (as all Apps Script executions share the same enums).
 */
export function enumOf<E extends string, K extends string>(service: string, enumName: E, keys: readonly K[]): Enum<E, K> {
  const id = `${service}.${enumName}`;
  const existing = made.get(id);
  if (existing) return existing as Enum<E, K>;
  const members = Object.fromEntries(
    keys.map((name, ordinal) => {
      const m = Object.freeze({
        [MEMBER]: { enum: id, name },
        name: () => name,
        ordinal: () => ordinal,
        toString: () => name,
        toJSON: () => name,
      });
      return [name, m];
    }),
  );
  const value = Object.freeze(members) as unknown as Enum<E, K>;
  made.set(id, value);
  return value;
}

/** True for any member of any fake enum. */
export function isEnumMember(v: unknown): boolean {
  return typeof v === 'object' && v !== null && MEMBER in v;
}

/**
 * The name of `value`, which must be a member of `service.enumName`; `method` names the setter for
 * the error, e.g. "CardService.TextButton.setTextButtonStyle".
 */
export function memberName<K extends string>(value: EnumValue<string, K> | unknown, service: string, enumName: string, method: string): K {
  const id = `${service}.${enumName}`;
  const m = typeof value === 'object' && value !== null && MEMBER in value ? (value as Member)[MEMBER] : undefined;
  if (m?.enum === id) return m.name as K;
  const got = typeof value === 'string' ? `the string "${value}"` : m ? `${m.enum}.${m.name}` : String(value);
  const kind = typeof value === 'string' ? 'String' : m ? m.enum : typeof value;
  throw new EnumArgumentError(`The parameters (${kind}) don't match the method signature for ${method}: pass a member of ${id} (e.g. ${id}.${Object.keys(made.get(id) ?? {})[0] ?? '…'}), not ${got}.`);
}
