import { z } from 'zod';
import { webViewLink } from './drive-files';
import type { DriveStore } from './drive-store';
import { GoogleApiError } from './google-errors';
import { pickerPage, pickerSignInPage } from './picker-page';
import { GOOGLE_DOC_MIME } from './samples';
import { bearerUser, html, readJson, type Route } from './server-http';

/** Google's Picker caps nothing by default; the add-on asks for 35. */
export const DEFAULT_PICKER_MAX_ITEMS = 35;

/** One picked Doc, with the fields google.picker.Document has that the add-on uses. */
export type PickedDoc = {
  id: string;
  name: string;
  url: string;
  mimeType: string;
  lastEditedUtc: number;
  serviceId: 'docs';
  type: 'document';
};

/** What the Picker hands back: to window.parent/opener, to the callback URL and to onPicked. */
export type PickerResult = { action: 'picked'; docs: PickedDoc[]; state?: string; userEmail: string } | { action: 'cancel'; state?: string; userEmail: string };

export interface PickerDeps {
  store: DriveStore;
  baseUrl: () => string;
  fetch: typeof fetch;
  onPicked?: (result: PickerResult) => void | Promise<void>;
}

const SelectBody = z.object({
  fileIds: z.array(z.string().min(1)).min(1),
  maxItems: z.number().int().min(1).max(1000).default(DEFAULT_PICKER_MAX_ITEMS),
  callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
  state: z.string().max(4000).optional(),
});
const CancelBody = SelectBody.pick({ callbackUrl: true, state: true });

const pickerError = (code: number, message: string) => new GoogleApiError(code, { error: { code, message } });

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw pickerError(400, r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

/** The Picker page and the two calls it makes when the user selects or cancels. */
export function pickerRoutes(deps: PickerDeps): Route[] {
  const { store } = deps;

  // The selection is delivered before the page hears back, so a fake that stores it is never behind.
  async function deliver(result: PickerResult, callbackUrl: string | undefined): Promise<void> {
    await deps.onPicked?.(result);
    if (!callbackUrl) return;
    const res = await deps.fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(result), signal: AbortSignal.timeout(10_000) }).catch((err: Error) => {
      throw pickerError(502, `The callback URL could not be reached: ${err.message}`);
    });
    if (!res.ok) throw pickerError(502, `The callback URL answered ${res.status}.`);
  }

  return [
    {
      method: 'GET', path: /^\/picker\/?$/,
      handler(_req, url) {
        const token = url.searchParams.get('oauthToken') ?? '';
        const check = store.checkToken(token);
        if (!check.ok) return html(pickerSignInPage(token ? 'The OAuth token is unknown or has expired.' : 'No OAuth token was given.'), 401);
        const maxItems = Number(url.searchParams.get('maxItems') ?? DEFAULT_PICKER_MAX_ITEMS);
        const docs = store.visibleTo(check.email).filter((f) => f.mimeType === GOOGLE_DOC_MIME);
        return html(
          pickerPage({
            token,
            userEmail: check.email,
            docs: [...docs].sort((a, b) => b.modifiedTime.localeCompare(a.modifiedTime)),
            maxItems: Number.isInteger(maxItems) && maxItems > 0 ? maxItems : DEFAULT_PICKER_MAX_ITEMS,
            title: url.searchParams.get('title') ?? 'Select student work',
            callbackUrl: url.searchParams.get('callbackUrl') ?? undefined,
            origin: url.searchParams.get('origin') ?? '*',
            state: url.searchParams.get('state') ?? undefined,
          }),
        );
      },
    },
    {
      method: 'POST', path: /^\/picker\/select$/,
      async handler(req) {
        const userEmail = bearerUser(req, store, 'drive');
        const body = parse(SelectBody, await readJson(req, (m) => pickerError(400, m)));
        const ids = [...new Set(body.fileIds)];
        if (ids.length > body.maxItems) throw pickerError(400, `At most ${body.maxItems} documents can be selected; got ${ids.length}.`);
        const files = ids.map((id) => {
          const file = store.get(id);
          if (!file || !store.canSee(userEmail, file)) throw pickerError(404, `File not found: ${id}.`);
          if (file.mimeType !== GOOGLE_DOC_MIME) throw pickerError(400, `${file.name} is not a Google Doc.`);
          return file;
        });
        store.grant(userEmail, ids);
        const docs: PickedDoc[] = files.map((f) => ({
          id: f.id, name: f.name, url: webViewLink(deps.baseUrl(), f), mimeType: f.mimeType, lastEditedUtc: Date.parse(f.modifiedTime), serviceId: 'docs', type: 'document',
        }));
        const result: PickerResult = { action: 'picked', docs, userEmail, ...(body.state !== undefined ? { state: body.state } : {}) };
        await deliver(result, body.callbackUrl);
        return { json: result };
      },
    },
    {
      method: 'POST', path: /^\/picker\/cancel$/,
      async handler(req) {
        const userEmail = bearerUser(req, store, 'drive');
        const body = parse(CancelBody, await readJson(req, (m) => pickerError(400, m)));
        const result: PickerResult = { action: 'cancel', userEmail, ...(body.state !== undefined ? { state: body.state } : {}) };
        await deliver(result, body.callbackUrl);
        return { json: result };
      },
    },
  ];
}
