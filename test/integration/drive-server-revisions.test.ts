import { type DriveServer, startDriveServer } from '../../dev/drive-server/server';
import { sampleFileId } from '../../dev/drive-server/samples';
import { permissionIdOf } from '../../dev/drive-server/revisions';

/** The local Drive's revision history: revisions.list, revision export links, and saves recorded as revisions. */

const TEACHER = 'ms.rivera@westbrook.example';
const MAYA = sampleFileId('maya-chen');
const ETHAN = sampleFileId('ethan-novak');
const OLIVIA = sampleFileId('olivia-nguyen');
const TYLER = sampleFileId('tyler-brooks');
const AVA = sampleFileId('ava-patel');
const FULL = 'nextPageToken,revisions(id,modifiedTime,lastModifyingUser(displayName,emailAddress,permissionId,me),exportLinks)';

let clock = new Date('2025-03-20T15:00:00Z');
let drive: DriveServer;
let token: string;

const auth = (t: string) => ({ authorization: `Bearer ${t}` });
/** A revision's text as sent, byte-order mark included (Response.text() would drop it). */
const exported = async (link: string) => Buffer.from(await (await fetch(link, { headers: auth(token) })).arrayBuffer()).toString('utf8');
type Rev = { id: string; modifiedTime: string; lastModifyingUser: { displayName: string; emailAddress: string; permissionId: string; me: boolean }; exportLinks: Record<string, string> };
async function revisions(id: string, query = `fields=${encodeURIComponent(FULL)}`): Promise<{ status: number; body: { revisions: Rev[]; nextPageToken?: string; kind?: string } }> {
  const res = await fetch(`${drive.url}/drive/v3/files/${id}/revisions?${query}`, { headers: auth(token) });
  return { status: res.status, body: (await res.json()) as never };
}

beforeAll(async () => {
  drive = await startDriveServer({ port: 0, now: () => clock });
  token = drive.issueOAuthToken(TEACHER);
  drive.grant(TEACHER, [MAYA, ETHAN, OLIVIA, TYLER]);
});

afterAll(async () => {
  await drive.close();
});

describe('revisions.list', () => {
  test("without fields: Drive's default, ids and times only", async () => {
    const { status, body } = await revisions(MAYA, '');
    expect(status).toBe(200);
    expect(body.kind).toBe('drive#revisionList');
    expect(body.revisions[0]).toEqual({ kind: 'drive#revision', id: '1', mimeType: 'application/vnd.google-apps.document', modifiedTime: '2025-03-10T18:02:00.000Z' });
  });

  test('a sample written over sessions: its revisions, oldest first, each growing the text', async () => {
    const { body } = await revisions(MAYA);
    expect(body.revisions.map((r) => r.modifiedTime)).toEqual([
      '2025-03-10T18:02:00.000Z', '2025-03-10T18:20:00.000Z', '2025-03-10T18:41:00.000Z', '2025-03-11T19:05:00.000Z', '2025-03-11T19:30:00.000Z', '2025-03-11T19:52:00.000Z',
      '2025-03-11T21:10:00.000Z', '2025-03-11T21:35:00.000Z', '2025-03-13T21:50:00.000Z', '2025-03-13T22:15:00.000Z', '2025-03-13T22:41:00.000Z',
    ]);
    expect(body.revisions[0]!.lastModifyingUser).toEqual({ displayName: 'Maya Chen', emailAddress: 'maya.chen@students.westbrook.example', permissionId: permissionIdOf('maya.chen@students.westbrook.example'), me: false });
    const texts = await Promise.all(body.revisions.map(async (r) => exported(r.exportLinks['text/plain']!)));
    texts.slice(1).forEach((t, i) => expect(t.length).toBeGreaterThan(texts[i]!.length));
    // The newest revision is the Doc as it is now.
    expect(texts[texts.length - 1]).toBe(drive.exportText(MAYA));
    expect(texts[0]!.startsWith('\uFEFFMaya Chen')).toBe(true);
  });

  test('the pasted sample: a title, then almost all of the text in one revision', async () => {
    const { body } = await revisions(ETHAN);
    const texts = await Promise.all(body.revisions.map(async (r) => exported(r.exportLinks['text/plain']!)));
    const final = drive.exportText(ETHAN).length;
    expect(texts.map((t) => Math.round((t.length / final) * 100))).toEqual([expect.any(Number), expect.any(Number), 100]);
    expect(texts[0]!.length / final).toBeLessThan(0.05);
    expect(texts[1]!.length / final).toBeGreaterThan(0.9);
  });

  test('the sample with a second editor names her on her revision', async () => {
    const { body } = await revisions(OLIVIA);
    expect(body.revisions.map((r) => r.lastModifyingUser.displayName)).toContain('Lena Nguyen');
  });

  test('a Doc with no recorded history has one revision, by its owner', async () => {
    const { body } = await revisions(TYLER);
    expect(body.revisions).toHaveLength(1);
    expect(body.revisions[0]!.lastModifyingUser.displayName).toBe('Tyler Brooks');
  });

  test('pages: pageSize and nextPageToken', async () => {
    const first = await revisions(MAYA, 'pageSize=4&fields=nextPageToken,revisions(id)');
    expect(first.body.revisions.map((r) => r.id)).toEqual(['1', '2', '3', '4']);
    const rest = await revisions(MAYA, `pageSize=1000&pageToken=${first.body.nextPageToken}&fields=nextPageToken,revisions(id)`);
    expect(rest.body.revisions.map((r) => r.id)).toEqual(['5', '6', '7', '8', '9', '10', '11']);
    expect(rest.body.nextPageToken).toBeUndefined();
    expect((await revisions(MAYA, 'pageSize=1001')).status).toBe(400);
  });

  test('drive.file: a Doc the teacher has not opened with the app is not found, list and export alike', async () => {
    const { status } = await revisions(AVA);
    expect(status).toBe(404);
    const { body } = await revisions(MAYA);
    const link = body.revisions[0]!.exportLinks['text/plain']!.replace(MAYA, AVA);
    expect((await fetch(link, { headers: auth(token) })).status).toBe(404);
    expect((await fetch(body.revisions[0]!.exportLinks['text/plain']!)).status).toBe(401);
  });

  test('export: an unknown revision is 404, a format other than txt is refused', async () => {
    const { body } = await revisions(MAYA);
    const link = body.revisions[0]!.exportLinks['text/plain']!;
    expect((await fetch(link.replace('revision=1', 'revision=99'), { headers: auth(token) })).status).toBe(404);
    expect((await fetch(link.replace('exportFormat=txt', 'exportFormat=rtf'), { headers: auth(token) })).status).toBe(400);
  });
});

