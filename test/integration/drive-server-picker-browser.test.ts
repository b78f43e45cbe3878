import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { type DriveServer, startDriveServer } from '../../dev/drive-server/server';
import { sampleFileId } from '../../dev/drive-server/samples';

// The Picker's hand-back goes through window.postMessage, which only a browser can show.

const TEACHER = 'ms.rivera@westbrook.example';
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

let drive: DriveServer;
let browser: Browser;
let host: Server;
let hostUrl: string;
const callbacks: unknown[] = [];

beforeAll(async () => {
  if (!CHROMIUM) throw new Error('Chromium not found: apt-get install -y chromium');
  drive = await startDriveServer({ port: 0 });
  // The page that opens the Picker in an iframe (as the add-on's Picker page does) and a callback URL.
  host = createServer((req, res) => {
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        callbacks.push(JSON.parse(body));
        res.writeHead(204).end();
      });
      return;
    }
    const picker = new URL(req.url ?? '/', 'http://x').searchParams.get('picker') ?? '';
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><script>window.messages = []; addEventListener('message', (e) => window.messages.push({ origin: e.origin, data: e.data }));</script>
<iframe id="picker" src="${picker.replace(/"/g, '&quot;')}" style="width:800px;height:700px;border:0"></iframe>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await drive?.close();
  await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
});

test('choosing Docs in the Picker posts {action: "picked", docs} to the parent window and the callback URL', async () => {
  const token = drive.issueOAuthToken(TEACHER);
  const pickerUrl = drive.pickerUrl({ oauthToken: token, maxItems: 2, callbackUrl: `${hostUrl}/picked`, origin: hostUrl, state: 'form-1' });
  const page = await browser.newPage();
  await page.goto(`${hostUrl}/?picker=${encodeURIComponent(pickerUrl)}`);
  await page.waitForFunction(() => (window as any).messages.some((m: any) => m.data.action === 'loaded'));

  const picker = page.frameLocator('#picker');
  await picker.getByRole('searchbox').fill('okafor');
  await expectVisibleRows(picker, ['Daniel Okafor – Later Start Essay']);
  await picker.getByRole('searchbox').fill('');

  await picker.getByRole('checkbox', { name: 'Maya Chen – Later Start Essay' }).check();
  await picker.getByText('Daniel Okafor – Later Start Essay').click();
  // At the limit, the other Docs can no longer be chosen.
  expect(await picker.getByRole('checkbox', { name: 'Tyler Brooks – Later Start Essay' }).isDisabled()).toBe(true);
  expect(await picker.locator('#status').textContent()).toBe('You can select up to 2 items.');

  await picker.getByRole('button', { name: 'Select' }).click();
  await page.waitForFunction(() => (window as any).messages.some((m: any) => m.data.action === 'picked'));
  const message = (await page.evaluate(() => (window as any).messages.find((m: any) => m.data.action === 'picked'))) as { origin: string; data: any };
  expect(message.origin).toBe(drive.url);
  expect(message.data.state).toBe('form-1');
  const ids = message.data.docs.map((d: { id: string }) => d.id).sort();
  expect(ids).toEqual([sampleFileId('maya-chen'), sampleFileId('daniel-okafor')].sort());
  expect(message.data.docs[0]).toMatchObject({ mimeType: 'application/vnd.google-apps.document', url: expect.stringContaining('/document/d/') });
  expect(callbacks).toEqual([message.data]);
  expect(drive.grantedFileIds(TEACHER).sort()).toEqual(ids);
  expect(await picker.locator('#status').textContent()).toBe('Selected 2 document(s). You can close this window.');
  await page.close();
});

async function expectVisibleRows(picker: ReturnType<import('playwright-core').Page['frameLocator']>, names: string[]): Promise<void> {
  const visible = await picker.locator('tr.file:visible td.name span').allTextContents();
  expect(visible).toEqual(names);
}
