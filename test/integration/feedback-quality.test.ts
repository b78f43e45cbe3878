import { readAssignmentQuality, readQualityDays, readTeachersQuality } from '../../cloud/quality/quality-rollups';
import type { AssignmentDetail, CreateAssignmentResponse, WorkView } from '../../shared/api';
import { qualityFigures } from '../../shared/rules/feedback-quality';
import { type ApiHarness, createBody, seedGraded, startApiHarness } from './api-harness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(() => h.close());

async function gradedAssignment(sub: string, works: number): Promise<{ token: string; id: string }> {
  const token = h.token(sub);
  await h.call('GET', '/me', { token });
  await h.paths.user(sub).update({ plan: 'paid', 'subscription.status': 'active', 'subscription.currentPeriodEnd': new Date(Date.now() + 30 * 86_400_000) });
  const res = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body: createBody(works) });
  expect(res.status).toBe(201);
  const id = res.body.assignment.id;
  await seedGraded(h, id, res.body.assignment.works.map((w) => w.id));
  return { token, id };
}

describe('agreement counted from every edit, over reviewed works only', () => {
  it('moves the card line and the rollups with each review, never counting a work twice', async () => {
    const { token, id } = await gradedAssignment('quality-1', 3);
    const detail = () => h.call<AssignmentDetail>('GET', `/assignments/${id}`, { token });
    const level = (workId: string, levelId: string) =>
      h.call<WorkView>('PATCH', `/assignments/${id}/works/${workId}`, { token, body: { target: 'criterionLevel', criterionId: 'c0', levelId, explanation: 'States a claim.' } });

    // Graded, nothing reviewed: no line (unread levels say nothing about agreement).
    expect((await detail()).body.agreement).toBeNull();

    // w01: the teacher moves the AI's "Meets" (l1) to "Exceeds" (l0).
    expect((await level('w01', 'l0')).status).toBe(200);
    let d = await detail();
    expect(d.body.agreement).toEqual({ reviewedWorks: 1, levels: 1, kept: 0, text: 'You kept 0 of 1 level on this assignment' });
    expect(d.headers.get('x-gradebot-doc-reads')).toBe('1');

    // w02: inserted into the Doc as it was → reviewed, level kept.
    expect((await h.call('POST', `/assignments/${id}/works/w02/sent`, { token, body: { sections: ['criterionLevels'] } })).status).toBe(200);
    // w01 again: back to the AI's level. Still one work, now kept.
    await level('w01', 'l1');
    d = await detail();
    expect(d.body.agreement).toMatchObject({ reviewedWorks: 2, levels: 2, kept: 2, text: 'You kept 2 of 2 levels on this assignment' });

    // w01 explanation edit only: the share changes its edited explanations, not its levels.
    await h.call('PATCH', `/assignments/${id}/works/w01`, { token, body: { target: 'criterionLevel', criterionId: 'c0', levelId: 'l1', explanation: 'A precise claim.' } });

    const q = await readAssignmentQuality(h.paths, id);
    expect(q).toMatchObject({ works: 2, levels: 2, exact: 2, adjacent: 2, explanations: { total: 2, edited: 1 }, qualitative: { total: 2, edited: 0 }, items: { total: 4, edited: 0 } });
    // The matrix of criterion c0 (4 levels): both at l1; the moved-and-returned cell is back to 0.
    expect(q.matrices['k4:c0']).toEqual({ '1_1': 2, '1_0': 0 });

    const teacher = (await readTeachersQuality(h.paths)).find((t) => t.userId === 'quality-1')!;
    expect(teacher.counts).toMatchObject({ works: 2, levels: 2, exact: 2 });
    expect(teacher.counts.matrices).toEqual({ k4: { '1_1': 2, '1_0': 0 } });

    const today = h.clock.now().toISOString().slice(0, 10);
    const day = (await readQualityDays(h.paths, { from: today, to: today })).get(today)!;
    expect(day.total).toMatchObject({ works: 2, levels: 2, exact: 2 });
    // Works seeded without `gradedWith` count under "unknown"; the tone is the assignment's.
    expect(Object.keys(day.tone)).toEqual(['encouraging']);
    expect(day.model.unknown).toMatchObject({ works: 2 });
    expect(qualityFigures(day.total).editRates.explanations).toBe(0.5);
  });

  it('an unchanged save and a repeated insert count nothing more', async () => {
    const { token, id } = await gradedAssignment('quality-2', 1);
    const sent = { sections: ['qualitativeFeedback'], insertId: 'insert-0001' };
    await h.call('POST', `/assignments/${id}/works/w01/sent`, { token, body: sent });
    await h.call('POST', `/assignments/${id}/works/w01/sent`, { token, body: sent });
    await h.call('POST', `/assignments/${id}/works/w01/sent`, { token, body: { sections: ['qualitativeFeedback'] } });
    await h.call('PATCH', `/assignments/${id}/works/w01`, { token, body: { target: 'question', text: 'What evidence would convince your principal?' } });
    expect(await readAssignmentQuality(h.paths, id)).toMatchObject({ works: 1, levels: 1, exact: 1 });
    expect((await h.paths.assignment(id).get()).data()!.quality).toEqual({ reviewedWorks: 1, levels: 1, kept: 1 });
  });
});
