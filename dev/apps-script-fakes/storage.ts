import type { Cache, CacheServiceApi, Properties, PropertiesServiceApi } from '../../addon/platform/services';

/** Thrown where Apps Script would throw ("Exception: …"), so limits are hit in tests, not in production. */
export class AppsScriptLimitError extends Error {
  override readonly name = 'Exception';
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Apps Script's documented per-value and per-store limits for properties. */
export const PROPERTY_LIMITS = { valueBytes: 9 * 1024, storeBytes: 500 * 1024 } as const;

/** A property store with Apps Script's size limits. `data` is exposed for assertions. */
export class FakeProperties implements Properties {
  readonly data = new Map<string, string>();
  getProperty(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setProperty(key: string, value: string): this {
    return this.setProperties({ [key]: value });
  }
  setProperties(properties: Record<string, string>, deleteAllOthers = false): this {
    for (const [k, v] of Object.entries(properties)) {
      if (bytes(String(v)) > PROPERTY_LIMITS.valueBytes) throw new AppsScriptLimitError(`Argument too large: value (property "${k}")`);
    }
    const next = new Map(deleteAllOthers ? [] : this.data);
    for (const [k, v] of Object.entries(properties)) next.set(k, String(v));
    const total = [...next].reduce((n, [k, v]) => n + bytes(k) + bytes(v), 0);
    if (total > PROPERTY_LIMITS.storeBytes) throw new AppsScriptLimitError('You have exceeded the property storage quota.');
    this.data.clear();
    for (const [k, v] of next) this.data.set(k, v);
    return this;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.data);
  }
  getKeys(): string[] {
    return [...this.data.keys()];
  }
  deleteProperty(key: string): this {
    this.data.delete(key);
    return this;
  }
  deleteAllProperties(): this {
    this.data.clear();
    return this;
  }
}

export interface FakePropertiesService extends PropertiesServiceApi {
  getScriptProperties(): FakeProperties;
  getUserProperties(): FakeProperties;
  getDocumentProperties(): FakeProperties;
}

export function createPropertiesService(script: Record<string, string> = {}): FakePropertiesService {
  const stores = { script: new FakeProperties(), user: new FakeProperties(), document: new FakeProperties() };
  stores.script.setProperties(script);
  return {
    getScriptProperties: () => stores.script,
    getUserProperties: () => stores.user,
    getDocumentProperties: () => stores.document,
  };
}

/** Apps Script's CacheService limits. */
export const CACHE_LIMITS = { keyChars: 250, valueBytes: 100 * 1024, maxTtlSeconds: 21_600, defaultTtlSeconds: 600 } as const;

/** A cache with expiry on an injectable clock (advance it to test expiry). */
export class FakeCache implements Cache {
  private readonly entries = new Map<string, { value: string; expires: number }>();
  constructor(private readonly now: () => number = Date.now) {}
  get(key: string): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return e.value;
  }
  put(key: string, value: string, expirationInSeconds: number = CACHE_LIMITS.defaultTtlSeconds): void {
    if (key.length > CACHE_LIMITS.keyChars) throw new AppsScriptLimitError(`Argument too large: key`);
    if (bytes(value) > CACHE_LIMITS.valueBytes) throw new AppsScriptLimitError(`Argument too large: value`);
    const ttl = Math.min(Math.max(1, expirationInSeconds), CACHE_LIMITS.maxTtlSeconds);
    this.entries.set(key, { value, expires: this.now() + ttl * 1000 });
  }
  getAll(keys: string[]): Record<string, string> {
    return Object.fromEntries(keys.flatMap((k) => {
      const v = this.get(k);
      return v === null ? [] : [[k, v]];
    }));
  }
  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this.entries.delete(key);
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this.entries.delete(k);
  }
}

export interface FakeCacheService extends CacheServiceApi {
  getUserCache(): FakeCache;
  getScriptCache(): FakeCache;
  getDocumentCache(): FakeCache;
}

export function createCacheService(now: () => number = Date.now): FakeCacheService {
  const caches = { user: new FakeCache(now), script: new FakeCache(now), document: new FakeCache(now) };
  return { getUserCache: () => caches.user, getScriptCache: () => caches.script, getDocumentCache: () => caches.document };
}
