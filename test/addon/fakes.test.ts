import { Worker } from 'node:worker_threads';
import {
  AppsScriptLimitError,
  CardServiceError,
  EnumArgumentError,
  FakeCache,
  createCardService,
  createHtmlService,
  createPropertiesService,
  createSyncHttp,
  createUrlFetchApp,
  formatDate,
  type CardJson,
  type FakeHtmlOutput,
  type RenderActionsJson,
} from '../../dev/apps-script-fakes';

const cs = createCardService();
const action = (fn: string, params: Record<string, string> = {}) => cs.newAction().setFunctionName(fn).setParameters(params);

describe('fake CardService builds the JSON HTTP-runtime add-ons use', () => {
  test('a card with header, sections, every widget kind and a fixed footer', () => {
    const card = cs
      .newCardBuilder()
      .setName('demo')
      .setHeader(cs.newCardHeader().setTitle('Title').setSubtitle('Sub').setImageUrl('https://x.test/i.png').setImageStyle(cs.ImageStyle.CIRCLE))
      .addSection(
        cs
          .newCardSection()
          .setHeader('Section')
          .addWidget(cs.newTextParagraph().setText('<b>Hi</b>'))
          .addWidget(
            cs
              .newDecoratedText()
              .setText('Text')
              .setTopLabel('Top')
              .setBottomLabel('Bottom')
              .setWrapText(true)
              .setStartIcon(cs.newIconImage().setIcon(cs.Icon.STAR))
              .setButton(cs.newTextButton().setText('Go').setOnClickAction(action('onAction', { handler: 'x' }).setLoadIndicator(cs.LoadIndicator.SPINNER))),
          )
          .addWidget(cs.newDecoratedText().setText('Switch').setSwitchControl(cs.newSwitch().setFieldName('s').setValue('on').setSelected(true).setControlType(cs.SwitchControlType.SWITCH).setOnChangeAction(action('f'))))
          .addWidget(cs.newTextInput().setFieldName('t').setTitle('T').setHint('H').setValue('v').setMultiline(true))
          .addWidget(cs.newSelectionInput().setFieldName('sel').setTitle('Sel').setType(cs.SelectionInputType.CHECK_BOX).addItem('A', 'a', true).addItem('B', 'b', false))
          .addWidget(cs.newImage().setImageUrl('https://x.test/c.png').setAltText('chart'))
          .addWidget(cs.newButtonSet().addButton(cs.newTextButton().setText('Link').setOpenLink(cs.newOpenLink().setUrl('https://x.test').setOpenAs(cs.OpenAs.OVERLAY).setOnClose(cs.OnClose.RELOAD))))
          .addWidget(cs.newDivider())
          .setCollapsible(true)
          .setNumUncollapsibleWidgets(2),
      )
      .setFixedFooter(cs.newFixedFooter().setPrimaryButton(cs.newTextButton().setText('Save').setTextButtonStyle(cs.TextButtonStyle.FILLED).setOnClickOpenLinkAction(action('g'))))
      .build();
    const expected: CardJson = {
      name: 'demo',
      header: { title: 'Title', subtitle: 'Sub', imageUrl: 'https://x.test/i.png', imageType: 'CIRCLE' },
      sections: [
        {
          header: 'Section',
          collapsible: true,
          uncollapsibleWidgetsCount: 2,
          widgets: [
            { textParagraph: { text: '<b>Hi</b>' } },
            {
              decoratedText: {
                text: 'Text',
                topLabel: 'Top',
                bottomLabel: 'Bottom',
                wrapText: true,
                startIcon: { knownIcon: 'STAR' },
                button: { text: 'Go', onClick: { action: { function: 'onAction', parameters: [{ key: 'handler', value: 'x' }], loadIndicator: 'SPINNER' } } },
              },
            },
            { decoratedText: { text: 'Switch', switchControl: { name: 's', value: 'on', selected: true, controlType: 'SWITCH', onChangeAction: { function: 'f', parameters: [] } } } },
            { textInput: { name: 't', label: 'T', hintText: 'H', value: 'v', type: 'MULTIPLE_LINE' } },
            { selectionInput: { name: 'sel', label: 'Sel', type: 'CHECK_BOX', items: [{ text: 'A', value: 'a', selected: true }, { text: 'B', value: 'b', selected: false }] } },
            { image: { imageUrl: 'https://x.test/c.png', altText: 'chart' } },
            { buttonList: { buttons: [{ text: 'Link', onClick: { openLink: { url: 'https://x.test', openAs: 'OVERLAY', onClose: 'RELOAD' } } }] } },
            { divider: {} },
          ],
        },
      ],
      fixedFooter: { primaryButton: { text: 'Save', type: 'FILLED', onClick: { openDynamicLinkAction: { function: 'g', parameters: [] } } } },
    };
    expect(card).toEqual(expected);
    expect(JSON.parse(card.printJson())).toEqual(expected);
  });

  test('action responses: navigation, notification, link; universal; file scope', () => {
    const card = cs.newCardBuilder().addSection(cs.newCardSection().addWidget(cs.newTextParagraph().setText('x'))).build();
    const nav = cs.newNavigation().popCard().popToRoot().pushCard(card).updateCard(card).popToNamedCard('home');
    const res = cs.newActionResponseBuilder().setNavigation(nav).setNotification(cs.newNotification().setText('Saved')).build() as unknown as RenderActionsJson;
    expect(res.renderActions.action).toEqual({
      navigations: [{ pop: true }, { popToRoot: true }, { pushCard: card }, { updateCard: card }, { popToCard: 'home' }],
      notification: { text: 'Saved' },
    });
    const link = cs.newActionResponseBuilder().setOpenLink(cs.newOpenLink().setUrl('https://x.test').setOpenAs(cs.OpenAs.FULL_SIZE).setOnClose(cs.OnClose.RELOAD)).build();
    expect(link).toEqual({ renderActions: { action: { link: { url: 'https://x.test', openAs: 'FULL_SIZE', onClose: 'RELOAD' } } } });
    expect(cs.newUniversalActionResponseBuilder().displayAddOnCards([card]).build()).toEqual({ renderActions: { action: { navigations: [{ pushCard: card }] } } });
    expect(cs.newEditorFileScopeActionResponseBuilder().requestFileScopeForActiveDocument().build()).toEqual({
      renderActions: { hostAppAction: { editorAction: { requestFileScopeForActiveDocument: {} } } },
    });
    expect(cs.newDriveItemsSelectedActionResponseBuilder().requestFileScope('f1').build()).toEqual({ renderActions: { hostAppAction: { driveAction: { requestFileScope: { itemId: 'f1' } } } } });
  });

  test.each([
    ['a card without sections', () => cs.newCardBuilder().build(), /at least one section/],
    ['an empty section', () => cs.newCardBuilder().addSection(cs.newCardSection()).build(), /at least one widget/],
    ['a button without an action', () => cs.newCardBuilder().addSection(cs.newCardSection().addWidget(cs.newButtonSet().addButton(cs.newTextButton().setText('x')))).build(), /needs an action/],
    ['a text input without a name', () => cs.newCardBuilder().addSection(cs.newCardSection().addWidget(cs.newTextInput().setTitle('x'))).build(), /field name/],
    ['a link that is not http(s)', () => cs.newActionResponseBuilder().setOpenLink(cs.newOpenLink().setUrl('javascript:x')).build(), /http\(s\) URL/],
    ['an empty response', () => cs.newActionResponseBuilder().build(), /navigation, a notification or a link/],
  ])('refuses %s, as Apps Script does', (_label, build, message) => {
    expect(build).toThrow(CardServiceError);
    expect(build).toThrow(message);
  });
});

