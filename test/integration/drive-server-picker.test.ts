import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DriveServer, type PickerResult, startDriveServer } from '../../dev/drive-server/server';
import { sampleFileId } from '../../dev/drive-server/samples';

const TEACHER = 'ms.rivera@westbrook.example';
const MAYA = sampleFileId('maya-chen');
const DANIEL = sampleFileId('daniel-okafor');
const TYLER = sampleFileId('tyler-brooks');
const PDF = sampleFileId('source-packet');

let drive: DriveServer;
let token: string;
const picked: PickerResult[] = [];

// Stands in for a server-side fake (the preview) that stores what the Picker hands back.
let receiver: Server;
let receiverUrl: string;
const received: unknown[] = [];

const select = (body: unknown, t = token) =>
  fetch(`${drive.url}/picker/select`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/fail') {
        res.writeHead(500).end();
        return;
      }
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  drive = await startDriveServer({ port: 0, onPicked: (r) => void picked.push(r) });
  token = drive.issueOAuthToken(TEACHER);
});

beforeEach(() => {
  drive.reset();
  picked.length = 0;
  received.length = 0;
});

afterAll(async () => {
  await drive.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

test("the Picker page lists the user's Google Docs only, with owner and modified date", async () => {
  const res = await fetch(drive.pickerUrl({ oauthToken: token, maxItems: 35 }));
  expect(res.status).toBe(200);
  const html = await res.text();
  for (const name of ['Maya Chen – Later Start Essay', 'Lucas Fernández – Later Start Essay', 'Noah Kim – Later Start Essay', 'Later Start Essay – Assignment Instructions']) {
    expect(html).toContain(`<span>${name}</span>`);
  }
  expect(html).not.toContain('Source Packet');
  expect(html).not.toContain('Period 3 Gradebook');
  expect(html).toContain('<td>Maya Chen</td><td>Mar 13, 2025</td>');
  expect(html).toMatch(/"maxItems":35/);
  expect(html.match(/<tr class="file"/g)).toHaveLength(11);
});

test('without a valid token the Picker asks for sign-in', async () => {
  const res = await fetch(`${drive.url}/picker?oauthToken=ya29.nope`);
  expect(res.status).toBe(401);
  expect(await res.text()).toContain('Sign-in required');
});

test('selecting grants the Docs, answers with the picked docs and POSTs them to the callback URL', async () => {
  const before = await fetch(`${drive.url}/drive/v3/files/${MAYA}/export?mimeType=text/plain`, { headers: { authorization: `Bearer ${token}` } });
  expect(before.status).toBe(404);

  const res = await select({ fileIds: [MAYA, DANIEL], maxItems: 35, callbackUrl: `${receiverUrl}/picked`, state: 'form-7' });
  expect(res.status).toBe(200);
  const result = await res.json();
  expect(result).toEqual({
    action: 'picked',
    userEmail: TEACHER,
    state: 'form-7',
    docs: [
      { id: MAYA, name: 'Maya Chen – Later Start Essay', url: `${drive.url}/document/d/${MAYA}/edit?usp=drivesdk`, mimeType: 'application/vnd.google-apps.document', lastEditedUtc: Date.parse('2025-03-13T22:41:00.000Z'), serviceId: 'docs', type: 'document' },
      { id: DANIEL, name: 'Daniel Okafor – Later Start Essay', url: `${drive.url}/document/d/${DANIEL}/edit?usp=drivesdk`, mimeType: 'application/vnd.google-apps.document', lastEditedUtc: Date.parse('2025-03-14T01:05:00.000Z'), serviceId: 'docs', type: 'document' },
    ],
  });
  expect(received).toEqual([result]);
  expect(picked).toEqual([result]);
  expect(drive.grantedFileIds(TEACHER).sort()).toEqual([MAYA, DANIEL].sort());

  const after = await fetch(`${drive.url}/drive/v3/files/${MAYA}/export?mimeType=text/plain`, { headers: { authorization: `Bearer ${token}` } });
  expect(after.status).toBe(200);
  expect(await after.text()).toContain('Let Us Sleep');
});

test('more Docs than maxItems, a non-Doc, or no token are refused and grant nothing', async () => {
  const tooMany = await select({ fileIds: [MAYA, DANIEL, TYLER], maxItems: 2 });
  expect(tooMany.status).toBe(400);
  expect((await tooMany.json()).error.message).toContain('At most 2 documents');
  const pdf = await select({ fileIds: [PDF] });
  expect(pdf.status).toBe(400);
  const anonymous = await fetch(`${drive.url}/picker/select`, { method: 'POST', body: JSON.stringify({ fileIds: [MAYA] }) });
  expect(anonymous.status).toBe(401);
  expect(drive.grantedFileIds(TEACHER)).toEqual([]);
  expect(picked).toEqual([]);
});

test('cancel is handed back too, and a failing callback is reported as 502', async () => {
  const res = await fetch(`${drive.url}/picker/cancel`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ callbackUrl: `${receiverUrl}/picked` }),
  });
  expect(res.status).toBe(200);
  expect(received).toEqual([{ action: 'cancel', userEmail: TEACHER }]);

  const failing = await select({ fileIds: [MAYA], callbackUrl: `${receiverUrl}/fail` });
  expect(failing.status).toBe(502);
});

test('the HTTP controls mint tokens and grant files for out-of-process callers', async () => {
  const tokenRes = await fetch(`${drive.url}/_dev/tokens`, { method: 'POST', body: JSON.stringify({ email: 'mr.lopez@westbrook.example' }) });
  const { access_token: other } = await tokenRes.json();
  const grant = await fetch(`${drive.url}/_dev/grants`, { method: 'POST', body: JSON.stringify({ email: 'mr.lopez@westbrook.example', fileIds: [TYLER] }) });
  expect(grant.status).toBe(200);
  const res = await fetch(`${drive.url}/drive/v3/files/${TYLER}/export?mimeType=text/plain`, { headers: { authorization: `Bearer ${other}` } });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('school start time');
});
