import {
  normalizeFiness,
  normalizeOrcid,
  normalizeRna,
  normalizeRorId,
  normalizeSiren,
  normalizeSiret,
  withLuhnDigit,
} from '../identifiers';

describe('identifiers', () => {
  it('checks SIREN with Luhn', () => {
    expect(normalizeSiren('732 829 320')).toBe('732829320');
    expect(normalizeSiren('732829321')).toBeNull();
    expect(normalizeSiren('73282932')).toBeNull();
    expect(normalizeSiren('73282932A')).toBeNull();
  });

  it('checks SIRET with Luhn', () => {
    expect(normalizeSiret('732 829 320 00074')).toBe('73282932000074');
    expect(normalizeSiret('73282932000075')).toBeNull();
    expect(normalizeSiret('7328293200007')).toBeNull();
  });

  it('checks ROR ids, bare or as URL, with their checksum', () => {
    expect(normalizeRorId('02feahw73')).toBe('02feahw73');
    expect(normalizeRorId('https://ror.org/02vjkv261')).toBe('02vjkv261');
    expect(normalizeRorId('02kvxyf05')).toBe('02kvxyf05');
    expect(normalizeRorId('013cjyk83')).toBe('013cjyk83');
    expect(normalizeRorId('02feahw74')).toBeNull();
    expect(normalizeRorId('12feahw73')).toBeNull();
    expect(normalizeRorId('02feahu73')).toBeNull();
  });

  it('checks FINESS, RNA and ORCID formats', () => {
    expect(normalizeFiness('750712184')).toBe('750712184');
    expect(normalizeFiness('2A0000010')).toBe('2A0000010');
    expect(normalizeFiness('75071218')).toBeNull();
    expect(normalizeRna('W751234567')).toBe('W751234567');
    expect(normalizeRna('X751234567')).toBeNull();
    expect(normalizeOrcid('0000-0002-1825-0097')).toBe('0000-0002-1825-0097');
    expect(normalizeOrcid('0000-0002-1694-233X')).toBe('0000-0002-1694-233X');
    expect(normalizeOrcid('0000-0002-1825-0098')).toBeNull();
  });

  it('builds Luhn-valid numbers', () => {
    expect(normalizeSiren(withLuhnDigit('12345678'))).not.toBeNull();
  });
});
