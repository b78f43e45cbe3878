import { notificationOf, shownCard, textOf, widgets, type CardJson, type RenderActionsJson } from '../../dev/apps-script-fakes';
import { AddonHarness } from './support/harness';
import { completeDetail, docRef, stats, work } from './support/fixtures';

let h: AddonHarness;
beforeEach(() => (h = new AddonHarness().install()));
afterEach(() => h.uninstall());

const card = (res: RenderActionsJson): CardJson => {
  const c = shownCard(res);
  if (!c) throw new Error(`no card shown; notification: ${notificationOf(res)}`);
  return c;
};
const navs = (res: RenderActionsJson) => (res.renderActions.action?.navigations ?? []).map((n) => Object.keys(n)[0]);

/** Home → an assignment → (optionally) a student's work, counting only what the test is about. */
function openDetail(): CardJson {
  const res = h.run('onAction', { handler: 'assignment.open', assignmentId: 'a1' });
  expect(navs(res)).toEqual(['pushCard']);
  return card(res);
}
function openWork(): CardJson {
  const res = h.click(openDetail(), 'View feedback', {}, 0);
  expect(navs(res)).toEqual(['pushCard']);
  return card(res);
}

describe('assignment detail actions', () => {
  test('open and Refresh each read the assignment once', () => {
    const d = openDetail();
    expect(h.calls('getAssignment').map((c) => c.params)).toEqual([{ assignmentId: 'a1' }]);
    const res = h.click(d, 'Refresh');
    expect(navs(res)).toEqual(['updateCard']);
    expect(h.calls('getAssignment')).toHaveLength(2);
    expect(h.apiRoundTrips).toBe(2);
  });

  test('Retry a failed work: one call, the detail updated, a notification', () => {
    const declined = completeDetail();
    declined.works[2] = { ...declined.works[2]!, failureReason: 'Claude declined to give feedback on this work.' };
    h.on('getAssignment', () => declined);
    h.on('retryWork', () => ({ ...completeDetail(), works: completeDetail().works.map((w) => (w.id === 'w3' ? { ...w, status: 'pending' as const, failureReason: null } : w)) }));
    const res = h.click(openDetail(), 'Retry');
    expect(h.calls('retryWork').map((c) => [c.params, c.body])).toEqual([[{ assignmentId: 'a1', workId: 'w3' }, {}]]);
    expect(navs(res)).toEqual(['updateCard']);
    expect(notificationOf(res)).toBe('Retrying "Essay 3".');
    expect(textOf(card(res))).not.toContain('Failed:');
  });

  test('edit the class insights: the edit card, then PATCH and back to the updated detail', () => {
    const edit = card(h.click(openDetail(), 'Edit'));
    h.on('editSummary', (c) => {
      const d = completeDetail();
      d.summary!.qualitativeInsights = { original: d.summary!.qualitativeInsights.original, current: (c.body as { text: string }).text, editedAt: '2025-09-03T10:00:00.000Z' };
      return d;
    });
    const res = h.click(edit, 'Save', { text: '  Most essays need evidence.  ' });
    expect(h.calls('editSummary')[0]!.body).toEqual({ target: 'qualitativeInsights', text: 'Most essays need evidence.' });
    expect(navs(res)).toEqual(['pop', 'updateCard']);
    expect(textOf(card(res))).toContain('Most essays need evidence.');
    expect(textOf(card(res))).toContain('Insights · edited');
    const empty = h.click(edit, 'Save', { text: '' });
    expect(notificationOf(empty)).toBe('Enter some text, or keep the original');
    expect(h.calls('editSummary')).toHaveLength(1);
  });

  test('a Doc over the word limit has no Retry: the card says what to do instead', () => {
    const d = openDetail();
    const row = widgets(d).flatMap((w) => ('decoratedText' in w && w.decoratedText.text === 'Essay 3' ? [w.decoratedText] : []))[0]!;
    expect(row.button).toBeUndefined();
    expect(row.bottomLabel).toContain('Shorten the Doc to 2,000 words or fewer and grade it in a new assignment.');
  });

  test('delete: confirm (or Cancel), then one DELETE and back to the list without the assignment', () => {
    h.on('deleteAssignment', () => ({ deleted: true, id: 'a1' }));
    const home = h.homepage();
    expect(textOf(home)).toContain('<b>Assignment 1</b>');
    const confirm = card(h.click(openDetail(), 'Delete assignment'));
    expect(navs(h.click(confirm, 'Cancel'))).toEqual(['pop']);
    const before = h.apiRoundTrips;
    const res = h.click(confirm, 'Delete');
    expect(h.apiRoundTrips - before).toBe(1);
    expect(h.calls('deleteAssignment').map((c) => c.params)).toEqual([{ assignmentId: 'a1' }]);
    expect(navs(res)).toEqual(['popToRoot', 'updateCard']);
    expect(notificationOf(res)).toBe('Assignment deleted.');
    const list = card(res);
    expect(list.name).toBe('home');
    expect(textOf(list)).not.toContain('<b>Assignment 1</b>');
    expect(textOf(list)).toContain('<b>Assignment 2</b>');
    // The cached list stays without it: a later Submit or Delete builds on that.
    h.on('deleteAssignment', () => ({ deleted: true, id: 'a2' }));
    const again = card(h.run('onAction', { handler: 'assignment.delete', assignmentId: 'a2' }));
    expect(textOf(again)).toContain('No assignments yet');
  });

  test('a rebuilt list leaves out a chart whose signed URL has expired', () => {
    h.on('getStats', () => stats({ chart: { ...stats().chart, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } }));
    h.homepage();
    h.on('deleteAssignment', () => ({ deleted: true, id: 'a1' }));
    expect(widgets(card(h.run('onAction', { handler: 'assignment.delete', assignmentId: 'a1' }))).some((w) => 'image' in w)).toBe(true);
    h.on('getStats', () => stats()); // the fixture's chart URL expired in 2025
    h.homepage();
    expect(widgets(card(h.run('onAction', { handler: 'assignment.delete', assignmentId: 'a1' }))).some((w) => 'image' in w)).toBe(false);
  });

  test('delete without cached home data: back to the root, told to refresh', () => {
    h.on('deleteAssignment', () => ({ deleted: true, id: 'a1' }));
    const res = h.click(card(h.click(openDetail(), 'Delete assignment')), 'Delete');
    expect(navs(res)).toEqual(['popToRoot']);
    expect(notificationOf(res)).toBe('Assignment deleted. Refresh the list to see it gone.');
  });
});

