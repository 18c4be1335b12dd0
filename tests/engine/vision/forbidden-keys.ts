// The vision privacy rule as a reusable check (METRICS.md, "What Candor
// never infers"): no key may name an emotion, expression, age, gender,
// attention or similar judgement about a person. Keys are split into words
// (camelCase, snake_case, kebab-case), so "image" or "stage" never match
// "age", while "estimated_age" and "emotionScore" do. The lead extends this
// to the database schema with PERSON_INFERENCE_WORDS alone (the call-level
// engagement metric is legitimate there); vision outputs also may not carry
// engagement or interest, which are computed downstream from counts.

export const PERSON_INFERENCE_WORDS = [
  'emotion', 'emotions', 'emotional', 'expression', 'expressions', 'mood', 'smile', 'smiling', 'happy', 'happiness',
  'sad', 'sadness', 'angry', 'anger', 'fear', 'surprise', 'disgust', 'age', 'gender', 'sex', 'male', 'female', 'race',
  'ethnicity', 'attention', 'attentive', 'attentiveness', 'personality', 'honesty', 'honest', 'valence', 'arousal',
];
export const VISION_EXTRA_WORDS = ['engagement', 'engaged', 'interest', 'interested'];

/** camelCase / snake_case / kebab-case words of a key, lower-cased. */
export function keyWords(key: string): string[] {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_\-.]+/).map((w) => w.toLowerCase()).filter(Boolean);
}

/** Paths of every key (at any depth, in arrays too) containing a forbidden word. */
export function forbiddenKeys(value: unknown, words: readonly string[] = [...PERSON_INFERENCE_WORDS, ...VISION_EXTRA_WORDS], path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => forbiddenKeys(v, words, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(keyWords(k).some((w) => words.includes(w)) ? [`${path}.${k}`] : []),
    ...forbiddenKeys(v, words, `${path}.${k}`),
  ]);
}
