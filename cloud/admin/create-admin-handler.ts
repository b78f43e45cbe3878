import express from 'express';
import { z, ZodError } from 'zod';
import type { AdminConfig } from '../config/admin';
import type { Deps } from '../deps';
import { NotFoundError } from '../errors';
import type { HttpHandler, Request, Response } from '../http/types';
import { createAdminAuth, signedInAdmin } from './auth/admin-auth';
import { problemPage } from './auth/sign-in-pages';
import { adminLinks } from './links';
import { dayOf } from './periods';
import { layout } from './render/layout';
import { reportHtml, reportTables } from './render/report';
import { adminSecurityHeaders } from './render/security-headers';
import { ADMIN_CSS } from './render/styles';
import { tableCsv } from './render/table';
import { ADMIN_ROUTES, type AdminRoute, PageQuery } from './routes';

/** The configuration the dashboard reads: the shared sections plus its own (cloud/config/admin.ts). */
export type AdminDeps = Deps & { config: Deps['config'] & { admin: AdminConfig } };

type Next = (err?: unknown) => void;

/**
 * The `admin` function: the operators' dashboard. Sign-in routes first; every other route needs
 * an allow-listed admin's session. Each page is a report built from rollups and rendered as HTML
 * with SVG charts, or — with `?format=csv&table=<id>` — one of its tables as CSV.
 */
export function createAdminHandler(deps: AdminDeps): HttpHandler {
  const { config } = deps;
  // The public URL's path (e.g. /admin on cloudfunctions.net) prefixes every link and cookie path.
  const links = adminLinks(config.urls.admin);
  const auth = createAdminAuth({
    verifyToken: deps.verifyToken,
    audience: config.auth.adminAudience,
    adminEmails: config.auth.adminEmails,
    links,
    localIssuerUrl: config.auth.localIssuerUrl,
    session: config.admin.session,
    now: deps.now,
  });
  const router = express.Router();
  const headers = adminSecurityHeaders();
  const page = (res: Response, status: number, body: string) => res.set(headers).status(status).type('html').send(body);

  router.get('/assets/admin.css', (_req: Request, res: Response) => {
    res.set({ 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' }).send(ADMIN_CSS);
  });
  router.get('/signin', (req: Request, res: Response) => auth.signIn(req, res));
  router.post('/auth/callback', (req: Request, res: Response, next: Next) => {
    auth.callback(req, res).catch(next);
  });
  router.post('/signout', (req: Request, res: Response) => auth.signOut(req, res));
  router.use((req: Request, res: Response, next: Next) => auth.requireAdmin(req, res, next));

  const serve = (route: AdminRoute) => async (req: Request, res: Response) => {
    const params: Record<string, string> = {};
    for (const [name, schema] of Object.entries(route.params ?? {})) params[name] = schema.parse(req.params[name]);
    const query = PageQuery.parse(req.query);
    const ctx = { paths: deps.paths, now: deps.now(), plans: config.admin.plans, links };
    const report = await route.build(ctx, params, query.period);
    if (query.format === 'csv') {
      const table = reportTables(report).find((t) => t.id === query.table);
      if (!table) throw new NotFoundError('That table');
      res.set(headers).set('Content-Disposition', `attachment; filename="gradebot-${table.id}-${dayOf(ctx.now)}.csv"`);
      // A byte-order mark, so spreadsheets read the labels' "≤" and "–" as UTF-8.
      res.status(200).type('text/csv; charset=utf-8').send(`\uFEFF${tableCsv(table)}`);
      return;
    }
    page(res, 200, layout({ links, title: report.title, section: route.nav, admin: signedInAdmin(res), body: reportHtml(report, links.href(req.url)) }));
  };

  for (const route of ADMIN_ROUTES) {
    router.get(route.pattern, (req: Request, res: Response, next: Next) => {
      serve(route)(req, res).catch((err: unknown) => {
        if (err instanceof NotFoundError) return page(res, 404, problemPage(links, 'Not found', err.message));
        if (err instanceof ZodError) return page(res, 400, problemPage(links, 'Bad link', `This link is not valid: ${z.prettifyError(err).replace(/\s+/g, ' ')}`));
        next(err);
      });
    });
  }
  router.use((req: Request, res: Response) => page(res, 404, problemPage(links, 'Not found', `There is no dashboard page at ${links.href(req.path)}.`)));
  const handle = router as unknown as HttpHandler;
  // Cloud Functions strips the function's name from the path; a proxy or Hosting rewrite may not.
  return (req, res, next) => {
    req.url = links.appPath(req.url);
    return handle(req, res, next);
  };
}
