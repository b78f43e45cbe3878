import { z } from 'zod';
import { DOCUMENT_LIMITS, GOOGLE_DOC_MIME_TYPE, HttpUrlSchema } from '../../shared/api';
import { logError } from '../actions/error-reply';
import { getAddonConfig } from '../config';
import { WebAppEventSchema } from '../platform/event';
import type { AppsScriptGlobals, HtmlOutput } from '../platform/services';
import { messageHtml, pickerHtml } from '../picker/picker-html';
import { createDraftStore, newDraft, type Draft } from '../services/draft-store';

/** doGet: the Picker page at `?page=picker`; anything else gets a short note. */
export function pickerPage(raw: unknown, g: AppsScriptGlobals): HtmlOutput {
  const page = (html: string) => g.HtmlService.createHtmlOutput(html).setTitle('GradeBot').setXFrameOptionsMode(g.HtmlService.XFrameOptionsMode.ALLOWALL);
  const e = WebAppEventSchema.safeParse(raw ?? {});
  if (!e.success || e.data.parameter.page !== 'picker') return page(messageHtml('GradeBot', 'GradeBot runs in the side panel of Google Drive and Google Docs.'));
  try {
    const config = getAddonConfig(g.PropertiesService.getScriptProperties());
    const { apiKey, appId, googleApiJsUrl } = config.picker;
    if (!apiKey || !appId) return page(messageHtml('GradeBot is not set up', 'The Picker needs PICKER_API_KEY and PICKER_APP_ID in Script Properties.'));
    const chosen = createDraftStore(g.PropertiesService.getUserProperties()).load()?.documents.length ?? 0;
    return page(pickerHtml({ apiKey, appId, googleApiJsUrl, oauthToken: g.ScriptApp.getOAuthToken(), maxItems: Math.max(0, DOCUMENT_LIMITS.maxDocuments - chosen) }));
  } catch (err) {
    logError('doGet', err);
    return page(messageHtml('GradeBot', err instanceof Error ? err.message : 'Something went wrong.'));
  }
}

const PickedSchema = z
  .array(z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{10,128}$/), name: z.string().default(''), url: HttpUrlSchema.optional(), mimeType: z.string() }))
  .max(200);

/** What savePickerSelection tells the Picker page. */
export interface PickerSaveResult {
  added: number;
  total: number;
  message: string;
}

/** google.script.run target: add the picked Docs to the draft (once each), non-Docs skipped. */
export function savePickerSelection(raw: unknown, g: AppsScriptGlobals, newId: () => string = () => g.Utilities.getUuid()): PickerSaveResult {
  const picked = PickedSchema.parse(raw);
  const drafts = createDraftStore(g.PropertiesService.getUserProperties());
  const draft: Draft = drafts.load() ?? newDraft(newId().replace(/[^A-Za-z0-9_-]/g, ''));
  const known = new Set(draft.documents.map((d) => d.googleDocId));
  const added: Draft['documents'] = [];
  for (const p of picked) {
    if (p.mimeType !== GOOGLE_DOC_MIME_TYPE || known.has(p.id)) continue;
    known.add(p.id);
    added.push({ googleDocId: p.id, title: p.name.trim() || 'Untitled document', url: p.url ?? `https://docs.google.com/document/d/${p.id}/edit` });
  }
  const documents = [...draft.documents, ...added];
  drafts.save({ ...draft, documents, resumeForm: true });
  const skipped = picked.filter((p) => p.mimeType !== GOOGLE_DOC_MIME_TYPE).length;
  const max = DOCUMENT_LIMITS.maxDocuments;
  const message = [
    `Added ${added.length} Doc${added.length === 1 ? '' : 's'} (${documents.length} chosen).`,
    skipped > 0 ? `Skipped ${skipped} file${skipped === 1 ? '' : 's'} that ${skipped === 1 ? 'is' : 'are'} not a Google Doc.` : '',
    documents.length > max ? `That is more than ${max}: remove ${documents.length - max} in the form.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { added: added.length, total: documents.length, message };
}

