import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { assertCovers, assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { unitNotFound } from './unit-directory';
import { Institution, InstitutionFields, registerInstitution, RegisterInstitution, updateInstitution } from '../domain/institution';
import { AuditEntry, InstitutionRepository, presented } from '../infrastructure/institution.repository';

/** Registration, edits and reads of the registry, each edit audited and published. */
@Injectable()
export class RegistryService {
  constructor(
    private readonly institutions: InstitutionRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async register(input: RegisterInstitution, by: Principal): Promise<Institution> {
    assertCovers(by, input.divisionCode);
    const now = this.clock.now();
    const institution = registerInstitution(input, now);
    const audit: AuditEntry = { at: now, by: by.sub, action: 'registered' };
    if (!(await this.institutions.store.create(institution, [{ type: 'registered', at: now }], { audit }))) {
      throw DomainError.conflict('UnitAlreadyRegistered', `unit ${institution.unitId} is already registered`);
    }
    return institution;
  }

  /** Edits registry fields; a move to another division needs both old and new in the caller's reach. */
  async update(unitId: string, patch: Partial<InstitutionFields>, by: Principal): Promise<Institution> {
    const { state } = await this.institutions.store.change(
      unitId,
      (current, version) => {
        assertFoundWithin(by, () => unitNotFound(unitId), current.divisionCode, unitId);
        const now = this.clock.now();
        const change = updateInstitution(current, patch);
        if (change.changedFields.includes('divisionCode')) assertCovers(by, change.after.divisionCode);
        const audit: AuditEntry = { at: now, by: by.sub, action: 'updated', before: change.before, after: change.changes };
        return {
          next: change.after,
          changes: [{ type: 'updated', at: now, changedFields: change.changedFields, registryVersion: version + 1 }],
          push: { audit },
        };
      },
      () => unitNotFound(unitId),
    );
    return presented(state);
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
