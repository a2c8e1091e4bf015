import { IsISO31661Alpha2, IsISO4217CurrencyCode, IsNumberString, IsOptional, MaxLength } from 'class-validator';
import { Directive, Field, Float, InputType, ObjectType } from 'type-graphql';

/*
 * Value types several subgraphs return. They are @shareable and defined once here so that every
 * subgraph's copy is identical (composition requires it). Entities store them in plain columns and
 * build them in resolvers (or use TypeORM embedded columns).
 */

@ObjectType({ description: 'An exact amount of money: decimal string and ISO 4217 currency.' })
@Directive('@shareable')
export class Money {
  @Field({ description: 'Exact decimal amount as a string, e.g. "150000000.00" (never a float).' })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code, e.g. EUR.' })
  currency!: string;
}

@InputType({ description: 'An exact amount of money.' })
export class MoneyInput {
  @Field({ description: 'Decimal amount as a string with at most 2 decimals, e.g. "1200.50".' })
  @IsNumberString({ no_symbols: false })
  @MaxLength(20)
  amount!: string;

  @Field({ description: 'ISO 4217 currency code.', defaultValue: 'EUR' })
  @IsISO4217CurrencyCode()
  currency!: string;
}

@ObjectType({ description: 'A postal address.' })
@Directive('@shareable')
export class Address {
  @Field(() => String, { nullable: true, description: 'Street and number.' })
  street!: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code.' })
  postalCode!: string | null;

  @Field(() => String, { nullable: true, description: 'City.' })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'Region, e.g. Île-de-France.' })
  region!: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2 country code.' })
  country!: string;

  @Field(() => Float, { nullable: true, description: 'WGS84 latitude.' })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS84 longitude.' })
  longitude!: number | null;
}

@InputType({ description: 'A postal address.' })
export class AddressInput {
  @Field(() => String, { nullable: true, description: 'Street and number.' })
  @IsOptional()
  @MaxLength(255)
  street?: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code.' })
  @IsOptional()
  @MaxLength(16)
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'City.' })
  @IsOptional()
  @MaxLength(128)
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'Region.' })
  @IsOptional()
  @MaxLength(128)
  region?: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2 country code.', defaultValue: 'FR' })
  @IsISO31661Alpha2()
  country!: string;

  @Field(() => Float, { nullable: true, description: 'WGS84 latitude.' })
  @IsOptional()
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS84 longitude.' })
  @IsOptional()
  longitude?: number | null;
}

@ObjectType({ description: 'A period of time; either end may be open.' })
@Directive('@shareable')
export class DateRange {
  @Field(() => Date, { nullable: true, description: 'Start (inclusive).' })
  start!: Date | null;

  @Field(() => Date, { nullable: true, description: 'End (inclusive); null while open.' })
  end!: Date | null;
}

@ObjectType({ description: 'A text in French and, where available, English.' })
@Directive('@shareable')
export class LocalizedText {
  @Field({ description: 'French text.' })
  fr!: string;

  @Field(() => String, { nullable: true, description: 'English text, when available.' })
  en!: string | null;
}
