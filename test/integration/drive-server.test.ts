import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DriveServer, startDriveServer } from '../../dev/drive-server/server';
import { loadSampleAssignment, SAMPLE_DATA_DIR, sampleFileId } from '../../dev/drive-server/samples';

const TEACHER = 'ms.rivera@westbrook.example';
const OTHER_TEACHER = 'mr.lopez@westbrook.example';
const MAYA = sampleFileId('maya-chen');
const LUCAS = sampleFileId('lucas-fernandez');
const NOAH = sampleFileId('noah-kim');
const PDF = sampleFileId('source-packet');
const SHEET = sampleFileId('period-3-gradebook');

let clock = new Date('2025-03-20T15:00:00Z');
let drive: DriveServer;
let token: string;

const auth = (t: string) => ({ authorization: `Bearer ${t}` });
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

beforeAll(async () => {
  drive = await startDriveServer({ port: 0, now: () => clock, tokenLifetimeSeconds: 3600 });
  token = drive.issueOAuthToken(TEACHER);
  drive.grant(TEACHER, [MAYA, LUCAS, NOAH, PDF, SHEET]);
});

afterAll(async () => {
  await drive.close();
});

describe('files.export', () => {
  test('returns the essay as Google exports it: UTF-8 with a BOM, CRLF between paragraphs', async () => {
    const res = await fetch(`${drive.url}/drive/v3/files/${MAYA}/export?mimeType=text/plain`, { headers: auth(token) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const source = readFileSync(join(SAMPLE_DATA_DIR, 'docs/maya-chen.txt'), 'utf8').trimEnd().replace(/^# /m, '');
    expect(text).toBe(source.split('\n').join('\r\n'));
    expect(text.startsWith('Maya Chen\r\nMs. Rivera\r\n')).toBe(true);
  });

  test('the long essay is over 2,000 words and the empty Doc exports nothing but the BOM', async () => {
    const long = await fetch(`${drive.url}/drive/v3/files/${LUCAS}/export?mimeType=text/plain`, { headers: auth(token) });
    expect(words(await long.text())).toBeGreaterThan(2000);
    const empty = await fetch(`${drive.url}/drive/v3/files/${NOAH}/export?mimeType=text/plain`, { headers: auth(token) });
    expect(Buffer.from(await empty.arrayBuffer()).toString('hex')).toBe('efbbbf');
  });

  test('a Doc the user has not granted is "not found", as Drive answers under drive.file', async () => {
    const notGranted = sampleFileId('ethan-novak');
    const res = await fetch(`${drive.url}/drive/v3/files/${notGranted}/export?mimeType=text/plain`, { headers: auth(token) });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        code: 404,
        message: `File not found: ${notGranted}.`,
        errors: [{ message: `File not found: ${notGranted}.`, domain: 'global', reason: 'notFound', location: 'fileId', locationType: 'parameter' }],
      },
    });
  });

  test("one teacher's grants do not reach another teacher's token", async () => {
    const other = drive.issueOAuthToken(OTHER_TEACHER);
    const res = await fetch(`${drive.url}/drive/v3/files/${MAYA}/export?mimeType=text/plain`, { headers: auth(other) });
    expect(res.status).toBe(404);
  });

  test('non-Docs files and unsupported conversions get the errors Drive gives', async () => {
    const pdf = await fetch(`${drive.url}/drive/v3/files/${PDF}/export?mimeType=text/plain`, { headers: auth(token) });
    expect(pdf.status).toBe(403);
    expect((await pdf.json()).error.errors[0].reason).toBe('fileNotExportable');

    const sheet = await fetch(`${drive.url}/drive/v3/files/${SHEET}/export?mimeType=text/plain`, { headers: auth(token) });
    expect(sheet.status).toBe(400);
    expect((await sheet.json()).error).toMatchObject({ code: 400, message: 'The requested conversion is not supported.' });

    const image = await fetch(`${drive.url}/drive/v3/files/${MAYA}/export?mimeType=image/png`, { headers: auth(token) });
    expect(image.status).toBe(400);

    const missing = await fetch(`${drive.url}/drive/v3/files/${MAYA}/export`, { headers: auth(token) });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.errors[0]).toMatchObject({ reason: 'required', location: 'mimeType' });
  });
});

