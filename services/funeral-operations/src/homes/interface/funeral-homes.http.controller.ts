import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { CurrentPrincipal, isUnitScoped, Principal, Roles } from '@civil/platform';
import { HomeDirectory } from '../application/home-directory';
import { homeView } from '../domain/funeral-home';
import {
  AddEquipmentRequest,
  AddStaffRequest,
  ExtendHoursRequest,
  RegisterFuneralHomeRequest,
  UpdateFuneralHomeRequest,
} from './funeral-homes.request.dto';

const MANAGERS = ['unit-staff', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;

@Controller('funeral-homes')
export class FuneralHomesHttpController {
  constructor(private readonly homes: HomeDirectory) {}

  @Post()
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin')
  async register(@Body() body: RegisterFuneralHomeRequest, @CurrentPrincipal() principal: Principal) {
    return homeView(await this.homes.register(body, principal));
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal) {
    if (isUnitScoped(principal) && principal.unitId) return [homeView(await this.homes.homeFor(principal.unitId, principal))];
    return (await this.homes.inRegion(principal.jurisdiction)).map(homeView);
  }

  @Get(':homeId')
  async get(@Param('homeId') homeId: string, @CurrentPrincipal() principal: Principal) {
    return homeView(await this.homes.homeFor(homeId, principal));
  }

  @Patch(':homeId')
  @Roles(...MANAGERS)
  async update(@Param('homeId') homeId: string, @Body() body: UpdateFuneralHomeRequest, @CurrentPrincipal() principal: Principal) {
    return homeView(await this.homes.updateCapacity(homeId, body, principal));
  }

  @Post(':homeId/equipment')
  @Roles(...MANAGERS)
  async addEquipment(@Param('homeId') homeId: string, @Body() body: AddEquipmentRequest, @CurrentPrincipal() principal: Principal) {
    return homeView(await this.homes.addEquipment(homeId, { ...body, hours: body.hours ?? null }, principal));
  }

  @Post(':homeId/staff')
  @Roles(...MANAGERS)
  async addStaff(@Param('homeId') homeId: string, @Body() body: AddStaffRequest, @CurrentPrincipal() principal: Principal) {
    return homeView(await this.homes.addStaff(homeId, body, principal));
  }

  /** 延长火化时间: an order widening cremation hours (county task force or the home's manager). */
  @Post(':homeId/hours-extensions')
  @Roles(...MANAGERS)
  async extendHours(@Param('homeId') homeId: string, @Body() body: ExtendHoursRequest, @CurrentPrincipal() principal: Principal) {
    return homeView(await this.homes.extendHours(homeId, { ...body, crematorIds: body.crematorIds ?? [] }, principal));
  }
}
