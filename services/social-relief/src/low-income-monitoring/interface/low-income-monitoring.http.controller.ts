import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { Campaigns } from '../application/campaigns';
import { FileCheck } from '../application/file-check';
import { ImportWarnings } from '../application/import-warnings';
import { ListWarnings } from '../application/list-warnings';
import { ReadWarning } from '../application/read-warning';
import { WarningOverdueSweep } from '../application/warning-overdue-sweep.service';
import { FileCheckRequest, ImportWarningsRequest, ListWarningsQuery, OpenCampaignRequest } from './low-income-monitoring.request.dto';

const COUNTY_UP = ['county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const OFFICERS = ['township-officer', ...COUNTY_UP] as const;
const READERS = [...OFFICERS, 'inspector'] as const;

/** Low-income dynamic monitoring (低收入人口动态监测): warnings from the data comparison, home checks, the overdue sweep. */
@Controller('low-income-warnings')
export class LowIncomeWarningsHttpController {
  constructor(
    private readonly importWarnings: ImportWarnings,
    private readonly listWarnings: ListWarnings,
    private readonly readWarning: ReadWarning,
    private readonly fileCheck: FileCheck,
    private readonly sweep: WarningOverdueSweep,
  ) {}

  /** A batch of the monthly comparison's records (county officers and above); idempotent per source record. */
  @Post('imports')
  @HttpCode(200)
  @Roles(...COUNTY_UP)
  import(@Body() body: ImportWarningsRequest, @CurrentPrincipal() principal: Principal) {
    return this.importWarnings.execute(body.records, principal);
  }

  /** Runs the overdue sweep now (it also runs on a timer); safe to repeat. */
  @Post('overdue-sweeps')
  @HttpCode(200)
  @Roles('admin')
  runSweep() {
    return this.sweep.sweep();
  }

  @Get()
  @Roles(...READERS)
  list(@Query() q: ListWarningsQuery, @CurrentPrincipal() principal: Principal) {
    return this.listWarnings.execute(
      { ...q, overdue: q.overdue === undefined ? undefined : q.overdue === 'true', status: q.status, level: q.level },
      principal,
    );
  }

  @Get(':warningId')
  @Roles(...READERS)
  get(@Param('warningId') warningId: string, @CurrentPrincipal() principal: Principal) {
    return this.readWarning.execute(warningId, principal);
  }

  /** 入户核查 filed by the township (or county) for a warning of its jurisdiction; once per warning. */
  @Post(':warningId/check')
  @HttpCode(200)
  @Roles(...OFFICERS)
  check(@Param('warningId') warningId: string, @Body() body: FileCheckRequest, @CurrentPrincipal() principal: Principal) {
    return this.fileCheck.execute(warningId, body, principal);
  }
}

/** The yearly campaign (每年一次集中排查): a check task per household on a register, with coverage per township. */
@Controller('low-income-campaigns')
export class LowIncomeCampaignsHttpController {
  constructor(private readonly campaigns: Campaigns) {}

  /** Opens a campaign (county officers and above); opening it again answers the one there is. */
  @Post()
  @Roles(...COUNTY_UP)
  open(@Body() body: OpenCampaignRequest, @CurrentPrincipal() principal: Principal) {
    return this.campaigns.open(body, principal);
  }

  /** Makes the check tasks from the campaign's cursor to the end of the register roll; safe to repeat. */
  @Post(':campaignId/runs')
  @HttpCode(200)
  @Roles(...COUNTY_UP)
  run(@Param('campaignId') campaignId: string, @CurrentPrincipal() principal: Principal) {
    return this.campaigns.run(campaignId, principal);
  }

  /** Progress and coverage: tasks checked / due / overdue per township. */
  @Get(':campaignId')
  @Roles(...READERS)
  get(@Param('campaignId') campaignId: string, @CurrentPrincipal() principal: Principal) {
    return this.campaigns.read(campaignId, principal);
  }
}
