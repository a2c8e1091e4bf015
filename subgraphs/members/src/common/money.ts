import { BadUserInputError, type Money, type MoneyInput } from '@ecosystem/shared';
import { type ValueTransformer } from 'typeorm';

/**
 * Amounts are stored as integer cents (BIGINT): exact on MySQL and on the embedded database, and
 * summable in SQL. The API speaks decimal strings ("1200.50") with a currency.
 */
export const centsTransformer: ValueTransformer = {
  to: (value: string | null | undefined) => value ?? null,
  from: (value: string | number | null) => (value === null || value === undefined ? null : String(value)),
};

/** "1200.5" -> 120050n; BAD_USER_INPUT on `field` when not a non-negative amount with at most 2 decimals. */
export function parseAmount(amount: string, field: string): bigint {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new BadUserInputError('amount must be a non-negative decimal with at most 2 decimals', field);
  return BigInt(match[1] as string) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

export function formatCents(cents: bigint | string | number): string {
  const value = BigInt(cents);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export function money(cents: string | null, currency: string): Money | null {
  return cents === null ? null : { amount: formatCents(cents), currency };
}

/** Parses a MoneyInput and checks its currency against an expected one. */
export function parseMoney(input: MoneyInput, field: string, currency?: string): { cents: bigint; currency: string } {
  const cents = parseAmount(input.amount, `${field}.amount`);
  const code = input.currency.toUpperCase();
  if (currency && code !== currency) throw new BadUserInputError(`currency must be ${currency}`, `${field}.currency`);
  return { cents, currency: code };
}
