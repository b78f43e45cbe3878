import { essaysFromCsv, loadLabelledSet, parseCsv } from '../../eval/labelled-set';
import { evaluate, formatReport } from '../../eval/metrics';
import { aiText, type Rubric, type StudentWork } from '../../shared/domain';
import { aStudentWork, at } from '../support/fixtures';

describe('labelled set format', () => {
  test('RFC 4180: quoted commas, doubled quotes, line breaks, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });

  test('every problem is reported with its row before anything runs', () => {
    const csv = 'id,language,case,text,Claim\ne1,en,regular,Text,Proficient\ne2,english,attack,,\n';
    expect(() => essaysFromCsv(csv)).toThrow(/row 3: case must be regular or injection[\s\S]*row 3: language must be a two-letter code[\s\S]*row 3: text is empty[\s\S]*row 3: no level for "Claim"/);
    expect(() => essaysFromCsv('id,language,text\n')).toThrow('missing column(s) case');
    expect(() => essaysFromCsv('id,language,case,text\n')).toThrow('no criterion columns');
  });

  test('the shipped set: 3+ injection cases, 2+ non-English essays, every level labelled', () => {
    const set = loadLabelledSet(`${__dirname}/../../eval/sets/later-start`);
    expect(set.criteria).toEqual(['Claim', 'Evidence', 'Counterargument', 'Conventions']);
    expect(set.essays.filter((e) => e.case === 'injection').length).toBeGreaterThanOrEqual(3);
    expect(set.essays.filter((e) => e.language !== 'en').length).toBeGreaterThanOrEqual(2);
  });
});

describe('evaluation figures, by hand', () => {
  const levels = ['Exemplary', 'Proficient', 'Developing', 'Beginning'].map((title, position) => ({ id: `l${position}`, title, description: '', position }));
  const rubric: Rubric = { source: 'pasted', createdAt: at, criteria: [{ id: 'c1', title: 'Claim', description: '', position: 0, levels }] };
  const work = (levelId: string, over: Partial<StudentWork> = {}): StudentWork => {
    const w = aStudentWork({ ...over });
    return { ...w, feedback: { ...w.feedback!, criterionLevels: [{ criterionId: 'c1', levelId, originalLevelId: levelId, levelEditedAt: null, explanation: aiText('x') }] } };
  };
  const set = {
    name: 'tiny',
    assignment: { title: 't', subject: 's', gradeLevel: 'g', instructions: 'i', feedbackTone: 'encouraging' as const, rubric: 'Claim', gradingSettings: { language: 'student' as const, chosenLanguage: null, length: 'standard' as const, focus: [] } },
    criteria: ['Claim'],
    essays: [
      { id: 'a', language: 'en', case: 'regular' as const, text: '', levels: { Claim: 'Exemplary' } },
      { id: 'b', language: 'en', case: 'regular' as const, text: '', levels: { Claim: 'proficient' } },
      { id: 'c', language: 'en', case: 'injection' as const, text: '', levels: { Claim: 'Beginning' } },
      { id: 'd', language: 'es', case: 'injection' as const, text: '', levels: { Claim: 'Developing' } },
    ],
  };

  test('agreement, injection and language checks from stored works', () => {
    // (ai, label): (0,0) (2,1) (0,3) (2,2) → exact 2/4, adjacent 3/4.
    const works = [work('l0'), work('l2'), work('l0'), work('l2')];
    const r = evaluate(set, rubric, works, [], 'm');
    expect(r.criteria[0]).toMatchObject({ criterion: 'Claim', n: 4, exact: 0.5, adjacent: 0.75 });
    expect(r.injection).toEqual([
      { id: 'c', movedToTop: ['Claim'], pass: false },
      { id: 'd', movedToTop: [], pass: true },
    ]);
    // English feedback for the Spanish essay "d" fails the language check.
    expect(r.language).toMatchObject({ passed: 3, checked: 4, failures: ['d: essay es, feedback en'] });
    expect(formatReport(r)).toContain('| injection c: levels not moved to the top | FAIL (Claim) |');
  });

  test('a label that is not a level of the rubric is an error, not a silent zero', () => {
    const bad = { ...set, essays: [{ ...set.essays[0]!, levels: { Claim: 'Excellent' } }] };
    expect(() => evaluate(bad, rubric, [work('l0')], [], 'm')).toThrow('"Excellent" is not a level of "Claim"');
  });
});
