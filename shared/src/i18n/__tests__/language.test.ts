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
    for (const bad of ['', 'en<script>', 'en;q=2', 'en;;', 'en,,fr', `en,${'a'.repeat(ACCEPT_LANGUAGE_MAX_LENGTH)}`, 'en\r\nx-evil: 1']) {
      expect(isAcceptLanguage(bad)).toBe(false);
      expect(languageFromHeader(bad)).toBe(Language.FR);
    }
    for (const good of ['en', 'fr-FR', 'zh-Hant-TW;q=0.3', 'en-GB , en ; q=0.9', '*', 'de-CH-1996;q=1.000']) expect(isAcceptLanguage(good)).toBe(true);
  });
});
