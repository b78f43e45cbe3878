import { words } from './text-analysis';

/**
 * What the feedback prompt's "Grading settings" ask of the wording, as the offline model honours
 * them: the language of the parts addressed to the student (English, a named language, or the one
 * the work is written in) and how many feedback items. It has phrasebooks for a few languages and
 * says so when asked for another, so a test can see the instruction reached the model.
 */
export type OfflineLanguage = 'en' | 'es' | 'fr' | 'de';

export interface FeedbackStyle {
  /** The language of the parts written to the student. */
  studentLanguage: OfflineLanguage;
  /** The language of the summary for the teacher. */
  teacherLanguage: OfflineLanguage;
  /** A language asked for that the offline model has no phrasebook for (answers in English). */
  unsupported: string | null;
  items: number;
}

const NAMES: Record<string, OfflineLanguage> = {
  english: 'en', spanish: 'es', español: 'es', espanol: 'es', castellano: 'es', french: 'fr', français: 'fr', francais: 'fr', german: 'de', deutsch: 'de',
};

const STOPWORDS: Record<OfflineLanguage, string[]> = {
  en: ['the', 'and', 'is', 'that', 'of', 'to', 'in', 'it', 'for', 'are'],
  es: ['el', 'la', 'que', 'de', 'y', 'los', 'las', 'es', 'en', 'por', 'para', 'una', 'con', 'del', 'porque'],
  fr: ['le', 'la', 'les', 'et', 'est', 'des', 'que', 'une', 'pour', 'dans', 'pas', 'qui', 'du', 'sont'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'ein', 'eine', 'zu', 'mit', 'sich', 'den', 'auch'],
};

/** The language of a text by its most frequent function words (English when unsure). */
export function detectLanguage(text: string): OfflineLanguage {
  const ws = words(text).map((w) => w.toLowerCase());
  let best: OfflineLanguage = 'en';
  let bestCount = 0;
  for (const [lang, list] of Object.entries(STOPWORDS) as [OfflineLanguage, string[]][]) {
    const set = new Set(list);
    const n = ws.filter((w) => set.has(w)).length;
    if (n > bestCount) (best = lang), (bestCount = n);
  }
  return best;
}

export function feedbackStyle(prompt: string, studentText: string): FeedbackStyle {
  const lang = /^- Feedback language: ([^.\n]+)\./m.exec(prompt)?.[1]?.trim();
  const length = /^- Length: (brief|standard|detailed)\b/m.exec(prompt)?.[1] ?? 'standard';
  const items = length === 'brief' ? 2 : length === 'detailed' ? 6 : 4;
  if (!lang || lang === 'English') return { studentLanguage: 'en', teacherLanguage: 'en', unsupported: null, items };
  if (lang === "the student's language") return { studentLanguage: detectLanguage(studentText), teacherLanguage: 'en', unsupported: null, items };
  const code = NAMES[lang.toLowerCase()];
  return code ? { studentLanguage: code, teacherLanguage: code, unsupported: null, items } : { studentLanguage: 'en', teacherLanguage: 'en', unsupported: lang, items };
}

/** The offline model's sentences, per language. `{n}` placeholders are filled by the caller. */
export interface Phrasebook {
  strengths: string[];
  opportunities: string[];
  strengthDescription: (n: number) => string;
  opportunityDescription: (n: number) => string;
  qualitative: (wc: number, sentences: number, grade: number) => string;
  explanation: (wc: number, grade: number) => string;
  question: (quote: string) => string;
  questionFallback: string;
  summary: (wc: number, sentences: number, grade: number, cvPercent: string) => string;
}

