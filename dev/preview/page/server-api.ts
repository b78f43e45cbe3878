import type { Host, RunResponse, Session } from '../preview-contract';
import type { CommonEvent } from '../preview-contract';

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(json.error?.message ?? `The preview answered ${res.status}`);
  return json;
}

/** Who is signed in, the add-on's manifest entries, the local Drive's files. */
export async function loadSession(): Promise<Session> {
  const res = await fetch('/_preview/session', { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`The preview answered ${res.status}`);
  return (await res.json()) as Session;
}

/** Run a function of the add-on with this event, as Apps Script would. */
export function run(fn: string, host: Host, commonEventObject: CommonEvent): Promise<RunResponse> {
  return post<RunResponse>('/_preview/run', { fn, host, commonEventObject });
}

/** What the host does when the teacher allows access: drive.file access to these files. */
export async function grantFiles(fileIds: string[]): Promise<void> {
  await post('/_preview/grant', { fileIds });
}
