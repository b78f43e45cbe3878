import type { AssignmentDetail, CreateAssignmentResponse, GradingSettingsResponse } from '../../shared/api';
import { DEFAULT_GRADING_SETTINGS } from '../../shared/domain';
import { type ApiHarness, createBody, startApiHarness } from './api-harness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(() => h.close());

describe('grading settings over the API', () => {
  it("saves the teacher's defaults, copies them onto a new assignment, and edits one assignment's own", async () => {
    const token = h.token('settings-api-1');
    await h.call('GET', '/me', { token });
    await h.paths.user('settings-api-1').update({ plan: 'paid', 'subscription.status': 'active', 'subscription.currentPeriodEnd': new Date(Date.now() + 30 * 86_400_000) });
    const first = await h.call<GradingSettingsResponse>('GET', '/settings/grading', { token });
    expect(first.status).toBe(200);
    expect(first.body.settings).toEqual(DEFAULT_GRADING_SETTINGS);

    const mine = { language: 'student', length: 'brief', focus: ['Evidence'] };
    const saved = await h.call<GradingSettingsResponse>('PATCH', '/settings/grading', { token, body: mine });
    expect(saved.body.settings).toEqual({ ...mine, chosenLanguage: null });
    expect((await h.call<GradingSettingsResponse>('GET', '/settings/grading', { token })).body.settings).toEqual({ ...mine, chosenLanguage: null });

    const created = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body: createBody(1) });
    expect(created.body.assignment.gradingSettings).toEqual({ ...mine, chosenLanguage: null });
    const id = created.body.assignment.id;

    // Per assignment: the request's own settings win over the defaults.
    const other = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body: { ...createBody(1), clientRequestId: 'settings-own-0001', gradingSettings: { language: 'english', length: 'detailed' } } });
    expect(other.status).toBe(201);
    expect(other.body.assignment.gradingSettings).toMatchObject({ language: 'english', length: 'detailed', focus: [] });

    const edited = await h.call<AssignmentDetail>('PATCH', `/assignments/${id}/settings`, { token, body: { language: 'chosen', chosenLanguage: 'French' } });
    expect(edited.status).toBe(200);
    expect(edited.body.gradingSettings).toEqual({ language: 'chosen', chosenLanguage: 'French', length: 'standard', focus: [] });
    expect((await h.paths.assignment(id).get()).data()!.gradingSettings).toEqual(edited.body.gradingSettings);
    // The teacher's defaults are untouched by an assignment's edit.
    expect((await h.paths.user('settings-api-1').get()).data()!.gradingSettings).toEqual({ ...mine, chosenLanguage: null });
  });

  it('refuses bad settings with the field and changes nothing', async () => {
    const token = h.token('settings-api-2');
    const res = await h.call<{ error: { fields?: Record<string, string[]> } }>('PATCH', '/settings/grading', { token, body: { language: 'chosen' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('Name the language for the feedback');
    expect((await h.call<GradingSettingsResponse>('GET', '/settings/grading', { token })).body.settings).toEqual(DEFAULT_GRADING_SETTINGS);
    const other = await h.call('PATCH', '/assignments/not-mine-0001/settings', { token, body: {} });
    expect(other.status).toBe(404);
  });
});
