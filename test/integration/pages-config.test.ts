import { loadPagesConfig } from '../../cloud/config/pages';

describe('loadPagesConfig', () => {
  it('uses clearly fake operator details and default retention on a local stack', () => {
    const c = loadPagesConfig({}, { local: true });
    expect(c.operator.contactEmail).toMatch(/\.invalid$/);
    expect(c.operator.postalAddress).toBeNull();
    expect(c.retention).toEqual({ studentTextDays: 30, logDays: 30, requestDays: 30 });
  });

  it('requires a real operator in production and names every missing variable', () => {
    expect(() => loadPagesConfig({ OPERATOR_NAME: 'Acme' }, { local: false })).toThrow(
      /OPERATOR_CONTACT_EMAIL: required in production[\s\S]*POLICY_EFFECTIVE_DATE: required in production/,
    );
  });

  it.each([
    ['OPERATOR_CONTACT_EMAIL', 'not-an-email'],
    ['POLICY_EFFECTIVE_DATE', '15/03/2026'],
    ['RETENTION_STUDENT_TEXT_DAYS', '0'],
    ['RETENTION_STUDENT_TEXT_DAYS', 'thirty'],
  ])('rejects %s=%s', (name, value) => {
    expect(() => loadPagesConfig({ [name]: value }, { local: true })).toThrow(new RegExp(`Invalid pages configuration:[\\s\\S]*${name}`));
  });

  it('reads the retention periods', () => {
    const c = loadPagesConfig({ RETENTION_STUDENT_TEXT_DAYS: '7', RETENTION_LOG_DAYS: '90', RETENTION_REQUEST_DAYS: '14' }, { local: true });
    expect(c.retention).toEqual({ studentTextDays: 7, logDays: 90, requestDays: 14 });
  });
});
