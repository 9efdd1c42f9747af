import { Injectable } from '@nestjs/common';
import { Clock, DomainError, maskName } from '@civil/kernel';
import { FieldCipher, InjectClock, Principal } from '@civil/platform';
import { FuneralCase, move } from '../domain/funeral-case';
import { CaseMoves } from './case-moves';

export interface RemainsReceipt {
  receiver: { name: string; phone: string };
  relation: string;
  at?: Date;
}

/** Hands the remains over to their receiver (name and phone stored encrypted, the log shows the name masked). */
@Injectable()
export class ReleaseRemains {
  constructor(
    private readonly moves: CaseMoves,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(caseId: string, input: RemainsReceipt, by: Principal): Promise<FuneralCase> {
    const { current } = await this.moves.load(caseId, by, 'released');
    const now = this.clock.now();
    const at = input.at ?? now;
    if (at > now) throw DomainError.invalid('AtInFuture', 'at must not be in the future', { field: 'at' });
    const to = { name: this.cipher.encrypt(input.receiver.name), idNumber: null, phone: this.cipher.encrypt(input.receiver.phone) };
    const next = move(
      current.value,
      'released',
      { where: { kind: 'receiver', ref: maskName(input.receiver.name) }, who: by.sub, at: now, why: `骨灰交付（${input.relation}）` },
      { release: { to, relation: input.relation, at, by: by.sub } },
    );
    return this.moves.commitOrUndo(current, next);
  }
}
