import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import type { Role } from '@civil/platform';
import { CurrentPrincipal, FieldCipher, Principal, Roles } from '@civil/platform';
import { Institution } from '../../registry/domain/institution';
import { Resident } from '../domain/resident';
import { residentView } from '../application/resident-view';
import { AdmitResident } from '../application/admit-resident';
import { ClearSymptomCase } from '../application/clear-symptom-case';
import { DecideLeave } from '../application/decide-leave';
import { DepartOnLeave } from '../application/depart-on-leave';
import { DischargeResident } from '../application/discharge-resident';
import { ListResidents } from '../application/list-residents';
import { ReadResident } from '../application/read-resident';
import { RecordDeath } from '../application/record-death';
import { RecordTemperature } from '../application/record-temperature';
import { RecoverInPlace } from '../application/recover-in-place';
import { ReportSymptoms } from '../application/report-symptoms';
import { RequestLeave } from '../application/request-leave';
import { ReturnFromLeave } from '../application/return-from-leave';
import { TransferResident } from '../application/transfer-resident';
import { UnitResidents } from '../application/unit-residents';
import {
  RecoveryInPlaceRequest,
  AdmitResidentRequest,
  DeathRequest,
  LeaveDecisionRequest,
  LeaveRequestRequest,
  SymptomReportRequest,
  TemperatureReadingRequest,
  TransferRequest,
} from './residents.request.dto';

/** Who records what happens to residents: the unit's staff, or an officer on its behalf. */
const UNIT_RECORDERS: Role[] = ['unit-staff', 'township-officer', 'county-officer', 'admin'];
/** Leave is approved by township and county civil-affairs officers, never by the unit itself. */
const LEAVE_APPROVERS: Role[] = ['township-officer', 'county-officer', 'admin'];
const READERS: Role[] = ['unit-staff', 'township-officer', 'county-officer', 'city-officer', 'province-officer', 'inspector', 'admin'];

const BASE = 'institutions/:unitId/residents';

/** Residents of a unit (服务对象): admission, leave, readings, the symptom path, transfer, death. */
@Controller()
export class ResidentsHttpController {
  constructor(
    private readonly admitResident: AdmitResident,
    private readonly listResidents: ListResidents,
    private readonly readResident: ReadResident,
    private readonly requestLeaveOf: RequestLeave,
    private readonly decideLeaveOf: DecideLeave,
    private readonly departOnLeave: DepartOnLeave,
    private readonly returnFromLeaveOf: ReturnFromLeave,
    private readonly recordTemperature: RecordTemperature,
    private readonly reportSymptomsOf: ReportSymptoms,
    private readonly clearSymptomCase: ClearSymptomCase,
    private readonly recoverInPlaceOf: RecoverInPlace,
    private readonly transferResident: TransferResident,
    private readonly recordDeathOf: RecordDeath,
    private readonly dischargeResident: DischargeResident,
    private readonly unitResidents: UnitResidents,
    private readonly cipher: FieldCipher,
  ) {}

  @Post(BASE)
  @Roles(...UNIT_RECORDERS)
  async admit(@Param('unitId') unitId: string, @Body() body: AdmitResidentRequest, @CurrentPrincipal() by: Principal) {
    return this.view(await this.admitResident.execute(unitId, body, by), by);
  }

  @Get(BASE)
  @Roles(...READERS)
  async list(@Param('unitId') unitId: string, @CurrentPrincipal() by: Principal) {
    const { unit, residents } = await this.listResidents.execute(unitId, by);
    const now = this.unitResidents.now();
    return residents.map((r) => residentView(r, unit, by, this.cipher, now, false));
  }

  @Get(`${BASE}/:residentId`)
  @Roles(...READERS)
  async get(@Param('unitId') unitId: string, @Param('residentId') residentId: string, @CurrentPrincipal() by: Principal) {
    return this.view(await this.readResident.execute(unitId, residentId, by), by);
  }

  @Post(`${BASE}/:residentId/leave-requests`)
  @Roles(...UNIT_RECORDERS)
  async requestLeave(
    @Param('unitId') unitId: string,
    @Param('residentId') residentId: string,
    @Body() body: LeaveRequestRequest,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.view(await this.requestLeaveOf.execute(unitId, residentId, body, by), by);
  }