describe('auth', () => {
  test('no token, an unknown token and an expired token are 401 UNAUTHENTICATED', async () => {
    const url = `${drive.url}/drive/v3/files/${MAYA}/export?mimeType=text/plain`;
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect((await none.json()).error.errors[0].reason).toBe('required');

    const unknown = await fetch(url, { headers: auth('ya29.made-up') });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await unknown.json()).error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });

    const shortLived = drive.issueOAuthToken(TEACHER);
    clock = new Date(clock.getTime() + 3601_000);
    const expired = await fetch(url, { headers: auth(shortLived) });
    expect(expired.status).toBe(401);
    token = drive.issueOAuthToken(TEACHER); // later tests need a live token
  });
});

describe('files.get and files.list', () => {
  test('metadata: Drive\'s default fields, or the ones asked for, with a Docs webViewLink', async () => {
    const plain = await (await fetch(`${drive.url}/drive/v3/files/${MAYA}`, { headers: auth(token) })).json();
    expect(plain).toEqual({ kind: 'drive#file', id: MAYA, name: 'Maya Chen – Later Start Essay', mimeType: 'application/vnd.google-apps.document' });

    const res = await fetch(`${drive.url}/drive/v3/files/${MAYA}?fields=id,name,webViewLink,owners(displayName)`, { headers: auth(token) });
    const meta = await res.json();
    expect(meta).toEqual({
      id: MAYA,
      name: 'Maya Chen – Later Start Essay',
      webViewLink: `${drive.url}/document/d/${MAYA}/edit?usp=drivesdk`,
      owners: [{ displayName: 'Maya Chen' }],
    });
    const page = await fetch(meta.webViewLink);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Let Us Sleep: Why Westbrook Should Start at 8:30');
  });

  test('list shows only granted files and filters with q', async () => {
    const q = encodeURIComponent("mimeType = 'application/vnd.google-apps.document' and name contains 'Later Start' and trashed = false");
    const res = await fetch(`${drive.url}/drive/v3/files?q=${q}&orderBy=name&fields=files(id,name)`, { headers: auth(token) });
    expect(res.status).toBe(200);
    const { files } = await res.json();
    expect(files.map((f: { name: string }) => f.name)).toEqual(['Lucas Fernández – Later Start Essay', 'Maya Chen – Later Start Essay', 'Noah Kim – Later Start Essay']);

    const paged = await (await fetch(`${drive.url}/drive/v3/files?pageSize=2`, { headers: auth(token) })).json();
    expect(paged.files).toHaveLength(2);
    const rest = await (await fetch(`${drive.url}/drive/v3/files?pageSize=2&pageToken=${paged.nextPageToken}`, { headers: auth(token) })).json();
    expect(rest.files).toHaveLength(2);

    const bad = await fetch(`${drive.url}/drive/v3/files?q=${encodeURIComponent("starred = true or x")}`, { headers: auth(token) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.errors[0].location).toBe('q');
  });
});

describe('samples', () => {
  test('the sample assignment and the eight student essays of 300–700 words are there', () => {
    const assignment = loadSampleAssignment();
    expect(assignment).toMatchObject({ title: 'Should Our School Start Later?', gradeLevel: 'Grade 8' });
    expect(assignment.instructions).toContain('Address at least one counterargument');
    const essays = drive.listFiles().filter((f) => f.name.endsWith('Later Start Essay'));
    const counts = essays.map((f) => words(drive.exportText(f.id)));
    expect(counts.filter((n) => n >= 300 && n <= 700)).toHaveLength(8);
    expect(counts.filter((n) => n > 2000)).toHaveLength(1);
    expect(counts.filter((n) => n === 0)).toHaveLength(1);
  });

  test('documents, grants and tokens survive a restart when a state file is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drive-state-'));
    try {
      const statePath = join(dir, 'state.json');
      const first = await startDriveServer({ port: 0, statePath });
      const t = first.issueOAuthToken(TEACHER);
      first.grant(TEACHER, [MAYA]);
      const append = { requests: [{ insertText: { endOfSegmentLocation: {}, text: ' Kept across restarts.' } }] };
      const upd = await fetch(`${first.url}/v1/documents/${MAYA}:batchUpdate`, { method: 'POST', headers: auth(t), body: JSON.stringify(append) });
      expect(upd.status).toBe(200);
      await first.close();

      const second = await startDriveServer({ port: 0, statePath });
      const res = await fetch(`${second.url}/drive/v3/files/${MAYA}/export?mimeType=text/plain`, { headers: auth(t) });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/watch what we can do\. Kept across restarts\.$/);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
