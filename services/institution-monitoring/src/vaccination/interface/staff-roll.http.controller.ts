import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { CurrentPrincipal, FieldCipher, Principal, Roles } from '@civil/platform';
import { AddStaffMember } from '../application/add-staff-member';
import { RecordResidentVaccination } from '../application/record-resident-vaccination';
import { RecordStaffVaccination } from '../application/record-staff-vaccination';
import { RefreshCoverageDaily } from '../application/refresh-coverage-daily';
import { StaffClearanceSweepService } from '../application/staff-clearance-sweep.service';
import { ReadStaffRoll, staffRollView } from '../application/staff-roll-view';
import { RollTarget } from '../application/staff-roll-target';
import { AddStaffMemberRequest, ResidentVaccinationRequest, StaffVaccinationRequest } from './vaccination.request.dto';

const UNIT_WRITERS = ['unit-staff', 'township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const UNIT_READERS = [...UNIT_WRITERS, 'inspector', 'discipline-officer'] as const;
/** A civil-affairs office keeps its own departments' rolls. */
const OFFICE_WRITERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const OFFICE_READERS = [...OFFICE_WRITERS, 'inspector', 'discipline-officer'] as const;

const UNIT_ROLL = 'institutions/:unitId/staff-roll';
const OFFICE_ROLL = 'civil-affairs-offices/:divisionCode/departments/:department/staff-roll';

/**
 * Who counts for the floor and for 清零: residents' vaccination status, and the staff rolls
 * (登记造册) of units and of civil-affairs office departments.
 */
@Controller()
export class StaffRollHttpController {
  constructor(
    private readonly addMember: AddStaffMember,
    private readonly recordStaff: RecordStaffVaccination,
    private readonly readRoll: ReadStaffRoll,
    private readonly recordResident: RecordResidentVaccination,
    private readonly clearance: StaffClearanceSweepService,
    private readonly refreshDaily: RefreshCoverageDaily,
    private readonly cipher: FieldCipher,
  ) {}

  /** Runs the daily coverage refresh and the 清零 sweep now (they also run on a timer); safe to call at any time. */
  @Post('staff-rolls/clearance-sweeps')
  @Roles('admin')
  async sweep() {
    return { ...(await this.refreshDaily.run()), ...(await this.clearance.sweep()) };
  }

  @Put('institutions/:unitId/residents/:residentId/vaccination')
  @Roles(...UNIT_WRITERS)
  resident(
    @Param('unitId') unitId: string,
    @Param('residentId') residentId: string,
    @Body() body: ResidentVaccinationRequest,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.recordResident.execute(unitId, residentId, body.status, by);
  }

  @Post(`${UNIT_ROLL}/members`)
  @Roles(...UNIT_WRITERS)
  addToUnit(@Param('unitId') unitId: string, @Body() body: AddStaffMemberRequest, @CurrentPrincipal() by: Principal) {
    return this.add({ unitId }, body, by);
  }

  @Put(`${UNIT_ROLL}/members/:staffId`)
  @Roles(...UNIT_WRITERS)
  setInUnit(
    @Param('unitId') unitId: string,
    @Param('staffId') staffId: string,
    @Body() body: StaffVaccinationRequest,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.set({ unitId }, staffId, body, by);
  }

  @Get(UNIT_ROLL)
  @Roles(...UNIT_READERS)
  unitRoll(@Param('unitId') unitId: string, @CurrentPrincipal() by: Principal) {
    return this.readRoll.execute({ unitId }, by);
  }

  @Post(`${OFFICE_ROLL}/members`)
  @Roles(...OFFICE_WRITERS)
  addToOffice(
    @Param('divisionCode') divisionCode: string,
    @Param('department') department: string,
    @Body() body: AddStaffMemberRequest,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.add({ divisionCode, department }, body, by);
  }

  @Put(`${OFFICE_ROLL}/members/:staffId`)
  @Roles(...OFFICE_WRITERS)
  setInOffice(
    @Param('divisionCode') divisionCode: string,
    @Param('department') department: string,
    @Param('staffId') staffId: string,
    @Body() body: StaffVaccinationRequest,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.set({ divisionCode, department }, staffId, body, by);
  }

  @Get(OFFICE_ROLL)
  @Roles(...OFFICE_READERS)
  officeRoll(@Param('divisionCode') divisionCode: string, @Param('department') department: string, @CurrentPrincipal() by: Principal) {
    return this.readRoll.execute({ divisionCode, department }, by);
  }

  private async add(target: RollTarget, body: AddStaffMemberRequest, by: Principal) {
    const { roll, staffId } = await this.addMember.execute(target, body, by);
    return { staffId, roll: staffRollView(roll.rollId, roll, by, this.cipher) };
  }

  private async set(target: RollTarget, staffId: string, body: StaffVaccinationRequest, by: Principal) {
    const roll = await this.recordStaff.execute(target, staffId, body.vaccinationStatus, by);
    return staffRollView(roll.rollId, roll, by, this.cipher);
  }
}
