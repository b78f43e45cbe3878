import { NotFoundError } from '../../errors';
import { formatCell } from '../render/format';
import { html } from '../render/html';
import type { Report } from '../render/report';
import type { Table } from '../render/table';
import { assignmentRequests, assignmentsByIds, MAX_ASSIGNMENT_REQUESTS, usersByIds } from '../sources/records';
import { type ReportContext } from './context';
import { REQUEST_TYPE_LABELS } from './cost-series';

/**
 * Drill-down, level 3: one assignment's LLM requests (model, tokens, cost, duration, status). The
 * only page that reads request records, bounded by one assignment's requests.
 */
export async function assignmentReport(ctx: ReportContext, assignmentId: string): Promise<Report> {
  const [lines, requests] = await Promise.all([assignmentsByIds(ctx.paths, [assignmentId]), assignmentRequests(ctx.paths, assignmentId)]);
  const a = lines.get(assignmentId);
  if (!a && requests.length === 0) throw new NotFoundError('That assignment');
  const userId = a?.userId ?? requests[0]!.userId;
  const teacher = (await usersByIds(ctx.paths, [userId])).get(userId);
  const sum = (f: (r: (typeof requests)[number]) => number) => requests.reduce((s, r) => s + f(r), 0);
  const table: Table = {
    id: 'requests',
    title: 'LLM requests, oldest first',
    columns: [
      { label: 'Time', kind: 'datetime' },
      { label: 'Request', kind: 'text' },
      { label: 'Type', kind: 'text' },
      { label: 'Model', kind: 'text' },
      { label: 'Work', kind: 'text' },
      { label: 'Input tokens', kind: 'int' },
      { label: 'Output tokens', kind: 'int' },
      { label: 'Cache-write tokens', kind: 'int' },
      { label: 'Cache-read tokens', kind: 'int' },
      { label: 'Total tokens', kind: 'int' },
      { label: 'Cost', kind: 'usd' },
      { label: 'Duration', kind: 'ms' },
      { label: 'Status', kind: 'text' },
    ],
    rows: requests.map((r) => ({
      cells: [r.createdAt, r.id, REQUEST_TYPE_LABELS[r.requestType] ?? r.requestType, r.model, r.workId ?? '—', r.inputTokens, r.outputTokens, r.cacheCreationInputTokens, r.cacheReadInputTokens, r.totalTokens, r.costUsd, r.durationMs, r.status],
      links: [undefined, ctx.links.href(`/requests/${encodeURIComponent(r.id)}`)],
    })),
    total: {
      cells: ['Total', `${requests.length} requests`, null, null, null, sum((r) => r.inputTokens), sum((r) => r.outputTokens), sum((r) => r.cacheCreationInputTokens), sum((r) => r.cacheReadInputTokens), sum((r) => r.totalTokens), sum((r) => r.costUsd), sum((r) => r.durationMs), `${requests.filter((r) => r.status === 'failed').length} failed`],
    },
    empty: 'No LLM requests recorded for this assignment.',
  };
  const facts = html`<dl class="kv"><dt>Teacher</dt><dd><a href="${ctx.links.href(`/teachers/${encodeURIComponent(userId)}`)}">${teacher?.email ?? userId}</a></dd>${a ? html`<dt>Status</dt><dd>${a.status}</dd><dt>Created</dt><dd>${formatCell('datetime', a.createdAt)}</dd><dt>Rubric</dt><dd>${a.rubricMode === 'generate' ? 'AI-generated' : 'pasted'}</dd><dt>Student works</dt><dd>${a.works.length} (${a.progress.completed} graded, ${a.progress.failed} failed)</dd><dt>Processing time</dt><dd>${a.totalProcessingMs === null ? '—' : formatCell('ms', a.totalProcessingMs)}</dd>` : ''}</dl>`;
  return {
    title: a?.title ?? assignmentId,
    meta: `Assignment ${assignmentId}${requests.length >= MAX_ASSIGNMENT_REQUESTS ? ` · showing the first ${MAX_ASSIGNMENT_REQUESTS} requests` : ''}.`,
    lead: facts,
    sections: [{ id: 'requests', title: 'Requests', blocks: [{ table }] }],
  };
}

/** Drill-down, level 4: one request record, every field. */
export async function requestReport(ctx: ReportContext, requestId: string): Promise<Report> {
  const r = (await ctx.paths.llmRequest(requestId).get()).data();
  if (!r) throw new NotFoundError('That request');
  const field = (label: string, value: string) => ({ cells: [label, value] });
  const table: Table = {
    id: 'request',
    title: 'Request record',
    columns: [
      { label: 'Field', kind: 'text' },
      { label: 'Value', kind: 'text' },
    ],
    rows: [
      field('Request id', r.id),
      field('Time', formatCell('datetime', r.createdAt)),
      field('Type', REQUEST_TYPE_LABELS[r.requestType] ?? r.requestType),
      field('Model', r.model),
      field('Status', r.status),
      field('Error', r.error ?? '—'),
      field('Input tokens', formatCell('int', r.inputTokens)),
      field('Output tokens', formatCell('int', r.outputTokens)),
      field('Cache-write tokens', formatCell('int', r.cacheCreationInputTokens)),
      field('Cache-read tokens', formatCell('int', r.cacheReadInputTokens)),
      field('Total tokens', formatCell('int', r.totalTokens)),
      field('Cost', formatCell('usd', r.costUsd)),
      field('Cost (USD, exact)', r.costUsd.toFixed(8)),
      field('Duration', formatCell('ms', r.durationMs)),
      field('Provider request id', r.providerRequestId ?? '—'),
      field('Teacher', r.userId),
      field('Assignment', r.assignmentId),
      field('Student work', r.workId ?? '—'),
    ],
  };
  table.rows[15]!.links = [undefined, ctx.links.href(`/teachers/${encodeURIComponent(r.userId)}`)];
  table.rows[16]!.links = [undefined, ctx.links.href(`/assignments/${encodeURIComponent(r.assignmentId)}`)];
  return {
    title: `Request ${r.id}`,
    meta: `${REQUEST_TYPE_LABELS[r.requestType] ?? r.requestType} · ${r.model} · ${formatCell('usd', r.costUsd)}`,
    lead: html`<p class="note"><a href="${ctx.links.href(`/assignments/${encodeURIComponent(r.assignmentId)}`)}">← The assignment's requests</a></p>`,
    sections: [{ id: 'request', title: 'Record', blocks: [{ table }] }],
  };
}
