import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, IsDivisionCode, Principal, Roles } from '@civil/platform';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Volunteers } from '../application/volunteers';
import { VOLUNTEER_KINDS, VolunteerKind } from '../domain/volunteer';

const OFFICERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const KIND_MESSAGE = `kind must be one of: ${VOLUNTEER_KINDS.join(', ')}`;

export class RegisterVolunteerRequest {
  @IsIn(VOLUNTEER_KINDS as unknown as string[], { message: KIND_MESSAGE })
  kind: VolunteerKind;

  /** The person's or the organisation's name: kept encrypted, shown masked. */
  @IsString()
  @Length(1, 100, { message: 'name must be 1–100 characters' })
  name: string;

  @IsDivisionCode({ levels: ['county', 'township', 'village'] })
  divisionCode: string;

  /** The organisation served with (社工站, 志愿服务队), if any. */
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'organisation must be 1–100 characters' })
  organisation?: string;
}

export class ListVolunteersQuery {
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @IsOptional()
  @IsIn(VOLUNTEER_KINDS as unknown as string[], { message: KIND_MESSAGE })
  kind?: VolunteerKind;
}

/** Social organisations, social workers (社工) and volunteers (志愿者) registered per division. */
@Controller('volunteers')
export class VolunteersHttpController {
  constructor(private readonly volunteers: Volunteers) {}

  @Post()
  @Roles(...OFFICERS)
  register(@Body() body: RegisterVolunteerRequest, @CurrentPrincipal() principal: Principal) {
    return this.volunteers.register(body, principal);
  }

  @Get()
  @Roles(...OFFICERS, 'inspector')
  list(@Query() query: ListVolunteersQuery, @CurrentPrincipal() principal: Principal) {
    return this.volunteers.list(query, principal);
  }

  @Get(':volunteerId')
  @Roles(...OFFICERS, 'inspector')
  get(@Param('volunteerId') volunteerId: string, @CurrentPrincipal() principal: Principal) {
    return this.volunteers.one(volunteerId, principal);
  }
}