describe('student work actions', () => {
  test('Edit uses the work as shown (no call); Save sends exactly that piece and shows the result', () => {
    const w = openWork();
    const calls = h.apiCalls.length;
    const edit = card(h.click(w, 'Edit', {}, 6));
    expect(edit.header?.title).toBe('Edit: Question for the student');
    expect(h.apiCalls.length).toBe(calls);
    h.on('editWork', (c) => {
      const v = work();
      v.feedback!.question = { original: v.feedback!.question.original, current: (c.body as { text: string }).text, editedAt: '2025-09-03T10:00:00.000Z' };
      return v;
    });
    const res = h.click(edit, 'Save', { text: 'What would a principal say?' });
    expect(h.calls('editWork').map((c) => c.body)).toEqual([{ target: 'question', text: 'What would a principal say?' }]);
    expect(navs(res)).toEqual(['pop', 'updateCard']);
    expect(notificationOf(res)).toBe('Saved. The original AI text is kept.');
    expect(textOf(card(res))).toContain('What would a principal say?');
  });

  test('a criterion: level and explanation together', () => {
    const edit = card(h.click(openWork(), 'Edit', {}, 4));
    h.on('editWork', () => work());
    h.click(edit, 'Save', { levelId: 'c2l1', explanation: 'Two good quotations after all.' });
    expect(h.calls('editWork')[0]!.body).toEqual({ target: 'criterionLevel', criterionId: 'c2', levelId: 'c2l1', explanation: 'Two good quotations after all.' });
  });

  test('a feedback item: title and description', () => {
    const edit = card(h.click(openWork(), 'Edit', {}, 1));
    h.on('editWork', () => work());
    h.click(edit, 'Save', { title: 'Gripping hook' });
    expect(h.calls('editWork')[0]!.body).toEqual({ target: 'feedbackItem', itemId: 'i1', title: 'Gripping hook', description: 'Your opening question draws the reader in.' });
  });

  test('Insert into Doc: choose sections, the Doc gets a formatted section, then it is recorded as sent', () => {
    h.docs.set(docRef(1).googleDocId, { endIndex: 50 });
    h.on('markSent', (c) => ({ ...work(), sent: [{ sections: (c.body as { sections: string[] }).sections, at: '2025-09-03T10:00:00.000Z' }] }));
    const choose = card(h.click(openWork(), 'Insert into Doc'));
    expect(choose.name).toBe('insert-into-doc');
    const before = h.apiRoundTrips;
    const res = h.click(choose, 'Insert', { sections: ['qualitativeFeedback', 'criterionLevels'] });
    expect(h.apiRoundTrips - before).toBe(1);
    const [update] = h.batchUpdates;
    expect(update!.docId).toBe(docRef(1).googleDocId);
    expect(update!.body.writeControl).toEqual({ requiredRevisionId: 'rev-1' });
    const insert = (update!.body.requests[0] as { insertText: { location: { index: number }; text: string } }).insertText;
    expect(insert.location.index).toBe(49);
    expect(insert.text).toContain('\nOverall\nA confident essay with a clear position.\nRubric\nThesis — Exemplary: The claim is precise.');
    expect(insert.text).not.toContain('Strong hook');
    expect(h.calls('markSent').map((c) => c.body)).toEqual([{ sections: ['qualitativeFeedback', 'criterionLevels'], insertId: expect.stringMatching(/^[A-Za-z0-9_-]{8,}$/) }]);
    expect(navs(res)).toEqual(['pop', 'updateCard']);
    expect(notificationOf(res)).toBe('Inserted into "Essay 1".');
    expect(textOf(card(res))).toContain('Inserted Sep 3, 2025: qualitative feedback, rubric levels');
  });

  test('Insert clicked again on the same card (the first answer was lost) sends the same insertId', () => {
    h.docs.set(docRef(1).googleDocId, { endIndex: 50 });
    h.on('markSent', () => work());
    const choose = card(h.click(openWork(), 'Insert into Doc'));
    h.click(choose, 'Insert', { sections: ['qualitativeFeedback'] });
    h.click(choose, 'Insert', { sections: ['qualitativeFeedback'] });
    const [a, b] = h.calls('markSent').map((c) => (c.body as { insertId?: string }).insertId);
    expect(a).toBeTruthy();
    expect(b).toBe(a);
  });

  test('Insert with nothing chosen asks for a section; nothing is written', () => {
    const choose = card(h.click(openWork(), 'Insert into Doc'));
    expect(notificationOf(h.click(choose, 'Insert', { sections: [] }))).toBe('Choose at least one section to insert.');
    expect(h.batchUpdates).toHaveLength(0);
  });

  test('Docs refusing the write (no drive.file access) says how to fix it; not recorded as sent', () => {
    h.docs.set(docRef(1).googleDocId, { batchStatuses: [403] });
    const choose = card(h.click(openWork(), 'Insert into Doc'));
    const res = h.click(choose, 'Insert');
    expect(notificationOf(res)).toMatch(/Google Docs refused the change \(HTTP 403\)\. GradeBot can only edit Docs you chose with it/);
    expect(h.calls('markSent')).toHaveLength(0);
  });

  test('after the cached copy expired, Insert asks to reopen the work instead of guessing', () => {
    const choose = card(h.click(openWork(), 'Insert into Doc'));
    h.fakes.cache.getUserCache().remove(`work:a1:w1`);
    expect(notificationOf(h.click(choose, 'Insert'))).toMatch(/open the student work again/);
    expect(h.batchUpdates).toHaveLength(0);
  });

  test('Retry from the work card returns to the updated detail', () => {
    h.on('getWork', () => work({ status: 'failed', failureReason: 'The feedback service timed out.', feedback: null }));
    h.on('retryWork', () => completeDetail());
    const w = card(h.run('onAction', { handler: 'work.open', assignmentId: 'a1', workId: 'w1' }));
    const res = h.click(w, 'Retry');
    expect(navs(res)).toEqual(['pop', 'updateCard']);
    expect(card(res).name).toBe('assignment-a1');
  });
});

