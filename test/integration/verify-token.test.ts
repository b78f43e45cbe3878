import jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { createTokenVerifier } from '../../cloud/auth/verify-token';
import { AuthError } from '../../cloud/errors';
import { type LocalIssuer, startLocalIssuer } from '../../dev/issuer/local-issuer';

const AUD = 'addon-client-id';
let issuer: LocalIssuer;
let verify: ReturnType<typeof createTokenVerifier>;

beforeAll(async () => {
  issuer = await startLocalIssuer({ port: 0 });
  verify = createTokenVerifier({ issuers: [issuer.url], certsUrl: `${issuer.url}/oauth2/v1/certs` });
});
afterAll(() => issuer.close());

const teacher = { sub: '1234567890', email: 'Teacher@School.example', aud: AUD };
const now = () => Math.floor(Date.now() / 1000);

async function reason(token: string | undefined, audience = AUD): Promise<string> {
  try {
    await verify(token, { audience });
  } catch (err) {
    expect(err).toBeInstanceOf(AuthError);
    return (err as AuthError).reason;
  }
  throw new Error('token was accepted');
}

describe('token verification against the local issuer', () => {
  it('accepts a valid token and returns the identity', async () => {
    const id = await verify(issuer.signIdToken(teacher), { audience: AUD });
    expect(id).toEqual({ sub: '1234567890', email: 'teacher@school.example', issuer: issuer.url, audience: AUD });
  });

  it('accepts a Cloud Tasks OIDC token for the worker audience', async () => {
    const token = issuer.signOidcToken({ audience: 'http://127.0.0.1:1/worker', serviceAccountEmail: 'tasks@p.iam.gserviceaccount.com' });
    const id = await verify(token, { audience: 'http://127.0.0.1:1/worker' });
    expect(id.email).toBe('tasks@p.iam.gserviceaccount.com');
  });

  it('rejects a missing token', async () => {
    expect(await reason(undefined)).toBe('no token');
  });

  it('rejects an expired token', async () => {
    const token = issuer.signIdToken({ ...teacher, iat: now() - 7200, exp: now() - 3600 });
    expect(await reason(token)).toMatch(/too late|expired/i);
  });

  it('rejects the wrong audience', async () => {
    expect(await reason(issuer.signIdToken({ ...teacher, aud: 'someone-else' }))).toMatch(/audience/i);
  });

  it('rejects the wrong issuer', async () => {
    const other = await startLocalIssuer({ port: 0 });
    try {
      // Same key set trusted, different issuer claim: sign with our issuer's key but claim another.
      const strict = createTokenVerifier({ issuers: ['https://accounts.google.com'], certsUrl: `${issuer.url}/oauth2/v1/certs` });
      await expect(strict(issuer.signIdToken(teacher), { audience: AUD })).rejects.toMatchObject({ reason: expect.stringMatching(/issuer/i) });
      // A token from another issuer is signed by a key we never published.
      expect(await reason(other.signIdToken(teacher))).toMatch(/pem|signature/i);
    } finally {
      await other.close();
    }
  });

  it('rejects a bad signature', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = Object.keys(issuer.certs())[0];
    const forged = jwt.sign({ ...teacher, iss: issuer.url, email_verified: true }, privateKey, { algorithm: 'RS256', keyid: kid, expiresIn: 600 });
    expect(await reason(forged)).toMatch(/signature/i);
    const [h, p] = issuer.signIdToken(teacher).split('.');
    expect(await reason(`${h}.${p}.AAAA`)).toMatch(/signature/i);
  });

  it('rejects an unverified email', async () => {
    expect(await reason(issuer.signIdToken({ ...teacher, email_verified: false }))).toBe('email not verified');
  });

  it('mints tokens over HTTP for local tools, validating the request', async () => {
    const ok = await fetch(`${issuer.url}/token`, { method: 'POST', body: JSON.stringify(teacher) });
    const { id_token } = (await ok.json()) as { id_token: string };
    expect((await verify(id_token, { audience: AUD })).sub).toBe(teacher.sub);
    const bad = await fetch(`${issuer.url}/token`, { method: 'POST', body: JSON.stringify({ sub: 'x' }) });
    expect(bad.status).toBe(400);
  });
});
