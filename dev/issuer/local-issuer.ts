import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { type SignInPageResult, signInContinue, signInForm } from './sign-in-page';

/** Claims the local issuer will put in an ID token; `iss`, `iat`, `exp` are filled in. */
export interface IdTokenClaims {
  sub: string;
  email: string;
  aud: string;
  email_verified?: boolean;
  /** Seconds since the epoch; default: one hour from now. */
  exp?: number;
  iat?: number;
  name?: string;
  [claim: string]: unknown;
}

export interface LocalIssuer {
  url: string;
  /** An ID token like Google's for an add-on user or an admin. */
  signIdToken(claims: IdTokenClaims): string;
  /** An OIDC token like the one Cloud Tasks attaches for its service account. */
  signOidcToken(args: { audience: string; serviceAccountEmail: string }): string;
  /** The signing certificate set, in the PEM-by-key-id form Google publishes at oauth2/v1/certs. */
  certs(): Record<string, string>;
  close(): Promise<void>;
}

const TokenRequest = z.object({
  sub: z.string().min(1),
  email: z.email(),
  aud: z.string().min(1),
  email_verified: z.boolean().optional(),
  name: z.string().optional(),
});

/**
 * A stand-in for Google's token issuer: its own RSA key, published like Google's certs, signing
 * RS256 tokens the real verification code (google-auth-library) checks. Nothing is trusted on its
 * word: a token from here passes only where this issuer is configured as trusted.
 */
export async function startLocalIssuer(opts: { host?: string; port: number }): Promise<LocalIssuer> {
  const host = opts.host ?? '127.0.0.1';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  let url = '';

  const sign = (claims: Record<string, unknown>): string => {
    const now = Math.floor(Date.now() / 1000);
    const payload = { iat: now, exp: now + 3600, ...claims, iss: url };
    return jwt.sign(payload, privateKey, { algorithm: 'RS256', keyid: kid });
  };

  const server = createServer((req, res) => {
    void route(req, res).catch((err: unknown) => json(res, 500, { error: String(err) }));
  });
  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', url).pathname;
    if (req.method === 'GET' && path === '/oauth2/v1/certs') return json(res, 200, { [kid]: publicPem });
    if (req.method === 'GET' && path === '/oauth2/v3/certs') return json(res, 200, { keys: [jwk] });
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      return json(res, 200, { issuer: url, jwks_uri: `${url}/oauth2/v3/certs`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    // Web sign-in like Google Identity Services (the admin dashboard): see sign-in-page.ts.
    if (req.method === 'GET' && path === '/signin') return page(res, signInForm(new URL(req.url ?? '/', url).searchParams));
    if (req.method === 'POST' && path === '/signin') return page(res, signInContinue(await readBody(req), (claims) => sign({ email_verified: true, ...claims })));
    if (req.method === 'POST' && path === '/token') {
      // For local tools only (the preview, scripts): mint an ID token for a chosen identity.
      const parsed = TokenRequest.safeParse(JSON.parse((await readBody(req)) || '{}'));
      if (!parsed.success) return json(res, 400, { error: parsed.error.issues.map((i) => i.message).join('; ') });
      return json(res, 200, { id_token: sign({ email_verified: true, ...parsed.data }) });
    }
    return json(res, 404, { error: 'not found' });
  };

  await new Promise<void>((resolve) => server.listen(opts.port, host, resolve));
  const addr = server.address();
  url = `http://${host}:${typeof addr === 'object' && addr ? addr.port : opts.port}`;

  return {
    url,
    signIdToken: (claims) => sign({ email_verified: true, ...claims }),
    signOidcToken: ({ audience, serviceAccountEmail }) =>
      sign({ aud: audience, sub: `sa-${serviceAccountEmail}`, email: serviceAccountEmail, email_verified: true, azp: serviceAccountEmail }),
    certs: () => ({ [kid]: publicPem }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function page(res: ServerResponse, p: SignInPageResult) {
  res.writeHead(p.status, p.headers);
  res.end(p.html);
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      data += c;
      if (data.length > 10_000) reject(new Error('body too large'));
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