  @Post(`${BASE}/:residentId/leave-requests/:leaveId/approval`)
  @Roles(...LEAVE_APPROVERS)
  async decideLeave(
    @Param('unitId') unitId: string,
    @Param('residentId') residentId: string,
    @Param('leaveId') leaveId: string,
    @Body() body: LeaveDecisionRequest,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.view(
      await this.decideLeaveOf.execute(unitId, residentId, leaveId, { approve: body.decision === 'approved', note: body.note }, by),
      by,
    );
  }

  @Post(`${BASE}/:residentId/leave-requests/:leaveId/departure`)
  @Roles(...UNIT_RECORDERS)
  async depart(
    @Param('unitId') unitId: string,
    @Param('residentId') residentId: string,
    @Param('leaveId') leaveId: string,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.view(await this.departOnLeave.execute(unitId, residentId, leaveId, by), by);
  }

  @Post(`${BASE}/:residentId/leave-requests/:leaveId/return`)
  @Roles(...UNIT_RECORDERS)
  async returnFromLeave(
    @Param('unitId') unitId: string,
    @Param('residentId') residentId: string,
    @Param('leaveId') leaveId: string,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.view(await this.returnFromLeaveOf.execute(unitId, residentId, leaveId, by), by);
  }

  @Post(`${BASE}/:residentId/temperature-readings`)
  @Roles(...UNIT_RECORDERS)
  async recordReading(
    @Param('unitId') unitId: string,
    @Param('residentId') residentId: string,
    @Body() body: TemperatureReadingRequest,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.view(await this.recordTemperature.execute(unitId, residentId, body, by), by);
  }

  @Post(`${BASE}/:residentId/symptom-reports`)
  @Roles(...UNIT_RECORDERS)
  async reportSymptoms(
    @Param('unitId') unitId: string,
    @Param('residentId') residentId: string,
    @Body() body: SymptomReportRequest,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.view(await this.reportSymptomsOf.execute(unitId, residentId, body, by), by);
  }

  /** The open symptom case turned out not to be one (排除). */
  @Post(`${BASE}/:residentId/symptom-cases/:symptomCaseId/clearance`)
  @Roles(...UNIT_RECORDERS)
  async clear(
    @Param('unitId') unitId: string,
    @Param('residentId') residentId: string,
    @Param('symptomCaseId') caseId: string,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.view(await this.clearSymptomCase.execute(unitId, residentId, caseId, by), by);
  }

  /** Recovered in the unit where the health authority allowed it (the region's setting); ends the episode. */
  @Post(`${BASE}/:residentId/symptom-cases/:symptomCaseId/recovery-in-place`)
  @Roles(...UNIT_RECORDERS)
  async recoverInPlace(
    @Param('unitId') unitId: string,
    @Param('residentId') residentId: string,
    @Param('symptomCaseId') caseId: string,
    @Body() body: RecoveryInPlaceRequest,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.view(await this.recoverInPlaceOf.execute(unitId, residentId, caseId, body, by), by);
  }

  @Post(`${BASE}/:residentId/transfers`)
  @Roles(...UNIT_RECORDERS)
  async transfer(
    @Param('unitId') unitId: string,
    @Param('residentId') residentId: string,
    @Body() body: TransferRequest,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.view(await this.transferResident.execute(unitId, residentId, body, by), by);
  }

  @Post(`${BASE}/:residentId/death`)
  @Roles(...UNIT_RECORDERS)
  async recordDeath(
    @Param('unitId') unitId: string,
    @Param('residentId') residentId: string,
    @Body() body: DeathRequest,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.view(await this.recordDeathOf.execute(unitId, residentId, body, by), by);
  }

  @Post(`${BASE}/:residentId/discharge`)
  @Roles(...UNIT_RECORDERS)
  async discharge(@Param('unitId') unitId: string, @Param('residentId') residentId: string, @CurrentPrincipal() by: Principal) {
    return this.view(await this.dischargeResident.execute(unitId, residentId, by), by);
  }

  private view(result: { unit: Institution; resident: Resident }, by: Principal) {
    return residentView(result.resident, result.unit, by, this.cipher, this.unitResidents.now());
  }
}
