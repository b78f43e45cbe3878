import * as main from '../../addon/main';
import { addonEvent, button, shownCard, textOf, type CardJson, type FakeHtmlOutput, type RenderActionsJson } from '../../dev/apps-script-fakes';
import { AddonHarness } from './support/harness';
import { docRef, work } from './support/fixtures';

let h: AddonHarness;
beforeEach(() => (h = new AddonHarness().install()));
afterEach(() => h.uninstall());

const DOC = 'application/vnd.google-apps.document';

describe('homepages', () => {
  test('common/Drive homepage: one round trip for the list, usage and stats', () => {
    const c = h.homepage();
    expect(c.name).toBe('home');
    expect(h.apiRoundTrips).toBe(1);
    expect(h.calls().map((x) => x.name)).toEqual(['getMe', 'getStats', 'listAssignments']);
  });

  test('a failing backend gives an error card, never a blank sidebar', () => {
    h.fail('getStats', 503, { code: 'unavailable', message: 'Down' });
    const c = h.homepage();
    expect(c.name).toBe('error');
    expect(textOf(c)).toContain('GradeBot is having trouble right now');
    expect(button(c, 'Back to assignments')).toBeDefined();
  });

  test('Docs without access to the open Doc: the list and an offer to allow access, which asks Docs for file scope', () => {
    const c = h.docsHomepage({ docs: { addonHasFileScopePermission: false } });
    expect(textOf(c)).toContain('See feedback for this Doc');
    const res = h.click(c, 'Allow');
    expect(res).toEqual({ renderActions: { hostAppAction: { editorAction: { requestFileScopeForActiveDocument: {} } } } });
  });

  test("Docs with access, the Doc is a student's work: its feedback (and the file-scope trigger does the same)", () => {
    h.on('findWorksByDoc', () => ({ latest: work(), matches: [{ assignmentId: 'a1', assignmentTitle: 'Persuasive essay', workId: 'w1', status: 'completed', createdAt: '2025-09-02T14:00:00.000Z' }] }));
    const c = h.docsHomepage({ docs: { id: docRef(1).googleDocId, title: 'Essay 1', addonHasFileScopePermission: true } });
    expect(c.name).toBe('work-w1');
    expect(textOf(c)).toContain('This Doc is student work in <b>Persuasive essay</b>.');
    expect(h.calls('findWorksByDoc')[0]!.params).toEqual({ googleDocId: docRef(1).googleDocId });
    expect(h.apiRoundTrips).toBe(1);
    const granted = main.onDocsFileScopeGranted(addonEvent({ hostApp: 'DOCS', docs: { id: docRef(1).googleDocId, addonHasFileScopePermission: true } })) as unknown as CardJson;
    expect(granted.name).toBe('work-w1');
  });

  test('Docs with access, not a student work: the list with a note', () => {
    const c = h.docsHomepage({ docs: { id: docRef(7).googleDocId, addonHasFileScopePermission: true } });
    expect(c.name).toBe('home');
    expect(textOf(c)).toContain("This Doc isn't student work in any of your assignments.");
  });
});

describe('Drive items selected', () => {
  const items = [
    { id: 'd1abcdefghij', title: 'Essay A', mimeType: DOC, addonHasFileScopePermission: true },
    { id: 'd2abcdefghij', title: 'Essay B', mimeType: DOC, addonHasFileScopePermission: false },
    { id: 'p1abcdefghij', title: 'photo.png', mimeType: 'image/png', addonHasFileScopePermission: true },
  ];

  test('Docs ready, Docs needing access (request file scope per item), others skipped; "Add" fills the form', () => {
    const c = main.onDriveItemsSelected(addonEvent({ drive: { selectedItems: items } })) as unknown as CardJson;
    expect(c.name).toBe('drive-selection');
    expect(h.apiCalls).toHaveLength(0);
    expect(h.click(c, 'Allow')).toEqual({ renderActions: { hostAppAction: { driveAction: { requestFileScope: { itemId: 'd2abcdefghij' } } } } });
    const res = h.click(c, 'Add 1 Doc to a new assignment');
    const form = shownCard(res)!;
    expect(form.name).toBe('assignment-form');
    expect(textOf(form)).toContain('1 of 35 Docs chosen');
    expect(textOf(form)).toContain('Essay A');
    expect(textOf(form)).not.toContain('Essay B');
  });
});

