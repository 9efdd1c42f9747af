import { InstitutionRegisteredV1, InstitutionUpdated, InstitutionUpdatedV1 } from '@civil/contracts';
import { fromRegistered, fromUpdated, qualifiesForBedSubsidy } from './institution-copy';

const registered = { ...InstitutionRegisteredV1.example, operator: 'social-capital' as const };
const updated = (registryVersion: number, bedsInUse: number): InstitutionUpdated => ({
  ...InstitutionUpdatedV1.example,
  registryVersion,
  bedsInUse,
});

describe('institution copy', () => {
  it('creates the copy at version 1 and applies a redelivered registration once', () => {
    const copy = fromRegistered(undefined, registered, 's#1')!;
    expect(copy).toMatchObject({ unitId: registered.unitId, registryVersion: 1, bedsInUse: registered.bedsInUse, appliedEvents: ['s#1'] });
    expect(fromRegistered(copy, registered, 's#1')).toBeUndefined();
  });

  it('keeps the highest registry version: an older update arriving late changes nothing', () => {
    const v1 = fromRegistered(undefined, registered, 's#1')!;
    const v3 = fromUpdated(v1, updated(3, 300), 's#3')!;
    expect(v3).toMatchObject({ registryVersion: 3, bedsInUse: 300 });
    expect(fromUpdated(v3, updated(2, 200), 's#2')).toBeUndefined();
    expect(fromUpdated(v3, updated(3, 300), 's#3')).toBeUndefined();
    expect(fromUpdated(v3, updated(4, 310), 's#4')).toMatchObject({ registryVersion: 4, bedsInUse: 310 });
  });

  it('lets a registration arriving after an update keep the update’s fields', () => {
    const v3 = fromUpdated(undefined, updated(3, 300), 's#3')!;
    expect(fromRegistered(v3, registered, 's#1')).toMatchObject({ registryVersion: 3, bedsInUse: 300 });
  });

  it('gives the bed subsidy to social-capital elderly homes with beds in use; day-care centres only where the region includes them (seed 000)', () => {
    expect(qualifiesForBedSubsidy({ unitType: 'elderly-care-home', operator: 'social-capital', bedsInUse: 5 })).toBe(true);
    expect(qualifiesForBedSubsidy({ unitType: 'day-care-centre', operator: 'social-capital', bedsInUse: 5 })).toBe(false);
    expect(
      qualifiesForBedSubsidy({ unitType: 'day-care-centre', operator: 'social-capital', bedsInUse: 5 }, { includeDayCare: true }),
    ).toBe(true);
    expect(qualifiesForBedSubsidy({ unitType: 'elderly-care-home', operator: 'public', bedsInUse: 5 })).toBe(false);
    expect(qualifiesForBedSubsidy({ unitType: 'child-welfare-home', operator: 'social-capital', bedsInUse: 5 })).toBe(false);
    expect(qualifiesForBedSubsidy({ unitType: 'elderly-care-home', operator: 'social-capital', bedsInUse: 0 })).toBe(false);
  });
});
