import { extractTagged } from '../../prompts/schemas/delimit';
import { type Filler, OFFLINE, pathKey } from './json-schema';
import { clamp, fleschKincaidGrade, hash, keywords, sentenceLengthVariation, sentences, words } from './text-analysis';

const STRENGTHS = ['Developed sentences', 'Specific detail', 'A clear statement of ideas', 'Purposeful word choice'];
const OPPORTUNITIES = ['Develop this point further', 'Add supporting evidence', 'Tighten the wording', 'Connect this idea to the claim'];

/** A quote no student wrote (the words are the server's own), for `fabricatedEvidence`. */
export const FABRICATED_QUOTE = 'Offline model invention: this sentence was never written by the student.';

/**
 * Feedback computed from the student's text (inside <student_work>): evidence quotes are real
 * sentences from it — except the first `opts.fabricated` items', which quote FABRICATED_QUOTE —
 * the grade level is its Flesch–Kincaid grade, rubric levels and check scores follow from simple
 * statistics, and every sentence says so.
 */
export function feedbackFiller(prompt: string, opts: { fabricated?: number } = {}): Filler {
  const text = extractTagged('student_work', prompt) ?? '';
  const assignment = extractTagged('assignment', prompt) ?? '';
  const ss = sentences(text);
  const wc = words(text).length;
  const grade = fleschKincaidGrade(text);
  const cv = sentenceLengthVariation(text);
  // 0..1: longer, more varied, more complex writing scores higher. A statistic, not a judgement.
  const quality = clamp(0.45 * Math.min(1, wc / 450) + 0.35 * clamp((grade - 3) / 9, 0, 1) + 0.2 * clamp(cv / 0.6, 0, 1), 0, 1);
  const byLength = [...ss].sort((a, b) => words(b).length - words(a).length);
  const fallbackQuote = text.trim().slice(0, 200) || '(empty)';
  const quote = (i: number, strength: boolean) => {
    const pool = strength ? byLength : [...byLength].reverse();
    return pool[Math.floor(i / 2) % Math.max(1, pool.length)] ?? fallbackQuote;
  };
  const topic = keywords(assignment, 12);
  const used = new Set(words(text).map((w) => w.toLowerCase()));
  const adherence = topic.length === 0 ? 60 : Math.round((100 * topic.filter((k) => used.has(k)).length) / topic.length);
  const evidenceMarkers = (text.match(/\b(because|for example|for instance|according to|such as|shows that)\b|\d|["\u201C]/gi) ?? []).length;
  const wellFormed = ss.filter((s) => /^[A-Z"\u201C]/.test(s) && /[.!?]["'\u201D\u2019)]*$/.test(s)).length;
  const scores: Record<string, number> = {
    aiGeneratedSignal: Math.round(clamp(85 - cv * 120, 5, 90)),
    promptAdherence: adherence,
    evidenceUse: Math.round(clamp(20 + evidenceMarkers * 12, 0, 100)),
    conventions: ss.length === 0 ? 0 : Math.round((100 * wellFormed) / ss.length),
  };
  const explain: Record<string, string> = {
    aiGeneratedSignal: `${OFFLINE} A signal only, never proof: sentence lengths vary by ${(cv * 100).toFixed(0)}% (uniform lengths raise this score). Talk with the student before drawing any conclusion.`,
    promptAdherence: `${OFFLINE} ${adherence}% of the assignment's key words appear in the work.`,
    evidenceUse: `${OFFLINE} Counted ${evidenceMarkers} evidence markers (numbers, quotations, "because", "for example").`,
    conventions: `${OFFLINE} ${wellFormed} of ${ss.length} sentences start with a capital letter and end with punctuation.`,
  };
  return {
    length(path, c) {
      return pathKey(path) === 'feedbackItems' ? Math.min(c.maxItems ?? 4, 4) : undefined;
    },
    leaf(path, type, _c, values) {
      const k = pathKey(path);
      const i = typeof path[1] === 'number' ? path[1] : 0;
      if (k === 'feedbackItems.*.kind') return i % 2 === 0 ? 'strength' : 'opportunity';
      if (path[0] === 'criterionLevels' && path[2] === 'level' && values) {
        const spread = (hash(String(path[1])) % 3) - 1; // criteria differ a little
        return values[clamp(Math.round((1 - quality) * (values.length - 1)) + spread, 0, values.length - 1)];
      }
      if (path[0] === 'checks' && path[2] === 'score') return scores[String(path[1])] ?? 50;
      if (path[0] === 'checks' && path[2] === 'explanation') return explain[String(path[1])] ?? `${OFFLINE} Not assessed offline.`;
      if (k === 'writingGradeLevel') return grade;
      if (type !== 'string') return undefined;
      const strength = i % 2 === 0;
      switch (k) {
        case 'feedbackItems.*.evidence':
          return i < (opts.fabricated ?? 0) ? FABRICATED_QUOTE : quote(i, strength);
        case 'feedbackItems.*.title':
          return `${OFFLINE} ${(strength ? STRENGTHS : OPPORTUNITIES)[Math.floor(i / 2) % 4]}`;
        case 'feedbackItems.*.description':
          return strength
            ? `${OFFLINE} This is one of your longest sentences (${words(quote(i, true)).length} words); it carries a developed thought.`
            : `${OFFLINE} This short sentence (${words(quote(i, false)).length} words) could say more: add a reason or an example.`;
        case 'qualitativeFeedback':
          return `${OFFLINE} This feedback was produced offline from text statistics, not by AI. Your work has ${wc} words in ${ss.length} sentences and reads at about grade ${grade}. Build on your longer, developed sentences and expand the short ones with reasons and examples.`;
        case 'summary':
          return `${OFFLINE} A ${wc}-word response in ${ss.length} sentences at about grade ${grade} reading level; sentence length varies by ${(cv * 100).toFixed(0)}%.`;
        case 'question': {
          const s = byLength[byLength.length - 1];
          return s ? `${OFFLINE} Can you tell me more about what you meant by "${s.slice(0, 200)}"?` : `${OFFLINE} What would you add to this work?`;
        }
      }
      if (path[0] === 'criterionLevels' && path[2] === 'explanation') {
        return `${OFFLINE} Level chosen from length (${wc} words), sentence variety and reading level (grade ${grade}), not from reading for meaning.`;
      }
      return undefined;
    },
  };
}