describe('Apps Script enums are objects, not strings', () => {
  const none = () => cs.newAction().setFunctionName('f');
  // Every enum-taking setter the add-on's CardService type has, given the member's bare name.
  const bare: [string, () => unknown][] = [
    ['TextButton.setTextButtonStyle', () => cs.newTextButton().setTextButtonStyle('FILLED' as never)],
    ['IconImage.setIcon', () => cs.newIconImage().setIcon('STAR' as never)],
    ['SelectionInput.setType', () => cs.newSelectionInput().setType('DROPDOWN' as never)],
    ['Switch.setControlType', () => cs.newSwitch().setControlType('SWITCH' as never)],
    ['CardHeader.setImageStyle', () => cs.newCardHeader().setImageStyle('CIRCLE' as never)],
    ['OpenLink.setOpenAs', () => cs.newOpenLink().setOpenAs('OVERLAY' as never)],
    ['OpenLink.setOnClose', () => cs.newOpenLink().setOnClose('RELOAD' as never)],
    ['Action.setLoadIndicator', () => none().setLoadIndicator('SPINNER' as never)],
  ];

  test.each(bare)('%s refuses a bare string, as Apps Script does', (method, call) => {
    expect(call).toThrow(EnumArgumentError);
    expect(call).toThrow(`The parameters (String) don't match the method signature for CardService.${method}`);
  });

  test('a member of another enum is refused too; members print as their names', () => {
    expect(() => cs.newTextButton().setTextButtonStyle(cs.ImageStyle.CIRCLE as never)).toThrow(/CardService\.ImageStyle\.CIRCLE/);
    expect(String(cs.TextButtonStyle.FILLED)).toBe('FILLED');
    expect(typeof cs.SelectionInputType.RADIO_BUTTON).toBe('object');
    expect(Object.isFrozen(cs.Icon)).toBe(true);
    // Members are shared between fake instances, as all executions share Apps Script's enums.
    expect(createCardService().Icon.STAR).toBe(cs.Icon.STAR);
  });

  test('the type system refuses a bare string too', () => {
    // @ts-expect-error a name is not a CardService.TextButtonStyle member
    expect(() => cs.newTextButton().setTextButtonStyle('FILLED')).toThrow(EnumArgumentError);
    // @ts-expect-error a name is not a CardService.Icon member
    expect(() => cs.newIconImage().setIcon('STAR')).toThrow(EnumArgumentError);
  });

  test('HtmlService.XFrameOptionsMode likewise', () => {
    const html = createHtmlService();
    const out = html.createHtmlOutput('<p>x</p>') as FakeHtmlOutput;
    out.setXFrameOptionsMode(html.XFrameOptionsMode.ALLOWALL);
    expect(out.getXFrameOptionsMode()).toBe('ALLOWALL');
    expect(() => html.createHtmlOutput('x').setXFrameOptionsMode('ALLOWALL' as never)).toThrow(/HtmlService\.HtmlOutput\.setXFrameOptionsMode/);
  });
});

