import { ACCEPT_LANGUAGE_MAX_LENGTH, isAcceptLanguage, Language, languageFromHeader } from '../language';

describe('the caller\u2019s language from Accept-Language', () => {
  it('takes the first supported language in the order of preference, French otherwise', () => {
    expect(languageFromHeader('en-GB,en;q=0.9,fr;q=0.8')).toBe(Language.EN);
    expect(languageFromHeader('de-DE, fr;q=0.5, en;q=0.4')).toBe(Language.FR);
    expect(languageFromHeader('fr;q=0.1, en;q=0.9')).toBe(Language.EN);
    expect(languageFromHeader('de, *;q=0.5')).toBe(Language.FR);
    expect(languageFromHeader(undefined)).toBe(Language.FR);
  });

  it('ignores a header that is not a list of language tags, or too long to be one a browser sends', () => {
    for (const bad of ['', 'en<script>', 'en;q=2', 'en;q=1.5', 'en;q=1.001', 'en;q=0.1234', 'en;;', `en,${'a'.repeat(ACCEPT_LANGUAGE_MAX_LENGTH)}`, 'en\r\nx-evil: 1']) {
      expect(isAcceptLanguage(bad)).toBe(false);
      expect(languageFromHeader(bad)).toBe(Language.FR);
    }
    for (const good of ['en', 'fr-FR', 'zh-Hant-TW;q=0.3', 'en-GB , en ; q=0.9', '*', 'de-CH-1996;q=1.000', 'en,,fr']) expect(isAcceptLanguage(good)).toBe(true);
  });

  it('reads only q-values from 0 to 1 (RFC 9110), and empty list elements as nothing', () => {
    // q=1.5 is no q-value: the header is malformed and ignored, not read as a strong preference.
    expect(languageFromHeader('en;q=1.5')).toBe(Language.FR);
    expect(languageFromHeader('en;q=1.5, fr;q=0.5')).toBe(Language.FR);
    // A recipient must accept empty list elements (RFC 9110 §5.6.1).
    expect(languageFromHeader(', ,en')).toBe(Language.EN);
    expect(languageFromHeader('en-US,,fr;q=0.5')).toBe(Language.EN);
    expect(languageFromHeader('fr;q=0, en')).toBe(Language.EN);
    expect(languageFromHeader('*')).toBe(Language.FR);
  });
});
