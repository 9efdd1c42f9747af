import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { CustodyClaimsRepository, slotClaim } from '../../scheduling/infrastructure/custody-claims.repository';
import { FuneralCase, move } from '../domain/funeral-case';
import { CaseMoves } from './case-moves';

/** Puts the body in a free cold-storage slot (its claim); the vehicle's run ends. */
@Injectable()
export class StoreBody {
  constructor(
    private readonly moves: CaseMoves,
    private readonly claims: CustodyClaimsRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(caseId: string, slot: number, why: string | undefined, by: Principal): Promise<FuneralCase> {
    const { current, home } = await this.moves.load(caseId, by, 'stored');
    if (slot < 1 || slot > home.coldStorageSlots)
      throw DomainError.invalid('NoSuchSlot', `home ${home.homeId} has cold-storage slots 1–${home.coldStorageSlots}`, { field: 'slot' });
    const now = this.clock.now();
    const key = slotClaim(home.homeId, slot);
    if (!(await this.claims.claim(key, caseId, home.homeId, now, this.moves.staleClaim(home.homeId, 'slot', String(slot)))))
      throw DomainError.conflict('SlotOccupied', `cold-storage slot ${slot} already holds another case`, { slot });
    const next = move(
      current.value,
      'stored',
      { where: { kind: 'slot', ref: `${home.homeId}#${slot}` }, who: by.sub, at: now, why: why ?? '入冷藏柜' },
      { slot },
    );
    const saved = await this.moves.commitOrUndo(current, next, () => this.claims.release(key, caseId));
    await this.moves.endRun(home, saved);
    return saved;
  }
}
