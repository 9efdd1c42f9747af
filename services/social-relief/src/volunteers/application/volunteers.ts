import { Injectable } from '@nestjs/common';
import { Clock, DomainError, divisionAncestors, maskName } from '@civil/kernel';
import { assertCovers, assertFoundWithin, FieldCipher, InjectClock, Principal } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import { Volunteer, VOLUNTEER_KIND_LABELS, VolunteerKind } from '../domain/volunteer';
import { VolunteerRepository } from '../infrastructure/volunteer.repository';

export const volunteerNotFound = (volunteerId: string) =>
  DomainError.notFound('VolunteerNotFound', `no volunteer ${volunteerId}`, { volunteerId, field: 'volunteerId' });

export function volunteerView(v: Volunteer) {
  return {
    volunteerId: v.volunteerId,
    kind: v.kind,
    kindLabel: VOLUNTEER_KIND_LABELS[v.kind],
    divisionCode: v.divisionCode,
    nameMasked: v.nameMasked,
    organisation: v.organisation,
    registeredAt: v.registeredAt,
  };
}

/** Registers social organisations, social workers and volunteers per division, and lists them (masked). */
@Injectable()
export class Volunteers {
  constructor(
    private readonly volunteers: VolunteerRepository,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async register(input: { kind: VolunteerKind; name: string; divisionCode: string; organisation?: string }, by: Principal) {
    assertCovers(by, input.divisionCode);
    const v: Volunteer = {
      volunteerId: `vol-${input.divisionCode}-${randomUUID().replace(/-/g, '').slice(0, 12)}`,
      kind: input.kind,
      divisionCode: input.divisionCode,
      divisionAncestors: divisionAncestors(input.divisionCode),
      nameEnc: this.cipher.encrypt(input.name),
      nameMasked: maskName(input.name),
      organisation: input.organisation ?? null,
      registeredAt: this.clock.now(),
      registeredBy: by.sub,
    };
    await this.volunteers.store.create(v, []);
    return volunteerView(v);
  }

  async list(query: { divisionCode?: string; kind?: VolunteerKind }, by: Principal) {
    const divisionCode = query.divisionCode ?? by.jurisdiction;
    assertCovers(by, divisionCode);
    return { items: (await this.volunteers.within(divisionCode, query.kind, 500)).map(volunteerView) };
  }

  async one(volunteerId: string, by: Principal) {
    const v = (await this.volunteers.get(volunteerId))?.value;
    if (!v) throw volunteerNotFound(volunteerId);
    assertFoundWithin(by, () => volunteerNotFound(volunteerId), v.divisionCode);
    return volunteerView(v);
  }
}
