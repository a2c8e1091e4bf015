/*
 * Checks of the public identifiers of French organisations and researchers. Each returns the
 * normalised value (spaces removed, canonical form) or null when the value is not valid.
 */

/** Luhn checksum over a string of digits (SIREN, SIRET). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const compact = (value: string): string => value.replace(/[\s.-]/g, '');

/** SIREN: 9 digits, Luhn. */
export function normalizeSiren(value: string): string | null {
  const siren = compact(value);
  return /^\d{9}$/.test(siren) && luhnValid(siren) ? siren : null;
}

/** SIRET: 14 digits (SIREN + NIC), Luhn. */
export function normalizeSiret(value: string): string | null {
  const siret = compact(value);
  return /^\d{14}$/.test(siret) && luhnValid(siret) ? siret : null;
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * ROR id: "0" + 6 Crockford base32 characters + a 2-digit ISO 7064 mod 97-10 checksum; accepted
 * bare or as https://ror.org/<id>, returned bare and lower-case.
 */
export function normalizeRorId(value: string): string | null {
  const id = value.trim().toLowerCase().replace(/^https?:\/\/ror\.org\//, '');
  const match = /^0([0-9a-hjkmnp-tv-z]{6})(\d{2})$/.exec(id);
  if (!match) return null;
  let n = 0n;
  for (const char of match[1] as string) n = n * 32n + BigInt(CROCKFORD.indexOf(char));
  const checksum = 98n - ((n * 100n) % 97n);
  return checksum === BigInt(match[2] as string) ? id : null;
}

/** FINESS: 9 characters, a department (2 digits, 2A or 2B) then 7 digits. */
export function normalizeFiness(value: string): string | null {
  const finess = compact(value).toUpperCase();
  return /^(\d{2}|2A|2B)\d{7}$/.test(finess) ? finess : null;
}

/** RNA (répertoire national des associations): W + 9 digits (or W + 3 digits + letter + 5 digits). */
export function normalizeRna(value: string): string | null {
  const rna = compact(value).toUpperCase();
  return /^W\d{3}[0-9A-Z]\d{5}$/.test(rna) ? rna : null;
}

/** ORCID iD: 16 characters in 4 groups, the last an ISO 7064 11,2 check character (0-9 or X). */
export function normalizeOrcid(value: string): string | null {
  const orcid = value.trim().toUpperCase().replace(/^HTTPS?:\/\/ORCID\.ORG\//, '');
  if (!/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(orcid)) return null;
  const digits = orcid.replace(/-/g, '');
  let total = 0;
  for (const char of digits.slice(0, 15)) total = (total + Number(char)) * 2;
  const result = (12 - (total % 11)) % 11;
  const check = result === 10 ? 'X' : String(result);
  return check === digits[15] ? orcid : null;
}

/** Appends the Luhn check digit to a string of digits (demo data generation). */
export function withLuhnDigit(digits: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${digits}${d}`)) return `${digits}${d}`;
  throw new Error('unreachable');
}
