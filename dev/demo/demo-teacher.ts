import { createHash } from 'node:crypto';

/** Who the sidebar preview signs in as: what Google's ID token and Drive token would name. */
export interface TeacherIdentity {
  email: string;
  /** Google's stable account id (the API keys users on it); digits, like Google's. */
  sub: string;
  name: string;
}

/**
 * The demo teacher `npm start` opens the preview as. The identity is fixed so the teacher's
 * assignments, streak and drafts survive restarts (the API keys users on `sub`); the sample
 * student Docs in the local Drive are shared with everyone, so this teacher sees them in the Picker.
 */
export const DEMO_TEACHER: TeacherIdentity = {
  email: 'demo.teacher@school.example',
  sub: '104729386510293847561',
  name: 'Demo Teacher',
};

/**
 * Any other teacher the preview is opened as (`?as=email`): a sub derived from the email, so the
 * same address is the same account on every run, and a name from its local part.
 */
export function teacherFor(email: string): TeacherIdentity {
  const normalized = email.trim().toLowerCase();
  if (normalized === DEMO_TEACHER.email) return DEMO_TEACHER;
  const digits = BigInt(`0x${createHash('sha256').update(normalized).digest('hex').slice(0, 16)}`).toString().padStart(20, '0').slice(0, 20);
  const local = normalized.split('@')[0] ?? normalized;
  const name = local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join(' ');
  return { email: normalized, sub: `1${digits}`, name: name || normalized };
}
