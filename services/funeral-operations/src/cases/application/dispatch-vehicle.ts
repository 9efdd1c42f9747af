import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { CustodyClaimsRepository, vehicleClaim } from '../../scheduling/infrastructure/custody-claims.repository';
import { FuneralCase, move } from '../domain/funeral-case';
import { CaseMoves } from './case-moves';

/** Dispatches a vehicle to the case: one in service and not on another run (its claim). */
@Injectable()
export class DispatchVehicle {
  constructor(
    private readonly moves: CaseMoves,
    private readonly claims: CustodyClaimsRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(caseId: string, vehicleId: string, why: string | undefined, by: Principal): Promise<FuneralCase> {
    const { current, home } = await this.moves.load(caseId, by, 'dispatched');
    const vehicle = home.equipment.find((e) => e.equipmentId === vehicleId);
    if (!vehicle || vehicle.kind !== 'vehicle')
      throw DomainError.invalid('NotAVehicle', `${vehicleId} is not a vehicle of home ${home.homeId}`, { field: 'vehicleId' });
    if (!vehicle.inService)
      throw DomainError.conflict(
        'VehicleOutOfService',
        `vehicle ${vehicleId} is out of service (open fault ${vehicle.openFaultId ?? 'unknown'}); dispatch another`,
        { vehicleId },
      );
    const now = this.clock.now();
    if (
      !(await this.claims.claim(
        vehicleClaim(home.homeId, vehicleId),
        caseId,
        home.homeId,
        now,
        this.moves.staleClaim(home.homeId, 'vehicle', vehicleId),
      ))
    ) {
      throw DomainError.conflict('VehicleOnAnotherRun', `vehicle ${vehicleId} is on another run; dispatch another`, { vehicleId });
    }
    const next = move(
      current.value,
      'dispatched',
      { where: { kind: 'vehicle', ref: vehicleId }, who: by.sub, at: now, why: why ?? '派车接运' },
      { vehicleId },
    );
    return this.moves.commitOrUndo(current, next, () => this.claims.release(vehicleClaim(home.homeId, vehicleId), caseId));
  }
}
