/** Where Google Identity Services loads from (the production sign-in page only). */
const GIS = 'https://accounts.google.com/gsi/';

/**
 * Headers for every dashboard response. The dashboard pages run no script at all and load only our
 * own stylesheet; the production sign-in page additionally allows Google Identity Services'
 * script, frame and styles, and nothing else. No page may be framed.
 */
export function adminSecurityHeaders(opts: { googleSignIn?: boolean } = {}): Record<string, string> {
  const gis = opts.googleSignIn === true;
  return {
    'Content-Security-Policy': [
      "default-src 'none'",
      gis ? `script-src ${GIS}client` : null,
      gis ? `frame-src ${GIS}` : null,
      gis ? `connect-src ${GIS}` : null,
      gis ? `style-src 'self' ${GIS}style` : "style-src 'self'",
      "img-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]
      .filter(Boolean)
      .join('; '),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    // GIS's popup reports back through window.opener.
    'Cross-Origin-Opener-Policy': gis ? 'same-origin-allow-popups' : 'same-origin',
    'Cache-Control': 'no-store',
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  };
}
