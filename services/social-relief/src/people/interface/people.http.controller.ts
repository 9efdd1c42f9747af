import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Clock, shanghaiDate } from '@civil/kernel';
import { assertCovers, assertFoundWithin, CurrentPrincipal, InjectClock, Principal, reaches, Roles } from '@civil/platform';
import { noPersonWithIdNumber, personNotFound, PersonRegistry, registeredElsewhere } from '../application/person-registry';
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
    // someone registered before elsewhere: refuse, naming neither the person nor where they are
    if (!created && !reaches(principal, person.divisionCode)) throw registeredElsewhere();
    return { created, person: personView(person, shanghaiDate(this.clock.now())) };
  }

  /**
   * The person holding an ID number, inside the caller's jurisdiction. A number on file elsewhere
   * is answered as an unknown one (the same 404, after the same reads), so the answer never tells
   * that it is on file, nor where.
   */
  @Post('lookups')
  @HttpCode(200)
  @Roles(...OFFICERS)
  async find(@Body() body: FindPersonRequest, @CurrentPrincipal() principal: Principal) {
    const person = await this.registry.findByIdNumber(body.idNumber);
    if (!person) throw noPersonWithIdNumber();
    assertFoundWithin(principal, noPersonWithIdNumber, person.divisionCode);
    return personView(person, shanghaiDate(this.clock.now()));
  }

  @Get(':personId')
  @Roles(...OFFICERS, 'inspector')
  async get(@Param('personId') personId: string, @CurrentPrincipal() principal: Principal) {
    const person = await this.registry.mustGet(personId);
    assertFoundWithin(principal, () => personNotFound(personId), person.divisionCode);
    return personView(person, shanghaiDate(this.clock.now()));
  }
}
