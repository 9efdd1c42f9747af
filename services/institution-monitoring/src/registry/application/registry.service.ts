import { Injectable } from '@nestjs/common';
import { InstitutionRegisteredV1, InstitutionUpdatedV1 } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { outboxEntry, OutboxRelay } from '@civil/messaging';
import { assertCovers, assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { unitNotFound } from './unit-directory';
import { Institution, InstitutionFields, registerInstitution, RegisterInstitution, updateInstitution } from '../domain/institution';
import { AuditEntry, InstitutionRepository } from '../infrastructure/institution.repository';

const CAS_ATTEMPTS = 5;

/** Registration, edits and reads of the registry, each edit audited and published. */
@Injectable()
export class RegistryService {
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
    const audit: AuditEntry = { at: now, by: by.sub, action: 'registered' };
    if (!(await this.institutions.insert(institution, [event], audit))) {
      throw DomainError.conflict('UnitAlreadyRegistered', `unit ${institution.unitId} is already registered`);
    }
    this.relay.notifyWritten(InstitutionRepository.COLLECTION, [{ docId: institution.unitId, entries: [event] }]);
    return institution;
  }

  /** Edits registry fields; a move to another division needs both old and new in the caller's reach. */
  async update(unitId: string, patch: Partial<InstitutionFields>, by: Principal): Promise<Institution> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.institutions.getVersioned(unitId);
      if (!current) throw unitNotFound(unitId);
      assertFoundWithin(by, () => unitNotFound(unitId), current.value.divisionCode, unitId);
      const now = this.clock.now();
      const change = updateInstitution(current.value, patch);
      if (change.changedFields.includes('divisionCode')) assertCovers(by, change.after.divisionCode);
      const u = change.after;
      const event = outboxEntry(
        InstitutionUpdatedV1,
        {
          unitId,
          unitType: u.unitType,
          divisionCode: u.divisionCode,
          name: u.name,
          operator: u.operator,
          beds: u.beds,
          bedsInUse: u.bedsInUse,
          isolationRooms: u.isolationRooms,
          pairedMedicalInstitution: u.pairedMedicalInstitution,
          changedFields: change.changedFields,
          registryVersion: current.version + 1,
          updatedAt: now.toISOString(),
        },
        { time: now },
      );
      const audit: AuditEntry = { at: now, by: by.sub, action: 'updated', before: change.before, after: change.changes };
      if (await this.institutions.save(current, u, [event], audit)) {
        this.relay.notifyWritten(InstitutionRepository.COLLECTION, [{ docId: unitId, entries: [event] }]);
        return u;
      }
    }
    throw DomainError.conflict('ConcurrentUpdate', `unit ${unitId} kept changing while it was edited; try again`);
  }

  /** A unit the caller may see: its own unit for unit staff, a unit inside the jurisdiction for officers. */
  async get(unitId: string, by: Principal): Promise<Institution> {
    const unit = await this.institutions.get(unitId);
    if (!unit) throw unitNotFound(unitId);
    assertFoundWithin(by, () => unitNotFound(unitId), unit.divisionCode, unit.unitId);
    return unit;
  }

  async auditTrail(unitId: string, by: Principal): Promise<AuditEntry[]> {
    await this.get(unitId, by);
    return (await this.institutions.auditTrail(unitId)) ?? [];
  }
}
