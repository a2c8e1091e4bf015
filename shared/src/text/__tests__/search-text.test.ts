import { foldForSearch, prefixPattern, searchWords } from '../search-text';

describe('searchWords', () => {
  it('gives the distinct folded words of the parts, cut to 64 characters', () => {
    expect(searchWords('Télécom Paris', 'TÉLÉCOM')).toEqual(['telecom', 'paris']);
    expect(searchWords('Caisse nationale de l\u2019Assurance Maladie', null)).toEqual(['caisse', 'nationale', 'de', 'l', 'assurance', 'maladie']);
    expect(searchWords('%_ !', undefined)).toEqual([]);
    expect(searchWords(`${'a'.repeat(70)} ${'a'.repeat(64)}b`)).toEqual(['a'.repeat(64)]);
  });

  it('splits exactly where foldForSearch puts spaces', () => {
    const text = 'Hôpital Saint-Joseph & Saint-Luc (Lyon) 3DS';
    expect(searchWords(text).join(' ')).toBe([...new Set(foldForSearch(text).split(' '))].join(' '));
  });
});

describe('prefixPattern', () => {
  it('escapes LIKE wildcards and the escape character with !, and appends %', () => {
    expect(prefixPattern('sant')).toBe('sant%');
    expect(prefixPattern('a%b_c!d\\e')).toBe('a!%b!_c!!d\\e%');
  });
});
