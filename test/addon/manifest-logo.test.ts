import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { PNG } from 'pngjs';
import { getAddonConfig } from '../../addon/config';
import { loadPagesConfig } from '../../cloud/config/pages';
import { createPagesHandler } from '../../cloud/pages/handler';
import { LOGO_PATH } from '../../cloud/pages/logo';
import { createPropertiesService } from '../../dev/apps-script-fakes';

// The manifest's logoUrl must point at something that is served: the pages function's /logo-128.png,
// under the same pages prefix the add-on opens its other pages from.

const manifest = JSON.parse(readFileSync(join(__dirname, '../../appsscript.json'), 'utf8'));
const logoUrl: string = manifest.addOns.common.logoUrl;

test('the manifest names the logo the pages function serves, under the pages prefix', () => {
  const pagesBase = getAddonConfig(createPropertiesService({ API_BASE_URL: 'https://api.gradebot.app' }).getScriptProperties()).pagesBaseUrl;
  expect(logoUrl).toBe(`${pagesBase.replace(/\/$/, '')}${LOGO_PATH}`);
  expect(manifest.addOns.common.openLinkUrlPrefixes.some((p: string) => logoUrl.startsWith(p))).toBe(true);
});

describe('the pages function serves the logo', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const site = loadPagesConfig({ OPERATOR_NAME: 'GradeBot', OPERATOR_CONTACT_EMAIL: 'privacy@gradebot.example', POLICY_EFFECTIVE_DATE: '2026-01-01' }, { local: false });
    http('pagesLogo', createPagesHandler({ site, region: 'us-central1', baseUrl: 'https://gradebot.app', plans: { free: 1, paid: 300, priceDisplay: '$9.99/month' } }));
    server = getTestServer('pagesLogo');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('a 128 × 128 PNG others may embed, cached; the mark is drawn (blue square, transparent corners)', async () => {
    const res = await fetch(`${base}${new URL(logoUrl).pathname}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([128, 128]);
    const px = (x: number, y: number) => Array.from(png.data.subarray((y * 128 + x) * 4, (y * 128 + x) * 4 + 4));
    expect(px(0, 0)[3]).toBe(0);
    expect(px(20, 64)).toEqual([0x1a, 0x73, 0xe8, 255]);
    expect(px(64, 42)).toEqual([255, 255, 255, 255]);
    expect(px(93, 88)).toEqual([0xfb, 0xbc, 0x04, 255]);
    expect((await fetch(`${base}/logo-128.png`, { method: 'HEAD' })).status).toBe(200);
    // The HTML pages keep their own headers.
    expect((await fetch(`${base}/privacy`)).headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });
});
