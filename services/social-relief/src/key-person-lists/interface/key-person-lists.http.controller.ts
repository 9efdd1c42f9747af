import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, DivisionCodePipe, Principal, Roles } from '@civil/platform';
import { AddEntry } from '../application/add-entry';
import { ClearFlag } from '../application/clear-flag';
import { CloseEntry } from '../application/close-entry';
import { ListEntries } from '../application/list-entries';
import { OverdueVisitSweep } from '../application/overdue-visit-sweep.service';
import { RaiseFlag } from '../application/raise-flag';
import { ReadEntry } from '../application/read-entry';
import { RecordVisit } from '../application/record-visit';
import { UpdateEntry } from '../application/update-entry';
import { VisitFiguresOfTownship } from '../application/visit-figures';
import {
  AddEntryRequest,
  ClearFlagRequest,
  CloseEntryRequest,
  RaiseFlagRequest,
  RecordVisitRequest,
  UpdateEntryRequest,
  VisitFiguresQuery,
} from './key-person-lists.request.dto';

const OFFICERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const READERS = [...OFFICERS, 'inspector'] as const;
const ENTRY = ':townshipCode/entries/:entryId';
/** A township of the administrative division table (or EXTRA_DIVISION_CODES). */
const TOWNSHIP = new DivisionCodePipe('townshipCode', {
  levels: ['township'],
  errorCode: 'InvalidTownshipCode',
  shapeMessage: 'townshipCode must be a 9-digit township (乡镇/街道) code',
});

/** Township key-person lists (重点人群清单): entries, visits (探访关爱), risk flags, the overdue sweep. */
@Controller('key-person-lists')
export class KeyPersonListsHttpController {
  constructor(
    private readonly addEntry: AddEntry,
    private readonly listEntries: ListEntries,
    private readonly readEntry: ReadEntry,
    private readonly updateEntry: UpdateEntry,
    private readonly closeEntry: CloseEntry,
    private readonly recordVisit: RecordVisit,
    private readonly raiseFlag: RaiseFlag,
    private readonly clearFlag: ClearFlag,
    private readonly sweep: OverdueVisitSweep,
    private readonly figures: VisitFiguresOfTownship,
  ) {}

  /** Runs the overdue-visit sweep now (it also runs on a timer); safe to repeat. */
  @Post('overdue-sweeps')
  @HttpCode(200)
  @Roles('admin')
  runSweep() {
    return this.sweep.sweep();
  }

  /** Visits to the township's list in a period (?from=&to=, Beijing days) by cadres, social workers, volunteers and social organisations. */
  @Get(':townshipCode/visit-figures')
  @Roles(...READERS)
  visitFigures(
    @Param('townshipCode', TOWNSHIP) townshipCode: string,
    @Query() query: VisitFiguresQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.figures.execute(townshipCode, query.from, query.to, principal);
  }

  /** Adds a person (registered or found by ID number) to the township's list, or reopens their closed entry. */
  @Post(':townshipCode/entries')
  @Roles(...OFFICERS)
  add(@Param('townshipCode', TOWNSHIP) townshipCode: string, @Body() body: AddEntryRequest, @CurrentPrincipal() principal: Principal) {
    return this.addEntry.execute(townshipCode, body, principal);
  }

  /** The list: ?category=, ?flag=, ?overdue=true|false, ?status=active|closed|all (default active). */
  @Get(':townshipCode/entries')
  @Roles(...READERS)
  list(
    @Param('townshipCode', TOWNSHIP) townshipCode: string,
    @CurrentPrincipal() principal: Principal,
    @Query('category') category?: string,
    @Query('flag') flag?: string,
    @Query('overdue') overdue?: string,
    @Query('status') status?: string,
  ) {
    return this.listEntries.execute(townshipCode, { category, flag, overdue, status }, principal);
  }

  @Get(ENTRY)
  @Roles(...READERS)
  get(@Param('townshipCode', TOWNSHIP) townshipCode: string, @Param('entryId') entryId: string, @CurrentPrincipal() principal: Principal) {
    return this.readEntry.execute(townshipCode, entryId, principal);
  }

  /** Changes categories, guardian, contact or notes. */
  @Patch(ENTRY)
  @Roles(...OFFICERS)
  update(
    @Param('townshipCode', TOWNSHIP) townshipCode: string,
    @Param('entryId') entryId: string,
    @Body() body: UpdateEntryRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.updateEntry.execute(townshipCode, entryId, body, principal);
  }

  /** Takes the person off the list (the entry and its history are kept). */
  @Post(`${ENTRY}/closure`)
  @HttpCode(200)
  @Roles(...OFFICERS)
  close(
    @Param('townshipCode', TOWNSHIP) townshipCode: string,
    @Param('entryId') entryId: string,
    @Body() body: CloseEntryRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.closeEntry.execute(townshipCode, entryId, body.reason, principal);
  }

  /** Records a visit (探访关爱) by the calling cadre. */
  @Post(`${ENTRY}/visits`)
  @Roles(...OFFICERS)
  visit(
    @Param('townshipCode', TOWNSHIP) townshipCode: string,
    @Param('entryId') entryId: string,
    @Body() body: RecordVisitRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.recordVisit.execute(townshipCode, entryId, body, principal);
  }

  /** Raises a risk flag (published as RiskFlagRaised); 409 if it is raised already. no-guardian with a cause on a child opens a care placement. */
  @Post(`${ENTRY}/flags`)
  @Roles(...OFFICERS)
  raise(
    @Param('townshipCode', TOWNSHIP) townshipCode: string,
    @Param('entryId') entryId: string,
    @Body() body: RaiseFlagRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.raiseFlag.execute(townshipCode, entryId, body.flag, body.finding, principal, body.cause);
  }

  /** Clears a raised flag (kept in the flag history). */
  @Delete(`${ENTRY}/flags/:flag`)
  @Roles(...OFFICERS)
  clear(
    @Param('townshipCode', TOWNSHIP) townshipCode: string,
    @Param('entryId') entryId: string,
    @Param('flag') flag: string,
    @Body() body: ClearFlagRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.clearFlag.execute(townshipCode, entryId, flag, body?.reason ?? null, principal);
  }
}
