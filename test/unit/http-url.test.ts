import { HttpUrlSchema, httpUrlProblem, wellFormed } from '../../shared/api/common';
import { SelectedDocumentSchema } from '../../shared/domain';

/** One URL rule at the edge and in the store, stricter than WHATWG so that what passes is a URL everywhere. */

const VALID = [
  'https://docs.google.com/document/d/1AbCdEfGhIjKlMnOpQrStUvWxYz/edit',
  'https://docs.google.com/document/d/abc/edit?usp=drive_link#heading=h.1',
  'http://127.0.0.1:8095/document/d/doc-000001-abcdef/edit',
  'http://localhost:0/x',
  'https://docs.google.com./d/x',
  'https://bücher.example/d/%C3%BC',
  'https://user:pa%20ss@example.com/',
  'https://example.com:65535',
];

const INVALID: Array<[string, RegExp]> = [
  ['http://exa%zzmple.com/doc', /host name/],
  ['https://docs.google.com:99999/document/d/x', /port/],
  ['https://docs.google.com:8o/x', /port/],
  ['https://docs.google.com/d/%zz', /"%"/],
  ['https://docs.google.com/d/100%', /"%"/],
  ['https://docs<google>.com/d/x', /host name/],
  ['https://1.2.3.999/x', /host name/],
  ['https://127.1/x', /host name/],
  ['https://[::1]/x', /http\(s\) URL|host name/],
  ['https://-bad-.com/x', /host name/],
  ['https://a..b/x', /host name/],
  ['https:///x', /host name/],
  ['ftp://example.com/x', /http\(s\) URL/],
  ['docs.google.com/d/x', /http\(s\) URL/],
  ['https://example.com/a b', /http\(s\) URL/],
  ['https://example.com/\u0007', /http\(s\) URL/],
];

test.each(VALID)('accepts %s, which WHATWG parses too', (url) => {
  expect(httpUrlProblem(url)).toBeUndefined();
  expect(() => new URL(url)).not.toThrow();
  expect(SelectedDocumentSchema.shape.url.safeParse(url).success).toBe(true);
});

test.each(INVALID)('refuses %s (%s)', (url, why) => {
  expect(httpUrlProblem(url)).toMatch(why);
  expect(HttpUrlSchema.safeParse(url).success).toBe(false);
  expect(SelectedDocumentSchema.shape.url.safeParse(url).success).toBe(false);
});

test('wellFormed replaces lone surrogates only', () => {
  expect(wellFormed('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
  expect(wellFormed('pair \uD83D\uDE00 ok')).toBe('pair \uD83D\uDE00 ok');
  expect(wellFormed('end \uD83D')).toBe('end \uFFFD');
});
