import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Public, Roles } from '@civil/platform';
import { AllocateDonation } from '../application/allocate-donation';
import { ConfirmDelivery } from '../application/confirm-delivery';
import { DiscloseDonations } from '../application/disclose-donations';
import { ListDonations } from '../application/list-donations';
import { ReceiveDonation } from '../application/receive-donation';
import { AllocateDonationRequest, DisclosureQuery, ListDonationsQuery, ReceiveDonationRequest } from './donations.request.dto';

const OFFICERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const READERS = [...OFFICERS, 'inspector'] as const;

/** Donations (社会捐赠) received, allocated to units or households in parts, and delivered. */
@Controller('donations')
export class DonationsHttpController {
  constructor(
    private readonly receive: ReceiveDonation,
    private readonly list: ListDonations,
    private readonly allocateDonation: AllocateDonation,
    private readonly confirmDelivery: ConfirmDelivery,
  ) {}

  /** Records a donation received → DonationReceived. */
  @Post()
  @Roles(...OFFICERS)
  create(@Body() body: ReceiveDonationRequest, @CurrentPrincipal() principal: Principal) {
    return this.receive.execute(body, principal);
  }

  /** Donations received inside a division of the caller's (?divisionCode=, default the jurisdiction; ?status=). */
  @Get()
  @Roles(...READERS)
  index(@Query() query: ListDonationsQuery, @CurrentPrincipal() principal: Principal) {
    return this.list.execute(query, principal);
  }

  @Get(':donationId')
  @Roles(...READERS)
  get(@Param('donationId') donationId: string, @CurrentPrincipal() principal: Principal) {
    return this.list.one(donationId, principal);
  }

  /** Allocates part or the rest to a unit or household → DonationAllocated; 409 beyond what is left. */
  @Post(':donationId/allocations')
  @Roles(...OFFICERS)
  allocate(@Param('donationId') donationId: string, @Body() body: AllocateDonationRequest, @CurrentPrincipal() principal: Principal) {
    return this.allocateDonation.execute(donationId, body, principal);
  }

  /** Confirms an allocation delivered (签收) → DonationDelivered once; confirming again changes nothing. */
  @Post(':donationId/allocations/:allocationId/delivery')
  @HttpCode(200)
  @Roles(...OFFICERS)
  deliver(@Param('donationId') donationId: string, @Param('allocationId') allocationId: string, @CurrentPrincipal() principal: Principal) {
    return this.confirmDelivery.execute(donationId, allocationId, principal);
  }
}

/** The public disclosure (公示) of donations: open to anyone, aggregate figures only. */
@Controller('donation-disclosures')
export class DonationDisclosuresHttpController {
  constructor(private readonly disclose: DiscloseDonations) {}

  /** ?divisionCode=&from=&to= (Beijing days): received, allocated, delivered; to units by type; households counted ("<N" when few). */
  @Get()
  @Public()
  get(@Query() query: DisclosureQuery) {
    return this.disclose.execute(query.divisionCode, query.from, query.to);
  }
}
