import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { CapacityEpisodes } from '../../scheduling/application/capacity-episodes';
import { CremationScheduler } from '../../scheduling/application/cremation-scheduler';
import { CustodyClaimsRepository, slotClaim, vehicleClaim } from '../../scheduling/infrastructure/custody-claims.repository';
import { FuneralCase, move } from '../domain/funeral-case';
import { CaseMoves } from './case-moves';

/** Cancels the case: its vehicle, slot and cremation booking are freed and the home's capacity evaluated. */
@Injectable()
export class CancelCase {
  constructor(
    private readonly moves: CaseMoves,
    private readonly scheduler: CremationScheduler,
    private readonly claims: CustodyClaimsRepository,
    private readonly capacity: CapacityEpisodes,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(caseId: string, reason: string, by: Principal): Promise<FuneralCase> {
    const { current, home } = await this.moves.load(caseId, by, 'cancelled');
    const c = current.value;
    const now = this.clock.now();
    const next = move(
      c,
      'cancelled',
      { where: { kind: 'none', ref: '-' }, who: by.sub, at: now, why: reason },
      { cancellation: { reason, at: now, by: by.sub } },
    );
    const saved = await this.moves.commitOrUndo(current, next);
    if (c.vehicleId) await this.claims.release(vehicleClaim(home.homeId, c.vehicleId), caseId);
    if (c.slot) await this.claims.release(slotClaim(home.homeId, c.slot), caseId);
    if (c.cremation) await this.scheduler.unbook(home.homeId, c.cremation.day, caseId);
    await this.capacity.afterChange(home.homeId);
    return saved;
  }
}