describe('universal actions', () => {
  test('Assignments and Billing show cards', () => {
    const a = main.showAssignments(addonEvent()) as unknown as RenderActionsJson;
    expect(shownCard(a)?.name).toBe('home');
    const b = main.showBilling(addonEvent()) as unknown as RenderActionsJson;
    expect(shownCard(b)?.name).toBe('billing');
  });

  test('Privacy, Terms and AI pages open under PAGES_BASE_URL, even when the rest is not configured', () => {
    expect((main.openPrivacyPolicy(addonEvent()) as unknown as RenderActionsJson).renderActions.action?.link).toEqual({ url: 'https://gradebot.app/privacy', openAs: 'FULL_SIZE', onClose: 'NOTHING' });
    expect((main.openTerms(addonEvent()) as unknown as RenderActionsJson).renderActions.action?.link?.url).toBe('https://gradebot.app/terms');
    h.fakes.properties.getScriptProperties().setProperty('PAGES_BASE_URL', 'http://127.0.0.1:8085/');
    expect((main.openAiUse(addonEvent()) as unknown as RenderActionsJson).renderActions.action?.link?.url).toBe('http://127.0.0.1:8085/ai');
    h.fakes.properties.getScriptProperties().deleteAllProperties();
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect((main.openPrivacyPolicy(addonEvent()) as unknown as RenderActionsJson).renderActions.action?.link?.url).toBe('https://gradebot.app/privacy');
    jest.restoreAllMocks();
  });
});

describe('the Picker page', () => {
  const page = (parameter: Record<string, string>) => main.doGet({ parameter }) as unknown as FakeHtmlOutput;

  test('Docs only, multi-select, at most 35 minus those already chosen, keys from Script Properties', () => {
    main.savePickerSelection([{ id: docRef(1).googleDocId, name: 'Essay 1', url: docRef(1).url, mimeType: DOC }]);
    const html = page({ page: 'picker' }).getContent();
    expect(html).toContain('"apiKey":"picker-key"');
    expect(html).toContain('"appId":"123456789"');
    expect(html).toContain('"oauthToken":"fake-oauth-token"');
    expect(html).toContain('"maxItems":34');
    expect(html).toContain(`"mimeType":"${DOC}"`);
    expect(html).toContain('.setMimeTypes(CONFIG.mimeType)');
    expect(html).toContain('.enableFeature(google.picker.Feature.MULTISELECT_ENABLED)');
    expect(html).toContain('.setMaxItems(CONFIG.maxItems)');
    expect(html).toContain('google.script.run');
    expect(html).toContain('.savePickerSelection(docs)');
    expect(html).toContain('src="https://apis.google.com/js/api.js"');
    expect(page({ page: 'picker' }).getXFrameOptionsMode()).toBe('ALLOWALL');
  });

  test('closes its window as a web app can: the top window (window.top.close()), with a Close button as fallback', () => {
    const html = page({ page: 'picker' }).getContent();
    // Apps Script serves the page in a sandboxed frame: its own window.close() does nothing, and
    // google.script.host.close() is for dialogs and sidebars, not web apps.
    expect(html).toContain('window.top.close()');
    expect(html).not.toMatch(/(^|[^.\w])window\.close\(/);
    expect(html).not.toContain('google.script.host.close');
    expect(html).toContain('<button id="close" type="button" hidden onclick="closeWindow()">Close</button>');
    // Called right after the save succeeds (the sandbox lets the top window close only while the click counts).
    expect(html).toMatch(/withSuccessHandler\(function \(r\) \{ show\(r\.message \+ ' You can close this window\.'\); closeWindow\(\); \}\)/);
  });

  test('without Picker keys, or for any other visit, a plain explanation', () => {
    expect(page({}).getContent()).toContain('GradeBot runs in the side panel');
    h.fakes.properties.getScriptProperties().deleteProperty('PICKER_API_KEY');
    expect(page({ page: 'picker' }).getContent()).toContain('PICKER_API_KEY and PICKER_APP_ID');
  });

  test('saving the selection: Docs added once each, non-Docs skipped, over 35 reported', () => {
    const docs = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: docRef(from + i).googleDocId, name: `Essay ${from + i}`, url: docRef(from + i).url, mimeType: DOC }));
    expect(main.savePickerSelection([...docs(1, 2), { id: 'sheet123456789', name: 'Grades', mimeType: 'application/vnd.google-apps.spreadsheet' }])).toEqual({
      added: 2,
      total: 2,
      message: 'Added 2 Docs (2 chosen). Skipped 1 file that is not a Google Doc.',
    });
    expect(main.savePickerSelection(docs(2, 35))).toEqual({ added: 34, total: 36, message: 'Added 34 Docs (36 chosen). That is more than 35: remove 1 in the form.' });
    expect(() => main.savePickerSelection([{ id: 'x', mimeType: DOC }])).toThrow();
  });
});
