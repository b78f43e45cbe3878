import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DISPATCH_FUNCTION } from '../../addon/actions/handler';
import { getAddonConfig } from '../../addon/config';
import { PUBLIC_PAGES } from '../../addon/triggers/universal';
import { buildAddon } from '../../dev/build/addon';
import { API_ROUTES, type RouteName, routePath } from '../../shared/api';

/**
 * The manifest (appsscript.json) against the add-on's code. Apps Script refuses a fetch outside
 * `urlFetchWhitelist` and a link outside `openLinkUrlPrefixes` only in a real deployment, and a
 * trigger naming a missing function only when a teacher opens the add-on — so the suite checks
 * them here: every URL the add-on builds is covered (and every entry is used), no scope is broader
 * than needed (or unused), every function the manifest names is defined by the built bundle, and
 * every URL is https.
 */

const ROOT = join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8'));
const whitelist: string[] = manifest.urlFetchWhitelist;
const linkPrefixes: string[] = manifest.addOns.common.openLinkUrlPrefixes;

/** addon/**.ts, by path relative to the repository. */
const sources: Record<string, string> = {};
(function read(dir: string) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) read(p);
    else if (p.endsWith('.ts')) sources[relative(ROOT, p)] = readFileSync(p, 'utf8');
  }
})(join(ROOT, 'addon'));
const all = Object.values(sources).join('\n');

/**
 * Script Properties as production sets them (docs/deploy.md step 7; the production API's address as
 * docs/addon.md gives it). Everything else takes the add-on's own defaults.
 */
const PRODUCTION = getAddonConfig({ getProperties: () => ({ API_BASE_URL: 'https://api.gradebot.app' }) } as never);

const covered = (url: string, prefixes: string[]) => prefixes.some((p) => url.startsWith(p));

