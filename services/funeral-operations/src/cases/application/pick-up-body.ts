import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { FieldCipher, InjectClock, Principal } from '@civil/platform';
import { FuneralCase, move } from '../domain/funeral-case';
import { CaseMoves } from './case-moves';

export interface PickUp {
  place: string;
  why?: string;
  /** Infectious protocol: the CDC (疾控) staff the body is handled with. */
  cdc?: { organisation: string; contactName: string; contactPhone: string };
}

/** Records the pick-up of the body; an infectious one only together with the CDC (its contact stored encrypted). */
@Injectable()
export class PickUpBody {
  constructor(
    private readonly moves: CaseMoves,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(caseId: string, input: PickUp, by: Principal): Promise<FuneralCase> {
    const { current, home } = await this.moves.load(caseId, by, 'picked-up');
    const c = current.value;
    const now = this.clock.now();
    if (c.infectious && !input.cdc && !c.cdc) {
      throw DomainError.conflict(
        'CdcHandoverRequired',
        'infectious protocol: the body is picked up together with the CDC (疾控); record the CDC contact (cdc)',
      );
    }
    const cdc = input.cdc
      ? {
          organisation: input.cdc.organisation,
          contactName: this.cipher.encrypt(input.cdc.contactName),
          contactPhone: this.cipher.encrypt(input.cdc.contactPhone),
          at: now,
          recordedBy: by.sub,
        }
      : c.cdc;
    const why = input.why ?? `遗体接运（${input.place}）${c.infectious ? '，会同疾控处置' : ''}`;
    const next = move(c, 'picked-up', { where: { kind: 'vehicle', ref: c.vehicleId ?? home.homeId }, who: by.sub, at: now, why }, { cdc });
    return this.moves.commitOrUndo(current, next);
  }
}
