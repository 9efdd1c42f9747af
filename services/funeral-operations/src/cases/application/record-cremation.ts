import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { CapacityEpisodes } from '../../scheduling/application/capacity-episodes';
import { CremationScheduler } from '../../scheduling/application/cremation-scheduler';
import { CustodyClaimsRepository, slotClaim } from '../../scheduling/infrastructure/custody-claims.repository';
import { FuneralCase, move } from '../domain/funeral-case';
import { CaseMoves } from './case-moves';

export interface Cremate {
  operatorStaffId: string;
  crematorId?: string;
  startedAt: Date;
  endedAt: Date;
}

/**
 * Logs the cremation once it has ended (cremator in service, an active operator); the booking is
 * marked done, the cold-storage slot freed and the home's capacity evaluated.
 */
@Injectable()
export class RecordCremation {
  constructor(
    private readonly moves: CaseMoves,
    private readonly scheduler: CremationScheduler,
    private readonly claims: CustodyClaimsRepository,
    private readonly capacity: CapacityEpisodes,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(caseId: string, input: Cremate, by: Principal): Promise<FuneralCase> {
    const { current, home } = await this.moves.load(caseId, by, 'cremated');
    const c = current.value;
    const crematorId = input.crematorId ?? c.cremation!.crematorId;
    const cremator = home.equipment.find((e) => e.equipmentId === crematorId && e.kind === 'cremator');
    if (!cremator)
      throw DomainError.invalid('NotACremator', `${crematorId} is not a cremator of home ${home.homeId}`, { field: 'crematorId' });
    if (!cremator.inService)
      throw DomainError.conflict(
        'CrematorOutOfService',
        `cremator ${crematorId} is out of service (open fault ${cremator.openFaultId ?? 'unknown'})`,
      );
    const operator = home.staff.find((s) => s.staffId === input.operatorStaffId && s.active);
    if (!operator || operator.role !== 'operator')
      throw DomainError.invalid('NotAnOperator', `${input.operatorStaffId} is not an active cremation operator of home ${home.homeId}`, {
        field: 'operatorStaffId',
      });
    const now = this.clock.now();
    if (input.endedAt <= input.startedAt)
      throw DomainError.invalid('InvalidPeriod', 'endedAt must be after startedAt', { field: 'endedAt' });
    if (input.endedAt > now)
      throw DomainError.invalid('EndInFuture', 'endedAt must not be in the future: log a cremation once it has ended', {
        field: 'endedAt',
      });
    const why = `火化完成（${input.startedAt.toISOString()}–${input.endedAt.toISOString()}）`;
    const next = move(
      c,
      'cremated',
      { where: { kind: 'cremator', ref: crematorId }, who: input.operatorStaffId, at: now, why },
      {
        cremationLog: {
          crematorId,
          operatorStaffId: input.operatorStaffId,
          startedAt: input.startedAt,
          endedAt: input.endedAt,
          recordedBy: by.sub,
        },
      },
    );
    const saved = await this.moves.commitOrUndo(current, next);
    if (c.cremation) await this.scheduler.markDone(home.homeId, c.cremation.day, caseId, now);
    if (c.slot) await this.claims.release(slotClaim(home.homeId, c.slot), caseId);
    await this.capacity.afterChange(home.homeId);
    return saved;
  }
}