describe('every URL in the manifest', () => {
  const urls: string[] = [];
  (function walk(v: unknown) {
    if (typeof v === 'string' && /^[a-z]+:\/\//i.test(v)) urls.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  })(manifest);

  test('is https', () => {
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.startsWith('https://'))).toEqual([]);
  });

  // Apps Script's rules for allowlist prefixes: a valid https URL, a full domain, a non-empty path.
  test.each([...whitelist.map((u) => ['urlFetchWhitelist', u]), ...linkPrefixes.map((u) => ['openLinkUrlPrefixes', u])])('%s entry %s is a valid prefix', (_list, prefix) => {
    const m = /^https:\/\/([^/]+)(\/.*)$/.exec(prefix);
    expect(m).not.toBeNull();
    const host = m![1]!;
    expect(host).toMatch(/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/);
    expect(m![2]!.length).toBeGreaterThan(0);
  });
});

describe('urlFetchWhitelist', () => {
  test('the add-on fetches in exactly two places, so the builders below are all of its URLs', () => {
    const fetching = Object.entries(sources)
      .filter(([p, s]) => !p.startsWith('addon/platform/') && /\.fetch(All)?\(/.test(s))
      .map(([p]) => p)
      .sort();
    expect(fetching).toEqual(['addon/services/backend.ts', 'addon/services/google-http.ts']);
    // google-http's callers build Drive and Docs URLs; nothing else passes it a URL.
    const httpCallers = Object.entries(sources)
      .filter(([p, s]) => p !== 'addon/services/google-http.ts' && /\bhttp\.(get|getAll|postJson)\(/.test(s))
      .map(([p]) => p)
      .sort();
    expect(httpCallers).toEqual(['addon/services/docs-insert.ts', 'addon/services/drive-export.ts', 'addon/services/writing-process-read.ts']);
  });

  /** A file's `const name = \`...\`` templates, for URLs built in two steps (docs-insert's `base`). */
  const localTemplates = (file: string) => new Map([...sources[file]!.matchAll(/const (\w+) = (`[^`]*`)/g)].map((m) => [m[1]!, m[2]!]));

  /**
   * Every URL a fetching module builds: templates that start with `${<x>.someBaseUrl}`, resolved
   * through local templates and the `name: config.key` wiring to a Script Property's production
   * value; the rest of the template up to its first `?` or `:` action, with `x1` for each value.
   */
  function fetchedUrls(): string[] {
    const aliases = new Map<string, string>();
    for (const m of all.matchAll(/(\w+):\s*(?:ctx\.)?config\.(\w+)/g)) aliases.set(m[1]!, m[2]!);
    const urls: string[] = [];
    // writing-process-read follows Drive's revision exportLinks only under the export prefix it builds.
    for (const file of ['addon/services/backend.ts', 'addon/services/drive-export.ts', 'addon/services/docs-insert.ts', 'addon/services/writing-process-read.ts']) {
      const locals = localTemplates(file);
      const resolve = (template: string): string | undefined => {
        const m = /^`\$\{(?:\w+\.)*(\w+)\}([^`]*)`$/.exec(template);
        if (!m || !/base(Url)?$/i.test(m[1]!)) return undefined;
        const rest = m[2]!.replace(/\$\{[^}]*\}/g, 'x1');
        const local = locals.get(m[1]!);
        if (local) return resolve(local) === undefined ? undefined : `${resolve(local)}${rest}`;
        const key = aliases.get(m[1]!) ?? m[1]!;
        const base = (PRODUCTION as unknown as Record<string, unknown>)[key];
        if (typeof base !== 'string') throw new Error(`${file}: cannot resolve \${${m[1]}} to a Script Property (config.${key})`);
        return `${base}${rest}`;
      };
      const built = [...sources[file]!.matchAll(/`\$\{[^`]*`/g)].map((m) => resolve(m[0])).filter((u): u is string => u !== undefined);
      expect(built.length).toBeGreaterThan(0);
      for (const url of built) {
        if (file !== 'addon/services/backend.ts') {
          urls.push(url);
          continue;
        }
        // The backend appends a contract route to its base: every route the add-on may call.
        for (const name of Object.keys(API_ROUTES) as RouteName[]) {
          const params = Object.fromEntries([...API_ROUTES[name].pattern.matchAll(/:([A-Za-z]+)/g)].map((x) => [x[1], 'x1']));
          urls.push(url.replace(/x1$/, routePath(name, params as never)));
        }
      }
    }
    return urls;
  }

  test('covers every URL the add-on builds, with production Script Properties', () => {
    const urls = fetchedUrls();
    expect(urls).toContain('https://api.gradebot.app/assignments');
    expect(urls).toContain('https://api.gradebot.app/account');
    expect(urls).toContain('https://www.googleapis.com/drive/v3/files/x1/export?mimeType=text%2Fplain');
    expect(urls).toContain('https://docs.googleapis.com/v1/documents/x1:batchUpdate');
    expect(urls).toContain('https://docs.googleapis.com/v1/documents/x1?fields=revisionId%2Cbody.content(endIndex)');
    expect(urls).toContain('https://www.googleapis.com/drive/v3/files/x1/revisions?pageSize=x1&fields=x1');
    expect(urls).toContain('https://docs.google.com/feeds/download/documents/export/');
    expect(urls.filter((u) => !covered(u, whitelist))).toEqual([]);
  });

  test('holds no entry the add-on does not use', () => {
    const urls = fetchedUrls();
    expect(whitelist.filter((p) => !urls.some((u) => u.startsWith(p)))).toEqual([]);
  });
});

describe('openLinkUrlPrefixes', () => {
  /**
   * Where the add-on gets each URL it opens, with the URLs that source produces. A new link in the
   * add-on fails the inventory test until it is added here — and then must be covered.
   */
  const LINK_SOURCES: Record<string, { where: string; samples: string[] }> = {
    'w.url': { where: 'a student Doc (Picker or Drive selection)', samples: ['https://docs.google.com/document/d/1AbCdEfGhIjK/edit', 'https://docs.google.com/document/d/1AbCdEfGhIjK/edit?usp=drive_web'] },
    'doc.url': { where: 'a chosen Doc on the form', samples: ['https://docs.google.com/document/d/1AbCdEfGhIjK/edit'] },
    'v.checkoutUrl': { where: 'Stripe Checkout (from the API)', samples: ['https://checkout.stripe.com/c/pay/cs_live_a1b2c3'] },
    "ctx.backend.call({ name: 'createCheckout', params: {}, body: {} }).url": { where: 'Stripe Checkout (from the API)', samples: ['https://checkout.stripe.com/c/pay/cs_live_a1b2c3'] },
    "ctx.backend.call({ name: 'createPortal', params: {}, body: {} }).url": { where: 'the Stripe customer portal (from the API)', samples: ['https://billing.stripe.com/p/session/live_a1b2c3'] },
    'ctx.pickerUrl()': {
      where: "the Picker page: this script's web app",
      samples: ['https://script.google.com/macros/s/AKfycbx123/exec?page=picker', 'https://script.google.com/a/macros/school.example/s/AKfycbx123/exec?page=picker'],
    },
    '`${base}${PUBLIC_PAGES[page]}`': { where: 'the public pages', samples: Object.values(PUBLIC_PAGES).map((p) => `${PRODUCTION.pagesBaseUrl}${p}`) },
  };

  function linkSources(): string[] {
    const found: string[] = [];
    for (const s of Object.values(sources)) {
      for (const m of s.matchAll(/\blink:\s*\{\s*url:\s*([^,};]+?)\s*[,}]/g)) found.push(m[1]!);
      for (const m of s.matchAll(/\bopenLink\(\{\s*url:\s*(.+?),\s*(?:overlay|reloadOnClose)/g)) found.push(m[1]!);
      for (const m of s.matchAll(/\.setUrl\((`[^`]*`)\)/g)) found.push(m[1]!);
    }
    return [...new Set(found)].sort();
  }

  test('every link the add-on opens comes from a known source', () => {
    expect(linkSources()).toEqual(Object.keys(LINK_SOURCES).sort());
  });

  test('covers every URL those sources produce, and holds no unused entry', () => {
    const samples = Object.values(LINK_SOURCES).flatMap((s) => s.samples);
    expect(samples.filter((u) => !covered(u, linkPrefixes))).toEqual([]);
    expect(linkPrefixes.filter((p) => !samples.some((u) => u.startsWith(p)))).toEqual([]);
  });

  test('the Doc URLs the add-on builds itself are the ones covered', () => {
    const built = [...all.matchAll(/`(https:\/\/docs\.google\.com\/[^`]*)`/g)].map((m) => m[1]!.replace(/\$\{[^}]+\}/g, 'x1'));
    expect(built.length).toBeGreaterThan(0);
    expect(built.filter((u) => !covered(u, linkPrefixes))).toEqual([]);
  });

  test('every other URL literal in the add-on is https and neither fetched nor opened', () => {
    // Card images load through Google's image proxy and the Picker page's script loads in the
    // browser: neither list applies to them.
    const NEITHER = ['https://ssl.gstatic.com/', 'https://apis.google.com/js/api.js'];
    const literals = [...all.matchAll(/https?:\/\/[A-Za-z0-9.-]+[^\s'"`)]*/g)].map((m) => m[0]);
    expect(literals.filter((u) => !u.startsWith('https://'))).toEqual([]);
    const unexplained = literals.filter((u) => !covered(u, whitelist) && !covered(u, linkPrefixes) && !covered(u, NEITHER) && !Object.values(PRODUCTION).includes(u));
    expect(unexplained).toEqual([]);
  });
});

