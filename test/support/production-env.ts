/**
 * A production env file as docs/deploy.md describes it: settings only, no secrets (those live in
 * Secret Manager). Shared by the deploy tests.
 */
export const PRODUCTION_ENV_FILE = {
  GCP_PROJECT_ID: 'gradebot-prod',
  GCP_REGION: 'europe-west1',
  ADDON_OAUTH_CLIENT_ID: '1234-abc.apps.googleusercontent.com',
  ADMIN_OAUTH_CLIENT_ID: '5678-def.apps.googleusercontent.com',
  ADMIN_EMAILS: 'ops@northwind.example,cto@northwind.example',
  STRIPE_PRICE_ID: 'price_123',
  OPERATOR_NAME: 'Northwind Learning, Inc.',
  OPERATOR_CONTACT_EMAIL: 'privacy@northwind.example',
  POLICY_EFFECTIVE_DATE: '2026-03-15',
} as const;
