import type { Request, Response } from '@google-cloud/functions-framework';
import { createPageRenderer } from './renderer';
import { LOGO_PATH, renderLogoPng } from './logo';
import { findRoute, NOT_FOUND_ROUTE, type PageRoute } from './routes';
import { securityHeaders } from './security-headers';
import { type PagesDeps, siteView } from './site';
import { PAGE_CSS_HASH } from './styles';

export type { PagesDeps } from './site';

/**
 * The `pages` function: privacy policy, terms, AI use, the billing return pages, an index and a
 * 404 page, as server-rendered HTML with no scripts and no external assets; and the add-on's logo
 * (`/logo-128.png`, the manifest's `logoUrl`). Fits the function
 * host's handler shape; it answers every request itself, so `next` is never needed.
 */
export function createPagesHandler(deps: PagesDeps): (req: Request, res: Response) => void {
  const render = createPageRenderer();
  const site = siteView(deps);
  const headers = securityHeaders(PAGE_CSS_HASH);
  // Rendered once: the pages depend only on configuration, which is fixed for the instance.
  const cache = new Map<PageRoute, string>();
  let logo: Buffer | undefined;
  const html = (route: PageRoute) => {
    let body = cache.get(route);
    if (body === undefined) {
      body = render({ ...site, page: route.page, title: route.title, robots: route.public ? 'index, follow' : 'noindex' });
      cache.set(route, body);
    }
    return body;
  };

  return (req, res) => {
    res.set(headers);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.set('Allow', 'GET, HEAD').status(405).type('text/plain').send('Method not allowed.\n');
      return;
    }
    if (req.path === LOGO_PATH) {
      logo ??= renderLogoPng();
      // Workspace and the Marketplace show it from their own origins.
      res.set({ 'Cache-Control': 'public, max-age=86400', 'Cross-Origin-Resource-Policy': 'cross-origin' });
      res.status(200).type('png').send(logo);
      return;
    }
    const route = findRoute(req.path);
    res.set('Cache-Control', route?.public ? 'public, max-age=300' : 'no-store');
    res
      .status(route ? 200 : 404)
      .type('html')
      .send(html(route ?? NOT_FOUND_ROUTE));
  };
}
