import { DOCUMENT_LIMITS, type DocumentRef, type SubmittedDocumentInput } from '../../shared/api';
import type { GoogleHttp } from './google-http';

export type ExportOutcome = { ok: true; document: SubmittedDocumentInput } | { ok: false; doc: DocumentRef; reason: string };

/**
 * Read each chosen Doc as plain text through Drive `files.export`, a batch of requests per
 * UrlFetchApp.fetchAll round trip. Over-long text is cut and flagged (the API fails that work with a
 * reason); Docs Drive will not give us come back as outcomes the form shows, never as a throw, so
 * one unreadable Doc does not hide the others.
 */
export function exportDocs(docs: DocumentRef[], deps: { http: GoogleHttp; driveApiBaseUrl: string; batchSize: number }): ExportOutcome[] {
  const outcomes: ExportOutcome[] = [];
  for (let i = 0; i < docs.length; i += deps.batchSize) {
    const batch = docs.slice(i, i + deps.batchSize);
    const urls = batch.map((d) => `${deps.driveApiBaseUrl}/drive/v3/files/${encodeURIComponent(d.googleDocId)}/export?mimeType=text%2Fplain`);
    const responses = deps.http.getAll(urls);
    batch.forEach((doc, j) => {
      const res = responses[j]!;
      const status = res.getResponseCode();
      if (status === 200) {
        // Drive prefixes exported text with a byte-order mark.
        const text = res.getContentText().replace(/^\uFEFF/, '');
        const truncated = text.length > DOCUMENT_LIMITS.maxTextChars;
        outcomes.push({ ok: true, document: { ...doc, text: truncated ? text.slice(0, DOCUMENT_LIMITS.maxTextChars) : text, truncated } });
      } else {
        outcomes.push({ ok: false, doc, reason: exportFailure(status) });
      }
    });
  }
  return outcomes;
}

function exportFailure(status: number): string {
  if (status === 401 || status === 403 || status === 404) return 'GradeBot has no access to it. Remove it and choose it again with "Select student work".';
  if (status === 429 || status >= 500) return `Google Drive was busy (HTTP ${status}). Try again.`;
  return `Google Drive could not export it (HTTP ${status}). Is it a Google Doc?`;
}
