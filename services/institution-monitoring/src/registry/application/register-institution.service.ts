import { Injectable } from '@nestjs/common';
import { InstitutionRegisteredV1 } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { outboxEntry, OutboxRelay } from '@civil/messaging';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { Institution, registerInstitution, RegisterInstitution } from '../domain/institution';
import { InstitutionRepository } from '../infrastructure/institution.repository';

@Injectable()
export class RegisterInstitutionService {
  constructor(
    private readonly institutions: InstitutionRepository,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async register(input: RegisterInstitution, by: Principal): Promise<Institution> {
    assertCovers(by, input.divisionCode);
    const now = this.clock.now();
    const institution = registerInstitution(input, now);
    const event = outboxEntry(
      InstitutionRegisteredV1,
      {
        unitId: institution.unitId,
        name: institution.name,
        unitType: institution.unitType,
        operator: institution.operator,
        divisionCode: institution.divisionCode,
        beds: institution.beds,
        bedsInUse: institution.bedsInUse,
        registeredAt: now.toISOString(),
      },
      { time: now },
    );
    if (!(await this.institutions.insert(institution, [event]))) {
      throw DomainError.conflict('UnitAlreadyRegistered', `unit ${institution.unitId} is already registered`);
    }
    this.relay.notifyWritten(InstitutionRepository.COLLECTION, [{ docId: institution.unitId, entries: [event] }]);
    return institution;
  }

  async get(unitId: string, by: Principal): Promise<Institution> {
    const unit = await this.institutions.get(unitId);
    if (!unit) throw DomainError.notFound('UnitNotFound', `no unit ${unitId} in the registry`);
    assertCovers(by, unit.divisionCode, unit.unitId);
    return unit;
  }
}
