import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { loadPagesConfig } from '../../cloud/config/pages';
import { createPagesHandler, type PagesDeps } from '../../cloud/pages/handler';

const hostile = 'Acme <script>alert(1)</script> & "Sons"';

const deps = (env: Record<string, string>, overrides: Partial<PagesDeps> = {}): PagesDeps => ({
  site: loadPagesConfig(env, { local: false }),
  region: 'europe-west3',
  baseUrl: 'https://europe-west3-gradebot-prod.cloudfunctions.net/pages',
  plans: { free: 1, paid: 300, priceDisplay: '$9.99/month' },
  ...overrides,
});

const OPERATOR_ENV = {
  OPERATOR_NAME: 'Northwind Learning GmbH',
  OPERATOR_CONTACT_EMAIL: 'privacy@northwind.example',
  OPERATOR_POSTAL_ADDRESS: 'Hauptstraße 1\n10115 Berlin',
  OPERATOR_GOVERNING_LAW: 'Germany',
  POLICY_EFFECTIVE_DATE: '2026-03-15',
  RETENTION_STUDENT_TEXT_DAYS: '14',
  RETENTION_LOG_DAYS: '45',
  RETENTION_REQUEST_DAYS: '21',
};

/** Serves a handler through functions-framework's own express server on a free port. */
async function serve(name: string, pagesDeps: PagesDeps): Promise<{ url: string; server: Server }> {
  http(name, createPagesHandler(pagesDeps));
  const server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const close = (server: Server) => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));

