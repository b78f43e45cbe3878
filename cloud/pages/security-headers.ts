/**
 * Headers for every page. The CSP allows no scripts at all and only our own inline stylesheet by
 * hash, so an escaping mistake in a template still cannot run code. No Cross-Origin-Opener-Policy:
 * the billing pages open from the add-on (OpenLink with OnClose.RELOAD), and severing the opener
 * could make Apps Script think the window closed at once.
 */
export function securityHeaders(styleHash: string): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'none'",
      `style-src ${styleHash}`,
      "img-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The billing pages carry Stripe's session id in the query: never hand it to another site.
    'Referrer-Policy': 'no-referrer',
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
