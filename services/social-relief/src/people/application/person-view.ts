import { RELIEF_REGISTER_LABELS } from '@civil/contracts';
import { ageOn, currentRegisters, Person } from '../domain/person';

/** What screens show of a person: masked name, ID number and phone, age, registers. */
export function personView(p: Person, today: string) {
  const registers = currentRegisters(p.memberships);
  return {
    personId: p.personId,
    name: p.nameMasked,
    idNumber: p.idNumberMasked,
    phone: p.phoneMasked,
    age: ageOn(p.birthDate, today),
    sex: p.sex,
    divisionCode: p.divisionCode,
    registers,
    registerLabels: registers.map((r) => RELIEF_REGISTER_LABELS[r]),
    memberships: p.memberships,
  };
}
