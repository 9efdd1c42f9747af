import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { assertCovers, assertFoundWithin, FieldCipher, InjectClock, Principal } from '@civil/platform';
import {
  addEquipment,
  addExtension,
  addStaff,
  crematorHoursOn,
  DailyHours,
  Equipment,
  FuneralHome,
  HoursExtension,
  newHome,
  NewStaffMember,
  setInService,
} from '../domain/funeral-home';
import { FuneralHomeRepository } from '../infrastructure/funeral-home.repository';

/** Unknown, or outside the caller's reach: the same answer. */
const homeNotFound = (homeId: string) => DomainError.notFound('HomeNotFound', `no funeral home ${homeId}`, { homeId });

/**
 * Funeral homes and their equipment, and how the other capabilities find them: `homeFor` scopes
 * to the caller (home staff: their own home; officers: inside their division).
 */
@Injectable()
export class HomeDirectory {
  constructor(
    private readonly homes: FuneralHomeRepository,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async register(input: Parameters<typeof newHome>[0], by: Principal): Promise<FuneralHome> {
    assertCovers(by, input.divisionCode);
    const home = newHome(input, this.clock.now());
    if (!(await this.homes.store.create(home, [])))
      throw DomainError.conflict('HomeExists', `funeral home ${input.homeId} is already registered`);
    return home;
  }

  async get(homeId: string): Promise<FuneralHome | undefined> {
    return (await this.homes.get(homeId))?.value;
  }

  /** The home, if the caller may act on it: 404 when it is unknown and, the same answer, outside the caller's reach. */
  async homeFor(homeId: string, by: Principal): Promise<FuneralHome> {
    const home = await this.get(homeId);
    if (!home) throw homeNotFound(homeId);
    assertFoundWithin(by, () => homeNotFound(homeId), home.divisionCode, home.homeId);
    return home;
  }

  inRegion(divisionCode: string): Promise<FuneralHome[]> {
    return this.homes.inRegion(divisionCode);
  }

  all(): Promise<FuneralHome[]> {
    return this.homes.all();
  }

  addEquipment(homeId: string, e: Omit<Equipment, 'inService' | 'openFaultId' | 'openFaultIds'>, by: Principal): Promise<FuneralHome> {
    return this.change(homeId, by, (h) => addEquipment(h, e));
  }

  addStaff(homeId: string, s: NewStaffMember, by: Principal): Promise<FuneralHome> {
    return this.change(homeId, by, (h) => addStaff(h, s, (plain) => this.cipher.encrypt(plain)));
  }

  /** 延长火化时间: an order widening cremation hours for some days. */
  extendHours(homeId: string, ext: Omit<HoursExtension, 'orderedBy' | 'orderedAt'>, by: Principal): Promise<FuneralHome> {
    return this.change(homeId, by, (h) => addExtension(h, { ...ext, orderedBy: by.sub, orderedAt: this.clock.now() }));
  }

  updateCapacity(
    homeId: string,
    patch: Partial<Pick<FuneralHome, 'coldStorageSlots' | 'bodyCarts' | 'crowdedAreas' | 'openingHours' | 'name'>>,
    by: Principal,
  ): Promise<FuneralHome> {
    return this.change(homeId, by, (h) => ({ ...h, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) }));
  }

  /** For maintenance: a fault takes equipment out of service, its repair takes it off the open set (idempotent). */
  setInService(homeId: string, equipmentId: string, inService: boolean, faultId: string | null): Promise<FuneralHome> {
    return this.change(homeId, null, (h) => setInService(h, equipmentId, inService, faultId));
  }

  /** A cremator's hours on a day, extension orders included; null for other equipment. */
  crematorHoursOn(home: FuneralHome, crematorId: string, day: string): DailyHours | null {
    return crematorHoursOn(home, crematorId, day);
  }

  private async change(homeId: string, by: Principal | null, update: (h: FuneralHome) => FuneralHome): Promise<FuneralHome> {
    const notFound = () => homeNotFound(homeId);
    const { state } = await this.homes.store.change(
      homeId,
      (current) => {
        if (by) assertFoundWithin(by, notFound, current.divisionCode, homeId);
        return { next: update(current), changes: [] };
      },
      notFound,
    );
    return state;
  }
}