describe('saves become revisions', () => {
  const insert = (id: string, text: string) =>
    fetch(`${drive.url}/v1/documents/${id}:batchUpdate`, { method: 'POST', headers: { ...auth(token), 'content-type': 'application/json' }, body: JSON.stringify({ requests: [{ insertText: { endOfSegmentLocation: {}, text } }] }) });

  test("the teacher's insert is a revision by the teacher (me), and saves minutes apart merge into it", async () => {
    const before = (await revisions(TYLER)).body.revisions.length;
    expect((await insert(TYLER, '\nFeedback')).status).toBe(200);
    clock = new Date(clock.getTime() + 60_000);
    expect((await insert(TYLER, ' again')).status).toBe(200);
    const { body } = await revisions(TYLER);
    expect(body.revisions).toHaveLength(before + 1);
    const last = body.revisions[body.revisions.length - 1]!;
    expect(last.lastModifyingUser).toMatchObject({ displayName: 'Ms Rivera', emailAddress: TEACHER, me: true });
    expect(last.modifiedTime).toBe(clock.toISOString());
    expect(await exported(last.exportLinks['text/plain']!)).toBe(drive.exportText(TYLER));
    // A later save, past Drive's merge window, is a revision of its own.
    clock = new Date(clock.getTime() + 10 * 60_000);
    await insert(TYLER, ' later');
    expect((await revisions(TYLER)).body.revisions).toHaveLength(before + 2);
  });

  test('addDocument takes a history', async () => {
    const added = drive.addDocument({
      name: 'History test', text: 'one two three four five six seven eight nine ten',
      history: [{ at: '2025-03-01T10:00:00.000Z', upTo: 0.5 }, { at: '2025-03-02T10:00:00.000Z', upTo: 1, by: { name: 'Sam Lee', email: 'sam.lee@students.westbrook.example' } }],
    });
    drive.grant(TEACHER, [added.id]);
    const { body } = await revisions(added.id);
    expect(body.revisions.map((r) => [r.modifiedTime, r.lastModifyingUser.displayName])).toEqual([['2025-03-01T10:00:00.000Z', 'Test Student'], ['2025-03-02T10:00:00.000Z', 'Sam Lee']]);
    expect(await exported(body.revisions[0]!.exportLinks['text/plain']!)).toBe('\uFEFFone two three four five');
  });
});