describe('storage fakes keep Apps Script limits', () => {
  test('properties: 9 KB per value, setProperties with deleteAllOthers', () => {
    const p = createPropertiesService({ A: '1' }).getScriptProperties();
    expect(p.getProperty('A')).toBe('1');
    expect(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(AppsScriptLimitError);
    p.setProperties({ B: '2' }, true);
    expect(p.getProperties()).toEqual({ B: '2' });
  });

  test('cache: entries expire on the injected clock; 100 KB per value', () => {
    let now = 0;
    const c = new FakeCache(() => now);
    c.put('k', 'v', 60);
    now += 59_000;
    expect(c.get('k')).toBe('v');
    now += 2_000;
    expect(c.get('k')).toBeNull();
    expect(() => c.put('k', 'x'.repeat(100 * 1024 + 1))).toThrow(AppsScriptLimitError);
  });
});

describe('UrlFetchApp fake', () => {
  const transport = (r: { url: string }) => ({ status: r.url.endsWith('/missing') ? 404 : 200, body: 'ok' });

  test('non-2xx throws unless muteHttpExceptions; fetchAll is one round trip', () => {
    const u = createUrlFetchApp({ transport });
    expect(() => u.fetch('https://x.test/missing')).toThrow(/returned code 404/);
    expect(u.fetch('https://x.test/missing', { muteHttpExceptions: true }).getResponseCode()).toBe(404);
    const before = u.roundTrips;
    expect(u.fetchAll([{ url: 'https://x.test/a' }, { url: 'https://x.test/b', method: 'post', payload: '{}' }]).map((r) => r.getContentText())).toEqual(['ok', 'ok']);
    expect(u.roundTrips - before).toBe(1);
    expect(u.requests.at(-1)).toEqual({ url: 'https://x.test/b', method: 'POST', headers: {}, payload: '{}' });
  });

  test('the whitelist refuses other URLs', () => {
    const u = createUrlFetchApp({ transport, whitelist: ['https://ok.test/'] });
    expect(u.fetch('https://ok.test/a').getResponseCode()).toBe(200);
    expect(() => u.fetch('https://evil.test/a')).toThrow(/urlFetchWhitelist/);
  });
});

test('Utilities.formatDate: SimpleDateFormat letters in a time zone', () => {
  const d = new Date('2025-09-02T03:04:05Z');
  expect(formatDate(d, 'America/New_York', 'MMM d, yyyy')).toBe('Sep 1, 2025');
  expect(formatDate(d, 'UTC', "yyyy-MM-dd'T'HH:mm:ss")).toBe('2025-09-02T03:04:05');
  expect(formatDate(d, 'UTC', 'EEEE, MMMM d h a')).toBe('Tuesday, September 2 3 AM');
});

describe('sync HTTP transport (real requests, synchronous like UrlFetchApp)', () => {
  // The server must not share the blocked thread: it runs in a worker.
  const SERVER = `
    const { parentPort } = require('node:worker_threads');
    const http = require('node:http');
    const srv = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.url === '/slow') return setTimeout(() => res.end('late'), 2000);
        res.writeHead(req.url === '/teapot' ? 418 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, type: req.headers['content-type'], body }));
      });
    });
    srv.listen(0, '127.0.0.1', () => parentPort.postMessage(srv.address().port));
    parentPort.on('message', () => srv.close(() => process.exit(0)));
  `;
  let worker: Worker;
  let base: string;
  const http = createSyncHttp({ timeoutMs: 500 });

  beforeAll(async () => {
    worker = new Worker(SERVER, { eval: true });
    const port = await new Promise<number>((resolve) => worker.once('message', resolve));
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    worker.postMessage('stop');
    await new Promise((resolve) => worker.once('exit', resolve));
    await http.close();
  });

  test('a POST with headers and payload, answered synchronously', () => {
    const u = createUrlFetchApp({ transport: http.transport });
    const res = u.fetch(`${base}/echo`, { method: 'post', headers: { Authorization: 'Bearer t' }, contentType: 'application/json', payload: '{"a":1}' });
    expect(res.getResponseCode()).toBe(200);
    expect(JSON.parse(res.getContentText())).toEqual({ method: 'POST', auth: 'Bearer t', type: 'application/json', body: '{"a":1}' });
    expect(u.fetch(`${base}/teapot`, { muteHttpExceptions: true }).getResponseCode()).toBe(418);
  });

  test('timeouts and unreachable hosts throw, as in Apps Script', () => {
    const u = createUrlFetchApp({ transport: http.transport });
    expect(() => u.fetch(`${base}/slow`)).toThrow(/Timeout/);
    expect(() => u.fetch('http://127.0.0.1:1/')).toThrow(/Address unavailable/);
  });
});

