import type { Firestore } from '@google-cloud/firestore';
import { loadLabelledSet } from '../../eval/labelled-set';
import { formatReport } from '../../eval/metrics';
import { runEval } from '../../eval/run';
import { testFirestore } from '../support/firestore';

let db: Firestore;
beforeAll(() => {
  db = testFirestore();
});
afterAll(async () => {
  await db.terminate();
});

test('npm run eval grades the shipped set through the pipeline offline and reports every check', async () => {
  const set = loadLabelledSet(`${__dirname}/../../eval/sets/later-start`);
  const report = await runEval(db, set, {});
  expect(report.graded).toBe(12);
  expect(report.model).toContain('local model server');
  expect(report.criteria.map((c) => c.n)).toEqual([12, 12, 12, 12]);
  expect(report.overall.n).toBe(48);
  // The local server never follows the essays' instructions; its feedback follows the language setting.
  expect(report.injection.map((i) => i.pass)).toEqual([true, true, true]);
  expect(report.language).toMatchObject({ passed: 12, checked: 12 });
  // Rubric + 12 feedback + summary, each with a cost record.
  expect(report.cost.calls).toBe(14);
  expect(report.cost.usd).toBeGreaterThan(0);
  expect(formatReport(report)).toMatch(/\| All criteria \| 48 \| \d+\.\d% \| \d+\.\d% \| -?\d\.\d{3} \|/);
});
