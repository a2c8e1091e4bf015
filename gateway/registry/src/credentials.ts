import { createHash, randomBytes } from 'node:crypto';
import { BadUserInputError, newId, NotFoundError } from '@ecosystem/shared';
import { type DataSource, IsNull } from 'typeorm';
import { assertAdmin, assertValidName, type RegistryActor } from './actor';
import { type OwnershipPolicy } from './policy';
import { PartnerCredential, STORED_TEXT_LENGTH } from './registry.entities';

const KEY_PREFIX = 'egk_';

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Partner credentials: API keys an admin grants for named subgraphs. Only a key's hash is stored;
 * the key is shown once, when granted.
 */
export class CredentialService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: OwnershipPolicy,
  ) {}

  /** A new partner API key for `subgraphs` (the admin's approval of those names). Shown once. */
  async grant(actor: RegistryActor, input: { label: string; subgraphs: string[]; ownerOrg?: string | undefined }): Promise<{ id: string; key: string }> {
    assertAdmin(actor, 'grant partner credentials');
    if (!input.label?.trim()) throw new BadUserInputError('A label (who the key is for) is required', 'label');
    if (!Array.isArray(input.subgraphs) || input.subgraphs.length === 0) {
      throw new BadUserInputError('List at least one subgraph name the key may publish', 'subgraphs');
    }
    for (const name of input.subgraphs) assertValidName(this.policy, name, 'subgraphs');
    const subgraphs = JSON.stringify([...new Set(input.subgraphs)]);
    if (subgraphs.length > STORED_TEXT_LENGTH.credentialSubgraphs) {
      throw new BadUserInputError(
        `The subgraph names must fit ${STORED_TEXT_LENGTH.credentialSubgraphs} characters as a JSON list (${subgraphs.length} sent); grant several keys instead`,
        'subgraphs',
      );
    }
    const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
    const id = newId();
    await this.dataSource.getRepository(PartnerCredential).insert({
      id,
      keyHash: sha256(key),
      label: input.label.trim(),
      ownerOrg: input.ownerOrg ?? null,
      subgraphs,
      createdBy: actor.id,
      createdAt: new Date(),
      revokedAt: null,
    });
    return { id, key };
  }

  async revoke(actor: RegistryActor, id: string): Promise<void> {
    assertAdmin(actor, 'revoke partner credentials');
    const result = await this.dataSource.getRepository(PartnerCredential).update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw new NotFoundError('Active partner credential', id);
  }

  static isApiKey(token: string): boolean {
    return token.startsWith(KEY_PREFIX);
  }

  /** The actor behind a partner API key, or null when unknown or revoked. */
  async authenticateKey(key: string): Promise<RegistryActor | null> {
    const row = await this.dataSource.getRepository(PartnerCredential).findOneBy({ keyHash: sha256(key), revokedAt: IsNull() });
    if (!row) return null;
    return { id: `key:${row.id}`, admin: false, subgraphs: JSON.parse(row.subgraphs) as string[], org: row.ownerOrg };
  }
}
