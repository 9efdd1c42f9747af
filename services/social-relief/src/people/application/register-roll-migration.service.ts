import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { groupBy } from '@civil/kernel';
import { createLogger } from '@civil/platform';
import { rollBucketOf } from '../domain/register-roll';
import { PersonRepository } from '../infrastructure/person.repository';
import { RegisterRollRepository } from '../infrastructure/register-roll.repository';

/** People moved per batch: a batch writes each bucket it touches once. */
const BATCH = 20_000;
/** Looks through people at one start-up, at most. */
const MAX_PASSES = 3;

/**
 * Moves memberships that people's documents carried before the register roll existed onto the
 * roll, once, at start-up, before events are consumed or requests served. Safe to stop and start
 * again, and on replicas side by side: an entry goes on the roll only if the person is not there
 * yet (a register change since wrote a newer one), and the person's copy is dropped after. A
 * marker on the roll makes later start-ups skip the look through `persons`.
 *
 * ReliefStatusChanged events still waiting in people's documents move into the roll bucket's
 * outbox in the same write, so `persons` is no outbox any more and the relay never reads a
 * million people looking for events (a crash between the two writes publishes them twice, under
 * the same ids, which consumers de-duplicate).
 */
@Injectable()
export class RegisterRollMigration implements OnApplicationBootstrap {
  private readonly log = createLogger('social-relief', 'RegisterRollMigration');

  constructor(
    private readonly persons: PersonRepository,
    private readonly roll: RegisterRollRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.roll.migrated()) return;
    // the marker is written only after a pass that found nobody left: a person written the old
    // way meanwhile (an older replica still running) is moved by the next pass, not forgotten
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      if ((await this.movePass()) === 0) return this.roll.markMigrated(new Date());
    }
    this.log.warn(
      'people are still being written with memberships on their documents; the move runs again at the next start (stop replicas of older versions)',
      { passes: MAX_PASSES },
    );
  }

  /** One look through people written the old way; how many it found. */
  private async movePass(): Promise<number> {
    let moved = 0;
    for await (const batch of this.persons.withLegacyMemberships(BATCH)) {
      const byBucket = groupBy(
        batch.filter((p) => p.memberships.length > 0 || p.outbox.length > 0),
        (p) => rollBucketOf(p.personId),
      );
      for (const [bucket, members] of byBucket)
        await this.roll.putIfAbsent(
          bucket,
          members,
          members.flatMap((m) => m.outbox),
        );
      await this.persons.dropLegacyMemberships(batch);
      moved += batch.length;
      this.log.info('memberships moved onto the register roll', { people: moved });
    }
    return moved;
  }
}
