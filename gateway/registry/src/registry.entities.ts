import { Column, type ColumnOptions, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/*
 * The registry's tables, in the gateway's own database (`<prefix>_gateway` on MySQL, `gateway.sqlite`
 * embedded). SDL and supergraphs can exceed MySQL's 64 KB TEXT, so those columns are LONGTEXT on MySQL
 * and TEXT on SQLite (which has no LONGTEXT): `selectLongTextType` picks the type before the data
 * source is built (TypeORM keeps the decorator's options object by reference).
 */
const longTextColumns: ColumnOptions[] = [];

/**
 * Lengths of the registry's stored text columns that callers fill: the admin API refuses longer input
 * (400 with the field) before writing, rather than the database failing the insert.
 */
export const STORED_TEXT_LENGTH = {
  routingUrl: 500,
  ownerOrg: 64,
  credentialLabel: 200,
  /** The JSON list of a credential's subgraph names. */
  credentialSubgraphs: 1000,
} as const;

function LongTextColumn(options: Pick<ColumnOptions, 'nullable'> = {}): PropertyDecorator {
  const columnOptions: ColumnOptions = { type: 'text', ...options };
  longTextColumns.push(columnOptions);
  return Column(columnOptions);
}

/** Must run before a data source over the registry entities is initialised. */
export function selectLongTextType(kind: 'mysql' | 'embedded'): void {
  for (const options of longTextColumns) options.type = kind === 'mysql' ? 'longtext' : 'text';
}

/** Life of a registered subgraph. */
export const SubgraphStatus = {
  /** Part of the serving supergraph. */
  ACTIVE: 'ACTIVE',
  /** Removed by its owner or an admin; kept for history. */
  REMOVED: 'REMOVED',
} as const;
export type SubgraphStatus = (typeof SubgraphStatus)[keyof typeof SubgraphStatus];

/** A partner subgraph known to the registry (the core subgraphs come from the configuration). */
@Entity('registered_subgraph')
export class RegisteredSubgraph {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'routing_url', type: 'varchar', length: STORED_TEXT_LENGTH.routingUrl })
  routingUrl!: string;

  /** Organisation (members subgraph id) that owns the subgraph, when known. */
  @Column({ name: 'owner_org', type: 'varchar', length: STORED_TEXT_LENGTH.ownerOrg, nullable: true })
  ownerOrg!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: SubgraphStatus;

  @LongTextColumn()
  sdl!: string;

  /** Version of the last accepted publication (1, 2, ...). */
  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

/** Every accepted SDL of every partner subgraph. */
@Entity('subgraph_version')
@Index('subgraph_version_name_version', ['subgraphName', 'version'], { unique: true })
export class SubgraphVersion {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'subgraph_name', type: 'varchar', length: 64 })
  subgraphName!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'routing_url', type: 'varchar', length: STORED_TEXT_LENGTH.routingUrl })
  routingUrl!: string;

  @LongTextColumn()
  sdl!: string;

  @Column({ name: 'published_by', type: 'varchar', length: 120 })
  publishedBy!: string;

  @Column({ name: 'published_at', type: 'datetime' })
  publishedAt!: Date;
}

/** One subgraph in an accepted supergraph: enough to rebuild (roll back to) that supergraph. */
export interface ManifestEntry {
  name: string;
  url: string;
  sdl: string;
  /** `core` subgraphs come from the configuration; `partner` ones from the registry. */
  kind: 'core' | 'partner';
  /** The partner subgraph's version at that time. */
  version?: number;
}

/** An accepted supergraph. The highest version is the one every gateway replica serves. */
@Entity('supergraph_version')
export class SupergraphVersion {
  @PrimaryColumn({ type: 'int' })
  version!: number;

  /** sha256 of the supergraph SDL. */
  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @LongTextColumn()
  sdl!: string;

  /** JSON `ManifestEntry[]`. */
  @LongTextColumn()
  manifest!: string;

  /** Why it was accepted: `publish campus-x`, `rollback to 3`, `core refresh`, ... */
  @Column({ type: 'varchar', length: 200 })
  reason!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 120 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}

/** What happened to a publication, a removal or a rollback. */
export const PublicationOutcome = {
  ACCEPTED: 'ACCEPTED',
  REFUSED: 'REFUSED',
} as const;
export type PublicationOutcome = (typeof PublicationOutcome)[keyof typeof PublicationOutcome];

/** The publication log: every attempt to change the graph, accepted or refused (not the dry-run checks). */
@Entity('publication_log')
@Index('publication_log_subgraph', ['subgraphName', 'id'])
export class PublicationLogEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  /** `publish`, `remove`, `rollback`, `refresh`. */
  @Column({ type: 'varchar', length: 16 })
  action!: string;

  @Column({ name: 'subgraph_name', type: 'varchar', length: 64, nullable: true })
  subgraphName!: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome!: PublicationOutcome;

  @Column({ type: 'varchar', length: 120 })
  actor!: string;

  @Column({ type: 'boolean', default: false })
  forced!: boolean;

  /** The supergraph version it produced, when accepted. */
  @Column({ name: 'supergraph_version', type: 'int', nullable: true })
  supergraphVersion!: number | null;

  /** JSON list of the check problems (refusals) and warnings. */
  @LongTextColumn()
  report!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}

/** An operation clients sent, recorded by the gateway (bounded, batched writes). */
@Entity('operation_signature')
@Index('operation_signature_last_seen', ['lastSeen'])
export class OperationSignature {
  /** sha256 of the normalised signature. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ name: 'operation_name', type: 'varchar', length: 200, nullable: true })
  operationName!: string | null;

  /** Normalised signature: literals hidden, whitespace reduced, fields sorted (Apollo's usage signature). */
  @LongTextColumn()
  signature!: string;

  /** The last document text seen for it: validated against candidate schemas, and planned to warm the cache. */
  @LongTextColumn()
  document!: string;

  @Column({ name: 'first_seen', type: 'datetime' })
  firstSeen!: Date;

  @Column({ name: 'last_seen', type: 'datetime' })
  lastSeen!: Date;
}

/** A partner's API key, stored hashed; scoped to the subgraph names an admin approved. */
@Entity('partner_credential')
export class PartnerCredential {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** sha256 of the key. */
  @Column({ name: 'key_hash', type: 'varchar', length: 64, unique: true })
  keyHash!: string;

  /** Who it is for (free text: campus name, contact). */
  @Column({ type: 'varchar', length: STORED_TEXT_LENGTH.credentialLabel })
  label!: string;

  @Column({ name: 'owner_org', type: 'varchar', length: STORED_TEXT_LENGTH.ownerOrg, nullable: true })
  ownerOrg!: string | null;

  /** JSON list of the subgraph names the key may publish, check and remove. */
  @Column({ type: 'varchar', length: STORED_TEXT_LENGTH.credentialSubgraphs })
  subgraphs!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 120 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt!: Date | null;
}

export const registryEntities = [
  RegisteredSubgraph,
  SubgraphVersion,
  SupergraphVersion,
  PublicationLogEntry,
  OperationSignature,
  PartnerCredential,
];
