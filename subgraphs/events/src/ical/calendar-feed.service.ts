import { createHash, randomBytes } from 'node:crypto';
import { authorizeMutation, newId, requireViewer, type Viewer, runTransaction } from '@ecosystem/shared';
import { IsNull, type DataSource } from 'typeorm';
import { notFound } from '../common/authorization';
import { CalendarFeed } from './calendar-feed.entity';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Private feeds of a person's registrations: a random token in the URL, stored hashed, revocable. */
export class CalendarFeedService {
  constructor(private readonly dataSource: DataSource) {}

  async create(viewer: Viewer | null, now = new Date()): Promise<{ feed: CalendarFeed; token: string }> {
    const who = requireViewer(viewer);
    const token = randomBytes(32).toString('base64url');
    const feed = Object.assign(new CalendarFeed(), {
      id: newId(),
      personId: who.sub,
      tokenHash: hashToken(token),
      createdAt: now,
      revokedAt: null,
    });
    await runTransaction(this.dataSource, (manager) => manager.insert(CalendarFeed, feed));
    return { feed, token };
  }

  async revoke(id: string, viewer: Viewer | null, now = new Date()): Promise<CalendarFeed> {
    const who = requireViewer(viewer);
    const feed = await this.dataSource.getRepository(CalendarFeed).findOneBy({ id });
    if (!feed) throw notFound('CalendarFeed', id, 'id');
    authorizeMutation(who, 'revokeCalendarFeed', { personId: feed.personId }, 'Not your calendar feed');
    if (!feed.revokedAt) {
      await runTransaction(this.dataSource, (manager) =>
        manager.update(CalendarFeed, { id, revokedAt: IsNull() }, { revokedAt: now }),
      );
      feed.revokedAt = now;
    }
    return feed;
  }

  async mine(viewer: Viewer | null): Promise<CalendarFeed[]> {
    const who = requireViewer(viewer);
    return this.dataSource.getRepository(CalendarFeed).find({ where: { personId: who.sub }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** The person behind a live token, or null (unknown or revoked). */
  async personForToken(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const feed = await this.dataSource.getRepository(CalendarFeed).findOneBy({ tokenHash: hashToken(token), revokedAt: IsNull() });
    return feed?.personId ?? null;
  }
}
