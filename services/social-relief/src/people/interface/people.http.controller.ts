import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { assertCovers, CurrentPrincipal, InjectClock, Principal, Roles } from '@civil/platform';
import { PersonRegistry } from '../application/person-registry';
import { personView } from '../application/person-view';
import { FindPersonRequest, RegisterPersonRequest } from './people.request.dto';

const OFFICERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;

@Controller('people')
export class PeopleHttpController {
  constructor(
    private readonly registry: PersonRegistry,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Registers a person, or returns the one already holding this ID number (`created: false`). */
  @Post()
  @Roles(...OFFICERS)
  async register(@Body() body: RegisterPersonRequest, @CurrentPrincipal() principal: Principal) {
    assertCovers(principal, body.divisionCode);
    const { person, created } = await this.registry.register(body);
    // someone registered before elsewhere: say so, but show nothing of them outside the caller's reach
    if (!created) assertCovers(principal, person.divisionCode);
    return { created, person: personView(person, shanghaiDate(this.clock.now())) };
  }

  @Post('lookups')
  @HttpCode(200)
  @Roles(...OFFICERS)
  async find(@Body() body: FindPersonRequest, @CurrentPrincipal() principal: Principal) {
    const person = await this.registry.findByIdNumber(body.idNumber);
    if (!person) throw DomainError.notFound('PersonNotFound', 'no person with this ID number');
    assertCovers(principal, person.divisionCode);
    return personView(person, shanghaiDate(this.clock.now()));
  }

  @Get(':personId')
  @Roles(...OFFICERS, 'inspector')
  async get(@Param('personId') personId: string, @CurrentPrincipal() principal: Principal) {
    const person = await this.registry.mustGet(personId);
    assertCovers(principal, person.divisionCode);
    return personView(person, shanghaiDate(this.clock.now()));
  }
}
