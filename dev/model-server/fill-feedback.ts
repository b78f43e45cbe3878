import { extractAllTagged, extractTagged } from '../../prompts/schemas/delimit';
import { type Filler, OFFLINE, pathKey } from './json-schema';
import { feedbackStyle, PHRASEBOOKS } from './feedback-style';
import { clamp, fleschKincaidGrade, hash, keywords, sentenceLengthVariation, sentences, words } from './text-analysis';


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
  const quality = textQuality(text);
  // The teacher's examples (calibration anchors): how far the teacher's levels sit from what this
  // statistic would give each example, per criterion — the offline model shifts its own levels by
  // that, as a model reading the examples would move towards the teacher's standard.
  const anchors = teacherAnchors(prompt);
  // The teacher's grading settings, as the prompt states them: language and number of items.
  const style = feedbackStyle(prompt, text);
  const say = PHRASEBOOKS[style.studentLanguage];
  const tell = PHRASEBOOKS[style.teacherLanguage];
  const note = style.unsupported ? ` (The offline model has no ${style.unsupported} phrasebook; English instead.)` : '';
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
      return pathKey(path) === 'feedbackItems' ? Math.min(c.maxItems ?? style.items, style.items) : undefined;
    },
    leaf(path, type, _c, values) {
      const k = pathKey(path);
      const i = typeof path[1] === 'number' ? path[1] : 0;
      if (k === 'feedbackItems.*.kind') return i % 2 === 0 ? 'strength' : 'opportunity';
      if (path[0] === 'criterionLevels' && path[2] === 'level' && values) {
        const criterion = String(path[1]);
        const offsets = anchors
          .map((a) => ({ teacher: values.indexOf(a.levels.get(criterion) ?? ''), statistic: levelIndex(a.quality, criterion, values.length) }))
          .filter((o) => o.teacher >= 0)
          .map((o) => o.teacher - o.statistic);
        const shift = offsets.length === 0 ? 0 : Math.round(offsets.reduce((s, x) => s + x, 0) / offsets.length);
        return values[clamp(levelIndex(quality, criterion, values.length) + shift, 0, values.length - 1)];
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
          return `${OFFLINE} ${(strength ? say.strengths : say.opportunities)[Math.floor(i / 2) % 4]}`;
        case 'feedbackItems.*.description':
          return `${OFFLINE} ${strength ? say.strengthDescription(words(quote(i, true)).length) : say.opportunityDescription(words(quote(i, false)).length)}`;
        case 'qualitativeFeedback':
          return `${OFFLINE} ${say.qualitative(wc, ss.length, grade)}${note}`;
        case 'summary':
          return `${OFFLINE} ${tell.summary(wc, ss.length, grade, (cv * 100).toFixed(0))}`;
        case 'question': {
          const s = byLength[byLength.length - 1];
          return s ? `${OFFLINE} ${say.question(s.slice(0, 200))}` : `${OFFLINE} ${say.questionFallback}`;
        }
      }
      if (path[0] === 'criterionLevels' && path[2] === 'explanation') {
        return `${OFFLINE} ${say.explanation(wc, grade)}`;
      }
      return undefined;
    },
  };
}

/** 0..1: longer, more varied, more complex writing scores higher. A statistic, not a judgement. */
export function textQuality(text: string): number {
  const wc = words(text).length;
  const grade = fleschKincaidGrade(text);
  const cv = sentenceLengthVariation(text);
  return clamp(0.45 * Math.min(1, wc / 450) + 0.35 * clamp((grade - 3) / 9, 0, 1) + 0.2 * clamp(cv / 0.6, 0, 1), 0, 1);
}

/** The level (0 = best) the statistic gives a criterion of `n` levels; criteria differ a little. */
function levelIndex(quality: number, criterionId: string, n: number): number {
  const spread = (hash(criterionId) % 3) - 1;
  return clamp(Math.round((1 - quality) * (n - 1)) + spread, 0, n - 1);
}

/** The teacher's examples in the prompt: each one's text statistic and its levels by criterion id. */
function teacherAnchors(prompt: string): { quality: number; levels: Map<string, string> }[] {
  const texts = extractAllTagged('example_work', prompt);
  const levels = extractAllTagged('teacher_levels', prompt);
  return texts.map((t, i) => {
    const byId = new Map<string, string>();
    for (const m of (levels[i] ?? '').matchAll(/^- Criterion (\S+) \(.*?\): (.+?)(?: — .*)?$/gm)) byId.set(m[1]!, m[2]!);
    return { quality: textQuality(t), levels: byId };
  });
}