describe('oauthScopes', () => {
  const scopes: string[] = manifest.oauthScopes;
  const G = 'https://www.googleapis.com/auth/';

  /** The narrow scopes GradeBot may ask for, each with the code that needs it. */
  const NEEDED: Record<string, () => boolean> = {
    [`${G}drive.file`]: () => /requestFileScope/.test(all) && /\/drive\/v3\/files\//.test(all) && /\/v1\/documents\//.test(all),
    [`${G}drive.addons.metadata.readonly`]: () => typeof manifest.addOns.drive?.onItemsSelectedTrigger?.runFunction === 'string',
    [`${G}script.external_request`]: () => /\.fetch(All)?\(/.test(all),
    [`${G}script.locale`]: () => manifest.addOns.common.useLocaleFromApp === true && /userLocale/.test(all),
    [`${G}userinfo.email`]: () => /getIdentityToken\(\)/.test(all),
    openid: () => /getIdentityToken\(\)/.test(all),
  };
  /** Broad scopes that must never appear: whole Drive, all Docs/Sheets/Slides, mail, calendar, admin. */
  const BROAD = [
    /\/auth\/drive$/,
    /\/auth\/drive\.(readonly|metadata|metadata\.readonly|appdata|scripts|photos\.readonly)$/,
    /\/auth\/(documents|spreadsheets|presentations)(\.readonly)?$/,
    /\/auth\/gmail\./,
    /mail\.google\.com/,
    /\/auth\/(calendar|contacts|admin|cloud-platform|script\.projects|forms|classroom)/,
  ];

  test('only narrow scopes from the allow-list', () => {
    expect(scopes.filter((s) => !(s in NEEDED))).toEqual([]);
    expect(scopes.filter((s) => BROAD.some((b) => b.test(s)))).toEqual([]);
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  test('each scope is one the code actually needs', () => {
    expect(scopes.filter((s) => !NEEDED[s]?.())).toEqual([]);
  });

  test('the broad-scope check would catch the usual suspects', () => {
    for (const s of [`${G}drive`, `${G}documents`, `${G}spreadsheets`, `${G}gmail.readonly`, 'https://mail.google.com/', `${G}drive.readonly`]) {
      expect(BROAD.some((b) => b.test(s))).toBe(true);
    }
    expect(BROAD.some((b) => b.test(`${G}drive.file`))).toBe(false);
  });
});

describe('functions the manifest names', () => {
  let dir: string;
  let footer: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gradebot-manifest-'));
    const bundle = await buildAddon({ outDir: join(dir, 'addon') });
    const code = readFileSync(bundle.bundlePath, 'utf8');
    // The generated footer: top-level declarations Apps Script can call, one per entry export.
    footer = [...code.matchAll(/^function (\w+)\(\) \{ return GradeBot\.(\w+)\.apply\(this, arguments\); \}$/gm)].filter((m) => m[1] === m[2]).map((m) => m[1]!);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const named: string[] = [];
  (function walk(v: unknown, key = '') {
    if (key === 'runFunction' && typeof v === 'string') named.push(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  })(manifest);

  test('the manifest names the triggers and universal actions it should', () => {
    const c = manifest.addOns.common;
    expect(named).toEqual(
      expect.arrayContaining([
        c.homepageTrigger.runFunction,
        manifest.addOns.drive.homepageTrigger.runFunction,
        manifest.addOns.drive.onItemsSelectedTrigger.runFunction,
        manifest.addOns.docs.homepageTrigger.runFunction,
        manifest.addOns.docs.onFileScopeGrantedTrigger.runFunction,
        ...c.universalActions.map((a: { runFunction: string }) => a.runFunction),
      ]),
    );
    expect(c.universalActions.length).toBeGreaterThanOrEqual(5);
  });

  test.each([...new Set([...named, DISPATCH_FUNCTION, 'doGet'])])('%s is defined in the built bundle’s footer', (fn) => {
    expect(footer).toContain(fn);
  });
});