/** Text content with tags removed and whitespace collapsed, so sentences match across line breaks. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

describe('pages function', () => {
  let main: { url: string; server: Server };
  let hostileSite: { url: string; server: Server };

  beforeAll(async () => {
    main = await serve('pagesMain', deps(OPERATOR_ENV));
    hostileSite = await serve(
      'pagesHostile',
      deps(
        { ...OPERATOR_ENV, OPERATOR_NAME: hostile, OPERATOR_POSTAL_ADDRESS: '<b>1 Main St</b>', OPERATOR_GOVERNING_LAW: '</p><script>x()</script>' },
        { plans: { free: 1, paid: 300, priceDisplay: '<img src=x onerror=alert(1)>' } },
      ),
    );
  });

  afterAll(async () => {
    await close(main.server);
    await close(hostileSite.server);
  });

  const get = (path: string, base = main.url, init?: RequestInit) => fetch(`${base}${path}`, init);

  it.each(['/', '/privacy', '/terms', '/ai', '/billing/success', '/billing/cancel', '/billing/return'])(
    '%s answers 200 with a complete HTML page and no scripts or external assets',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).not.toMatch(/<script|<link|<iframe|\ssrc=|@import|url\(/i);
      expect(text(html)).toContain('GradeBot is operated by Northwind Learning GmbH');
      expect(html).toContain('href="mailto:privacy@northwind.example"');
    },
  );

  it('the privacy policy states what is collected, where, for how long and how to delete it', async () => {
    const page = text(await (await get('/privacy')).text());
    for (const sentence of [
      'Effective March 15, 2026',
      'Your Google account’s email address and account id',
      'Title, subject, grade level, instructions, a rubric you paste and the feedback tone you choose',
      'The add-on exports the text of each chosen Doc when you submit an assignment',
      'We keep the AI’s original wording next to your edited version',
      'for every AI request its type, model, token counts and cost',
      'Your Stripe customer and subscription ids',
      'Stripe holds them and we never see or store them',
      'Logs never contain student text or feedback',
      'our service runs on Cloud Functions and Cloud Tasks and stores its data in Firestore, all in the europe-west3 region',
      'sent to Anthropic’s API',
      'Anthropic does not train its models on data sent through its API',
      'Student text (the text exported from each Doc): deleted automatically 14 days after the assignment finishes grading',
      'Logs : 45 days',
      'We will delete your data within 21 days',
      'Delete your account in the add-on',
      'Delete an assignment in the add-on',
      'Nothing is written into a student’s Doc unless you choose to insert it',
      '( drive.file ): GradeBot can open just the Docs you pick',
      'It cannot see any other file in your Drive',
      '( drive.addons.metadata.readonly ): their names and types',
      'adheres to the Google API Services User Data Policy , including the Limited Use requirements',
    ]) {
      expect(page).toContain(sentence);
    }
    expect(await (await get('/privacy')).text()).toContain('<address>Hauptstraße 1\n10115 Berlin</address>');
  });

  it('names and explains every OAuth scope the add-on manifest asks for', async () => {
    const manifest = JSON.parse(readFileSync(`${__dirname}/../../appsscript.json`, 'utf8')) as { oauthScopes: string[] };
    const html = await (await get('/privacy')).text();
    expect(manifest.oauthScopes.length).toBeGreaterThan(0);
    for (const scope of manifest.oauthScopes) {
      expect(html).toContain(`<code>${scope.replace('https://www.googleapis.com/auth/', '')}</code>`);
    }
  });

  it('the terms carry the plans, the price and the governing law from configuration', async () => {
    const page = text(await (await get('/terms')).text());
    expect(page).toContain('Free : 1 assignment per calendar month');
    expect(page).toContain('Paid : $9.99/month for up to 300 assignments per calendar month');
    expect(page).toContain('pick up to 35 student Google Docs of up to 2,000 words each');
    expect(page).toContain('governed by the laws of Germany');
    expect(page).toContain('signals, not proof');
  });

  it('leaves out the governing-law clause and the address when they are not configured', async () => {
    const { OPERATOR_GOVERNING_LAW: _law, OPERATOR_POSTAL_ADDRESS: _address, ...env } = OPERATOR_ENV;
    const bare = await serve('pagesBare', deps(env, { plans: { free: 3, paid: 50, priceDisplay: '€5/month' } }));
    try {
      const terms = await (await get('/terms', bare.url)).text();
      expect(terms).not.toContain('Governing law');
      expect(terms).not.toContain('<address>');
      expect(text(terms)).toContain('Free : 3 assignments per calendar month');
      expect(text(terms)).toContain('€5/month for up to 50 assignments');
    } finally {
      await close(bare.server);
    }
  });

  it('the AI page says feedback is a draft, the AI check is a signal, and the teacher decides', async () => {
    const page = text(await (await get('/ai')).text());
    expect(page).toContain('feedback is a draft for you, the teacher, to review. You decide what students see');
    expect(page).toContain('The AI-likelihood check is a signal, not proof.');
    expect(page).toContain('Nothing is written into a student’s Doc unless you insert it');
    expect(page).toContain('Every evidence quote is checked against the student’s text');
    expect(page).toContain('Student writing is treated as material to assess, never as instructions');
  });

  it('escapes every configured value', async () => {
    for (const path of ['/privacy', '/terms', '/']) {
      const html = await (await get(path, hostileSite.url)).text();
      expect(html).not.toMatch(/<script|<img|<b>|onerror=alert\(1\)>/);
      if (path === '/privacy') {
        expect(html).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot;');
        expect(html).toContain('<address>&lt;b&gt;1 Main St&lt;/b&gt;</address>');
      }
      if (path === '/terms') expect(html).toContain('&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;');
      if (path === '/') expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
  });

  it('links to the policies under the configured base URL', async () => {
    const html = await (await get('/')).text();
    const base = 'https://europe-west3-gradebot-prod.cloudfunctions.net/pages';
    expect(html).toContain(`href="${base}/privacy"`);
    expect(html).toContain(`href="${base}/terms"`);
    expect(html).toContain(`href="${base}/ai"`);
    expect(html).toContain(`<a class="brand" href="${base}/">`);
  });

  it('sends security headers whose CSP allows exactly the inline stylesheet and no script', async () => {
    const res = await get('/privacy');
    const html = await res.text();
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
    expect(css).toBeDefined();
    const hash = createHash('sha256').update(css ?? '').digest('base64');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|script-src/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('marks the billing pages private and unindexed, and says what happens next', async () => {
    const success = await get('/billing/success?session_id=cs_test_123');
    expect(success.headers.get('cache-control')).toBe('no-store');
    const html = await success.text();
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).not.toContain('cs_test_123');
    expect(text(html)).toContain('click Refresh to see your new plan');
    expect(text(await (await get('/billing/cancel')).text())).toContain('No charge was made');
    expect(text(await (await get('/billing/return')).text())).toContain('click Refresh to see your plan');
  });

  it('answers unknown paths with an HTML 404 page that links to the policies', async () => {
    const res = await get('/wp-admin');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(text(html)).toContain('Page not found');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('/pages/privacy"');
  });

  it('treats a trailing slash as the same page and answers HEAD without a body', async () => {
    expect((await get('/privacy/')).status).toBe(200);
    const head = await get('/terms', main.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses other methods with 405 and an Allow header', async () => {
    const res = await get('/privacy', main.url, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});
