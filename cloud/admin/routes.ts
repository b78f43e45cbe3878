import { z } from 'zod';
import { IdSchema } from '../../shared/domain/common';
import type { PeriodId } from './periods';
import { PeriodSchema } from './periods';
import type { NAV } from './render/layout';
import type { Report } from './render/report';
import { assignmentReport, requestReport } from './reports/assignment';
import type { ReportContext } from './reports/context';
import { marginsReport } from './reports/margins';
import { overviewReport } from './reports/overview';
import { qualityReport, teacherQualityReport } from './reports/quality';
import { teacherReport, teachersReport } from './reports/teachers';
import { unitCostsReport } from './reports/unit-costs';
import { usageReport } from './reports/usage';

/** Query parameters every dashboard page accepts (validated; anything else is ignored). */
export const PageQuery = z.object({
  period: PeriodSchema.default('30d'),
  format: z.enum(['html', 'csv']).default('html'),
  table: z.string().regex(/^[a-z0-9-]{1,60}$/, 'is not a table id').optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** A Google `sub` (digits) or a local issuer's; never a path. */
const UserId = z.string().regex(/^[\w.@:-]{1,255}$/, 'is not a user id');
/** Cost record ids: a step id and the provider's id, made safe by cloud/llm/cost-record. */
const RequestId = z.string().regex(/^[\w-]{1,500}$/, 'is not a request id');

export interface AdminRoute {
  pattern: string;
  nav: (typeof NAV)[number]['path'];
  /** Path parameters' schemas, by name. */
  params?: Record<string, z.ZodType<string>>;
  build(ctx: ReportContext, params: Record<string, string>, period: PeriodId): Promise<Report>;
}

/** Every dashboard page: one switchboard line each. */
export const ADMIN_ROUTES: readonly AdminRoute[] = [
  { pattern: '/', nav: '/', build: (ctx) => overviewReport(ctx) },
  { pattern: '/unit-costs', nav: '/unit-costs', build: (ctx, _p, period) => unitCostsReport(ctx, period) },
  { pattern: '/margins', nav: '/margins', build: (ctx) => marginsReport(ctx) },
  { pattern: '/usage', nav: '/usage', build: (ctx) => usageReport(ctx) },
  { pattern: '/quality', nav: '/quality', build: (ctx, _p, period) => qualityReport(ctx, period) },
  { pattern: '/quality/teachers/:userId', nav: '/quality', params: { userId: UserId }, build: (ctx, p) => teacherQualityReport(ctx, p.userId!) },
  { pattern: '/teachers', nav: '/teachers', build: (ctx, _p, period) => teachersReport(ctx, period) },
  { pattern: '/teachers/:userId', nav: '/teachers', params: { userId: UserId }, build: (ctx, p, period) => teacherReport(ctx, p.userId!, period) },
  { pattern: '/assignments/:assignmentId', nav: '/teachers', params: { assignmentId: IdSchema }, build: (ctx, p) => assignmentReport(ctx, p.assignmentId!) },
  { pattern: '/requests/:requestId', nav: '/teachers', params: { requestId: RequestId }, build: (ctx, p) => requestReport(ctx, p.requestId!) },
];
