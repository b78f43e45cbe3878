import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAddon, manifestFunctions, type AddonBundle } from '../../dev/build/addon';
import { addonEvent, button, formInputsOf, actionOf, paramsOf, shownCard, textOf, type CardJson, type RenderActionsJson } from '../../dev/apps-script-fakes';
import { loadBundleFile, type LoadedBundle } from '../../dev/apps-script-fakes/run-bundle';
import { AddonHarness } from './support/harness';
import { docRef } from './support/fixtures';

const root = join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8'));
let dir: string;
let bundle: AddonBundle;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gradebot-addon-'));
  bundle = await buildAddon({ outDir: join(dir, 'addon') });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the manifest', () => {
  test('narrowest scopes, V8, a whitelist of exactly the URLs the add-on calls', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect([...manifest.oauthScopes].sort()).toEqual(
      [
        'https://www.googleapis.com/auth/drive.file',
        'https://www.googleapis.com/auth/drive.addons.metadata.readonly',
        'https://www.googleapis.com/auth/script.external_request',
        'https://www.googleapis.com/auth/script.locale',
        'https://www.googleapis.com/auth/userinfo.email',
        'openid',
      ].sort(),
    );
    expect(manifest.urlFetchWhitelist).toEqual(['https://api.gradebot.app/', 'https://www.googleapis.com/drive/v3/files/', 'https://docs.googleapis.com/v1/documents/', 'https://docs.google.com/feeds/download/documents/export/']);
  });

  test('homepages, Drive selection, Docs file scope and universal actions name functions', () => {
    expect(manifestFunctions(manifest)).toEqual(
      ['onDocsFileScopeGranted', 'onDocsHomepage', 'onDriveItemsSelected', 'onHomepage', 'openAiUse', 'openPrivacyPolicy', 'openTerms', 'showAssignments', 'showBilling'].sort(),
    );
    expect(manifest.addOns.drive.onItemsSelectedTrigger.runFunction).toBe('onDriveItemsSelected');
    expect(manifest.addOns.docs.onFileScopeGrantedTrigger.runFunction).toBe('onDocsFileScopeGranted');
    expect(manifest.addOns.common.universalActions.map((a: { label: string }) => a.label)).toEqual(['Assignments', 'Billing', 'Privacy policy', 'Terms of service', 'How GradeBot uses AI']);
  });
});

describe('the bundle', () => {
  let h: AddonHarness;
  let code: LoadedBundle;
  beforeAll(() => {
    h = new AddonHarness();
    code = loadBundleFile(bundle.bundlePath, h.fakes.globals);
  });

  test('one Code.js next to appsscript.json, the folder .clasp.json pushes', () => {
    expect(bundle.bundlePath).toBe(join(dir, 'addon', 'Code.js'));
    expect(bundle.bytes).toBeGreaterThan(10_000);
    expect(readFileSync(join(dir, 'addon', 'appsscript.json'), 'utf8')).toBe(readFileSync(join(root, 'appsscript.json'), 'utf8'));
    expect(JSON.parse(readFileSync(join(root, '.clasp.json'), 'utf8')).rootDir).toBe('dist/addon');
  });

  test('every function the manifest, the cards and the Picker page name is a top-level function', () => {
    for (const name of [...manifestFunctions(manifest), 'onAction', 'doGet', 'savePickerSelection']) expect(code.has(name)).toBe(true);
    expect(code.functions.sort()).toEqual([...bundle.functions].sort());
  });

  test('runs where only Apps Script globals exist: homepage → form → Picker selection → submit', () => {
    const home = code.call('onHomepage', addonEvent()) as CardJson;
    expect(home.name).toBe('home');
    const click = (card: CardJson, text: string, changes: Record<string, string | string[]> = {}) => {
      const action = actionOf(button(card, text).onClick)!;
      return code.call(action.function, addonEvent({ parameters: paramsOf(action), formInputs: formInputsOf(card, changes) })) as RenderActionsJson;
    };
    const form = shownCard(click(home, 'New assignment'))!;
    h.docs.set(docRef(1).googleDocId, { text: 'A short essay.' });
    code.call('savePickerSelection', [{ id: docRef(1).googleDocId, name: 'Essay 1', url: docRef(1).url, mimeType: 'application/vnd.google-apps.document' }]);
    const reloaded = code.call('onHomepage', addonEvent()) as CardJson;
    expect(textOf(reloaded)).toContain('1 of 35 Docs chosen');
    const res = click(reloaded, 'Submit for grading', { title: 'Essay', subject: 'English', gradeLevel: 'Grade 8', instructions: 'Write.' });
    expect(shownCard(res)?.name).toBe('assignment-a1');
    expect(h.calls('createAssignment')).toHaveLength(1);
    expect(form.name).toBe('assignment-form');
  });

  test('a manifest naming a function the entry does not export fails the build', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...manifest, addOns: { ...manifest.addOns, common: { ...manifest.addOns.common, homepageTrigger: { runFunction: 'onMissing' } } } }));
    await expect(buildAddon({ outDir: join(dir, 'broken'), manifestPath: broken })).rejects.toThrow('addon/main.ts does not export: onMissing');
  });
});
