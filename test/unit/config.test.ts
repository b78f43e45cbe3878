import { loadCoreConfig } from '../../cloud/config/core';

describe('loadCoreConfig', () => {
  it('defaults to the local stack on 127.0.0.1', () => {
    const c = loadCoreConfig({});
    expect(c.local).toBe(true);
    expect(c.urls.api).toBe('http://127.0.0.1:8081');
    expect(c.firestore.emulatorHost).toBe('127.0.0.1:8090');
    expect(c.auth.issuers).toEqual(['http://127.0.0.1:8092']);
  });

  it('uses Google as issuer in production and no emulator', () => {
    const c = loadCoreConfig({ GRADEBOT_ENV: 'production', API_URL: 'https://api.example.com' });
    expect(c.firestore.emulatorHost).toBeUndefined();
    expect(c.auth.issuers).toContain('https://accounts.google.com');
    expect(c.auth.certsUrl).toBeUndefined();
    expect(c.urls.api).toBe('https://api.example.com');
  });

  it('names every bad variable', () => {
    expect(() => loadCoreConfig({ API_PORT: 'eighty', GRADEBOT_ENV: 'staging' })).toThrow(/API_PORT[\s\S]*GRADEBOT_ENV|GRADEBOT_ENV[\s\S]*API_PORT/);
  });
});
