import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A pasted-rubric fixture (test/fixtures/pasted-rubrics), as a teacher pasted it. */
export function pastedRubric(name: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', 'pasted-rubrics', `${name}.txt`), 'utf8');
}