describe('billing actions', () => {
  test('Upgrade opens Stripe Checkout; Manage opens the portal; both reload on close', () => {
    h.on('createCheckout', () => ({ url: 'https://checkout.stripe.com/c/pay/cs_2' }));
    h.on('createPortal', () => ({ url: 'https://billing.stripe.com/p/session/ps_1' }));
    expect(h.run('onAction', { handler: 'billing.checkout' }).renderActions.action?.link).toEqual({ url: 'https://checkout.stripe.com/c/pay/cs_2', openAs: 'FULL_SIZE', onClose: 'RELOAD' });
    expect(h.run('onAction', { handler: 'billing.portal' }).renderActions.action?.link?.url).toBe('https://billing.stripe.com/p/session/ps_1');
    expect(h.calls().map((c) => c.name)).toEqual(['createCheckout', 'createPortal']);
  });

  test('Billing card from GET /me', () => {
    const c = card(h.run('onAction', { handler: 'billing.show' }));
    expect(c.name).toBe('billing');
    expect(textOf(c)).toContain('0 of 1 used');
  });
});

describe('the dispatcher', () => {
  test('an unknown handler or bad parameters: "out of date", no call', () => {
    expect(notificationOf(h.run('onAction', { handler: 'gone.away' }))).toBe('This button is out of date. Close GradeBot and open it again.');
    expect(notificationOf(h.run('onAction', { handler: 'assignment.open', assignmentId: 'bad id!' }))).toBe('This button is out of date. Close GradeBot and open it again.');
    expect(h.apiCalls).toHaveLength(0);
  });

  test('an expired sign-in: an error card whose Try again repeats the same action', () => {
    h.fail('getAssignment', 401, { code: 'unauthenticated', message: 'Token expired' });
    const res = h.run('onAction', { handler: 'assignment.open', assignmentId: 'a1' });
    const c = card(res);
    expect(c.header?.title).toBe('Sign-in needed');
    h.on('getAssignment', () => completeDetail());
    expect(card(h.click(c, 'Try again')).name).toBe('assignment-a1');
  });

  test("another teacher's or a deleted assignment: not found", () => {
    h.fail('getAssignment', 404, { code: 'not_found', message: 'Not found' });
    const c = card(h.run('onAction', { handler: 'assignment.open', assignmentId: 'a9' }));
    expect(c.header?.title).toBe('Not found');
    expect(textOf(c)).toContain('no longer exists');
  });

  test('rate limited and unreachable: a notification that says when to try again', () => {
    h.fail('getAssignment', 429, { code: 'rate_limited', message: 'Slow down', retryAfterSeconds: 20 });
    expect(notificationOf(h.run('onAction', { handler: 'assignment.open', assignmentId: 'a1' }))).toBe('GradeBot is busy. Try again in 20 seconds.');
    h.on('getAssignment', () => {
      throw new Error('Exception: Address unavailable');
    });
    expect(notificationOf(h.run('onAction', { handler: 'assignment.open', assignmentId: 'a1' }))).toBe("GradeBot can't be reached right now. Check your connection and try again.");
  });

  test('an answer that breaks the contract is caught at the edge', () => {
    h.on('getAssignment', () => ({ status: 200, raw: JSON.stringify({ id: 'a1' }) }));
    expect(notificationOf(h.run('onAction', { handler: 'assignment.open', assignmentId: 'a1' }))).toMatch(/does not understand/);
  });

  test('missing configuration: an error card naming the Script Property', () => {
    const bare = new AddonHarness({}).install();
    try {
      const c = card(bare.run('onAction', { handler: 'assignment.open', assignmentId: 'a1' }));
      expect(c.header?.title).toBe('GradeBot is not set up');
      expect(textOf(c)).toContain('API_BASE_URL');
    } finally {
      bare.uninstall();
      h.install();
    }
  });

  test('logs carry kinds and codes, never what the teacher or student wrote', () => {
    const logs: string[] = [];
    const spy = jest.spyOn(console, 'warn').mockImplementation((m: string) => void logs.push(m));
    h.fail('editWork', 400, { code: 'validation_failed', message: 'Bad', fields: [{ path: 'text', message: 'Too long' }] });
    h.run('onAction', { handler: 'work.save', assignmentId: 'a1', workId: 'w1', target: 'summary' }, { text: 'SECRET STUDENT SENTENCE' });
    spy.mockRestore();
    expect(logs.join('\n')).toContain('"code":"validation_failed"');
    expect(logs.join('\n')).not.toContain('SECRET');
  });
});

test('the widgets a teacher types into keep their values across a failed save', () => {
  const edit = card(h.click(openWork(), 'Edit', {}, 0));
  expect(widgets(edit)).toContainEqual({ textInput: expect.objectContaining({ name: 'text', value: 'A confident essay with a clear position.' }) });
  h.fail('editWork', 503, { code: 'unavailable', message: 'Down' });
  const res = h.click(edit, 'Save', { text: 'New text' });
  // A notification only: the edit card stays, with what the teacher typed.
  expect(res.renderActions.action?.navigations).toBeUndefined();
  expect(notificationOf(res)).toBe('GradeBot is having trouble right now. Try again in a minute.');
});