export const PHRASEBOOKS: Record<OfflineLanguage, Phrasebook> = {
  en: {
    strengths: ['Developed sentences', 'Specific detail', 'A clear statement of ideas', 'Purposeful word choice'],
    opportunities: ['Develop this point further', 'Add supporting evidence', 'Tighten the wording', 'Connect this idea to the claim'],
    strengthDescription: (n) => `This is one of your longest sentences (${n} words); it carries a developed thought.`,
    opportunityDescription: (n) => `This short sentence (${n} words) could say more: add a reason or an example.`,
    qualitative: (wc, s, g) => `This feedback was produced offline from text statistics, not by AI. Your work has ${wc} words in ${s} sentences and reads at about grade ${g}. Build on your longer, developed sentences and expand the short ones with reasons and examples.`,
    explanation: (wc, g) => `Level chosen from length (${wc} words), sentence variety and reading level (grade ${g}), not from reading for meaning.`,
    question: (q) => `Can you tell me more about what you meant by "${q}"?`,
    questionFallback: 'What would you add to this work?',
    summary: (wc, s, g, cv) => `A ${wc}-word response in ${s} sentences at about grade ${g} reading level; sentence length varies by ${cv}%.`,
  },
  es: {
    strengths: ['Oraciones desarrolladas', 'Detalles específicos', 'Ideas expresadas con claridad', 'Vocabulario bien elegido'],
    opportunities: ['Desarrolla más esta idea', 'Añade evidencia', 'Precisa la redacción', 'Relaciona esta idea con tu tesis'],
    strengthDescription: (n) => `Esta es una de tus oraciones más largas (${n} palabras); desarrolla una idea completa.`,
    opportunityDescription: (n) => `Esta oración corta (${n} palabras) podría decir más: añade una razón o un ejemplo.`,
    qualitative: (wc, s, g) => `Esta retroalimentación se generó sin conexión a partir de estadísticas del texto, no con IA. Tu trabajo tiene ${wc} palabras en ${s} oraciones y se lee en un nivel de grado ${g} aproximadamente. Aprovecha tus oraciones más desarrolladas y amplía las cortas con razones y ejemplos.`,
    explanation: (wc, g) => `Nivel elegido por la extensión (${wc} palabras), la variedad de oraciones y el nivel de lectura (grado ${g}), no por el sentido del texto.`,
    question: (q) => `¿Puedes explicarme mejor qué quisiste decir con "${q}"?`,
    questionFallback: '¿Qué añadirías a este trabajo?',
    summary: (wc, s, g, cv) => `Una respuesta de ${wc} palabras en ${s} oraciones, con un nivel de lectura de grado ${g} aproximadamente; la longitud de las oraciones varía un ${cv}%.`,
  },
  fr: {
    strengths: ['Des phrases développées', 'Des détails précis', 'Des idées clairement exprimées', 'Un vocabulaire bien choisi'],
    opportunities: ['Développe davantage cette idée', 'Ajoute des preuves', 'Resserre la formulation', 'Relie cette idée à ta thèse'],
    strengthDescription: (n) => `C'est l'une de tes phrases les plus longues (${n} mots) ; elle développe une vraie idée.`,
    opportunityDescription: (n) => `Cette phrase courte (${n} mots) pourrait en dire plus : ajoute une raison ou un exemple.`,
    qualitative: (wc, s, g) => `Ce commentaire a été produit hors ligne à partir de statistiques du texte, pas par une IA. Ton travail compte ${wc} mots en ${s} phrases et se lit à un niveau d'environ ${g}. Appuie-toi sur tes phrases développées et enrichis les plus courtes avec des raisons et des exemples.`,
    explanation: (wc, g) => `Niveau choisi d'après la longueur (${wc} mots), la variété des phrases et le niveau de lecture (${g}), sans lire le sens du texte.`,
    question: (q) => `Peux-tu m'en dire plus sur ce que tu voulais dire par « ${q} » ?`,
    questionFallback: 'Qu’ajouterais-tu à ce travail ?',
    summary: (wc, s, g, cv) => `Une réponse de ${wc} mots en ${s} phrases, d'un niveau de lecture d'environ ${g} ; la longueur des phrases varie de ${cv} %.`,
  },
  de: {
    strengths: ['Ausgearbeitete Sätze', 'Genaue Einzelheiten', 'Klar formulierte Gedanken', 'Treffende Wortwahl'],
    opportunities: ['Führe diesen Gedanken weiter aus', 'Ergänze Belege', 'Formuliere genauer', 'Verbinde diesen Gedanken mit deiner These'],
    strengthDescription: (n) => `Das ist einer deiner längsten Sätze (${n} Wörter); er trägt einen ausgearbeiteten Gedanken.`,
    opportunityDescription: (n) => `Dieser kurze Satz (${n} Wörter) könnte mehr sagen: Ergänze einen Grund oder ein Beispiel.`,
    qualitative: (wc, s, g) => `Dieses Feedback wurde offline aus Textstatistiken erstellt, nicht von einer KI. Deine Arbeit hat ${wc} Wörter in ${s} Sätzen und liest sich etwa auf Klassenstufe ${g}. Baue auf deinen ausgearbeiteten Sätzen auf und erweitere die kurzen mit Gründen und Beispielen.`,
    explanation: (wc, g) => `Stufe nach Länge (${wc} Wörter), Satzvielfalt und Lesestufe (${g}) gewählt, nicht nach dem Inhalt.`,
    question: (q) => `Kannst du mir mehr darüber sagen, was du mit „${q}“ gemeint hast?`,
    questionFallback: 'Was würdest du dieser Arbeit hinzufügen?',
    summary: (wc, s, g, cv) => `Eine Antwort mit ${wc} Wörtern in ${s} Sätzen auf etwa Lesestufe ${g}; die Satzlänge schwankt um ${cv} %.`,
  },
};
