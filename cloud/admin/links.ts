/**
 * Where the dashboard lives, as a browser sees it. In production the `admin` function answers at
 * `https://REGION-PROJECT.cloudfunctions.net/admin`: the browser's paths start with `/admin`, while
 * the function sees them without it (Cloud Functions strips its name). A root-relative link such as
 * `/teachers` would leave the dashboard for the host's root, so every link, form action, redirect,
 * stylesheet, CSV link and cookie path is made here, from the configured public URL (`ADMIN_URL`).
 *
 * Route code speaks in *app paths* — what the function sees (`/teachers?period=7d`) — and turns
 * them into *public paths* (`/admin/teachers?period=7d`) with {@link AdminLinks.href} at the point
 * where they become markup or a `Location` header.
 */
export interface AdminLinks {
  /** The public URL's path without a trailing slash: `''` at a host's root, else e.g. `/admin`. */
  readonly base: string;
  /** An app path (starts with `/`) as the browser must ask for it. */
  href(appPath: string): string;
  /** The same as an absolute URL (GIS's `login_uri`). */
  absolute(appPath: string): string;
  /** The `Path` attribute for the dashboard's cookies: the base, or `/` at a host's root. */
  readonly cookiePath: string;
  /**
   * The app path of a request URL. A platform that forwards the prefix (a Hosting rewrite, a
   * proxy) leaves it on; it is taken off here so the routes match either way.
   */
  appPath(requestUrl: string): string;
}

/** The dashboard's base path from its public URL: `https://x.net/admin/` → `/admin`. */
export function basePathOf(publicUrl: string): string {
  return new URL(publicUrl).pathname.replace(/\/+$/, '');
}

export function adminLinks(publicUrl: string): AdminLinks {
  const base = basePathOf(publicUrl);
  const origin = new URL(publicUrl).origin;
  const href = (appPath: string): string => {
    if (!appPath.startsWith('/') || appPath.startsWith('//')) throw new Error(`Not an app path: ${appPath}`);
    return `${base}${appPath}`;
  };
  return {
    base,
    href,
    absolute: (appPath) => `${origin}${href(appPath)}`,
    cookiePath: base || '/',
    appPath(requestUrl) {
      if (!base || !(requestUrl === base || requestUrl.startsWith(`${base}/`) || requestUrl.startsWith(`${base}?`))) return requestUrl;
      const rest = requestUrl.slice(base.length);
      return rest.startsWith('/') ? rest : `/${rest}`;
    },
  };
}
