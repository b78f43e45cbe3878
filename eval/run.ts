/**
 * `npm run eval [-- --set=eval/sets/later-start]`: runs a labelled essay set through the real
 * pipeline (admission, rubric from the pasted text, feedback, summary; Firestore emulator, local
 * Cloud Tasks) and prints agreement with the labels and the quality checks (eval/metrics.ts).
 *
 * With ANTHROPIC_API_KEY the model is Claude; without it, the local model server answers, and the
 * figures only prove that the harness works (its levels come from text statistics).
 */
import { Firestore } from '@google-cloud/firestore';
import { resolve } from 'node:path';
import { startFirestoreEmulator } from '../dev/firestore/emulator';
import { freePort } from '../dev/free-port';
import { readBack, teacher } from '../test/integration/pipeline-fixtures';
import { startPipelineStack } from '../test/integration/pipeline-harness';
import { type LabelledSet, loadLabelledSet } from './labelled-set';
import { type EvalReport, evaluate, formatReport } from './metrics';

const DEFAULT_SET = resolve(__dirname, 'sets/later-start');

/** Grade `set` through the pipeline on `db` and compute the report. */
export async function runEval(db: Firestore, set: LabelledSet, env: NodeJS.ProcessEnv = process.env): Promise<EvalReport> {
  const claude = env.ANTHROPIC_API_KEY ? { ANTHROPIC_API_KEY: env.ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL: env.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com' } : {};
  const stack = await startPipelineStack({ db, env: { ...claude, ...(env.LLM_MODEL_FEEDBACK ? { LLM_MODEL_FEEDBACK: env.LLM_MODEL_FEEDBACK } : {}) } });
  try {
    const a = set.assignment;
    const { assignmentId } = await stack.admit({
      user: teacher('eval-teacher'),
      request: {
        clientRequestId: `eval-${Date.now().toString(36)}`,
        title: a.title,
        subject: a.subject,
        gradeLevel: a.gradeLevel,
        instructions: a.instructions,
        rubricMode: 'paste',
        pastedRubric: a.rubric,
        feedbackTone: a.feedbackTone,
        ...(a.gradingSettings ? { gradingSettings: a.gradingSettings } : {}),
        documents: set.essays.map((e, i) => {
          const id = `eval-doc-${String(i).padStart(4, '0')}-${e.id}`.replace(/[^A-Za-z0-9_-]/g, '-');
          return { googleDocId: id, title: e.id, url: `https://docs.google.com/document/d/${id}/edit`, text: e.text };
        }),
      },
    });
    await stack.settled();
    const r = await readBack(db, assignmentId);
    if (!r.assignment.rubric) throw new Error(`The rubric could not be made: ${r.assignment.pipeline?.rubricFailureReason ?? 'unknown reason'}`);
    return evaluate(set, r.assignment.rubric, r.works, r.costRecords, stack.config.llm.kinds.feedback.model + (stack.config.llm.offline ? ' (local model server: figures prove the harness only)' : ''));
  } finally {
    await stack.close();
  }
}

async function main() {
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const dir = resolve(process.argv.find((a) => a.startsWith('--set='))?.slice(6) ?? DEFAULT_SET);
  const set = loadLabelledSet(dir);
  const external = process.env.FIRESTORE_EMULATOR_HOST;
  const emulator = external ? undefined : await startFirestoreEmulator({ port: await freePort(), jarPath: process.env.FIRESTORE_EMULATOR_JAR });
  const db = new Firestore({ projectId: `eval-${Date.now()}`, host: external ?? emulator!.address, ssl: false });
  const started = performance.now();
  try {
    const report = await runEval(db, set);
    console.log(formatReport(report));
    console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await db.terminate();
    await emulator?.stop();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
