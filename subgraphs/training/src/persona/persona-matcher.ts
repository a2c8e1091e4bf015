import { foldForSearch } from '@ecosystem/shared';
import { type Persona } from './persona.entity';

const STOP_WORDS = new Set(['des', 'les', 'the', 'and', 'pour', 'aux', 'une', 'sur', 'avec', 'charge', 'chef']);

function tokens(text: string): string[] {
  return foldForSearch(text)
    .split(' ')
    .filter((word) => word.length >= 3 && !STOP_WORDS.has(word));
}

/**
 * The persona that best matches a job title: an exact title or alias match first (case and
 * accents ignored), else the persona whose title and aliases share the most words with the job
 * title (ties: shortest title, then code). Null when nothing matches.
 */
export function suggestPersona(jobTitle: string | null | undefined, personae: readonly Persona[]): Persona | null {
  if (!jobTitle?.trim()) return null;
  const folded = foldForSearch(jobTitle);
  const exact = personae.find((p) => [p.title, ...p.aliases].some((t) => foldForSearch(t) === folded));
  if (exact) return exact;
  const wanted = tokens(jobTitle);
  if (wanted.length === 0) return null;
  let best: { persona: Persona; score: number } | null = null;
  for (const persona of personae) {
    const have = new Set(tokens([persona.title, ...persona.aliases].join(' ')));
    const score = wanted.filter((w) => have.has(w)).length;
    if (score === 0) continue;
    if (
      !best ||
      score > best.score ||
      (score === best.score &&
        (persona.title.length < best.persona.title.length ||
          (persona.title.length === best.persona.title.length && persona.code < best.persona.code)))
    ) {
      best = { persona, score };
    }
  }
  return best?.persona ?? null;
}
