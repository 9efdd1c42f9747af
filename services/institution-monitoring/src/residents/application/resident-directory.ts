import { Injectable } from '@nestjs/common';

/** What other capabilities (visits) may know of a resident: no name, no ID number. */
export interface ResidentSummary {
  residentId: string;
  unitId: string;
  /** e.g. 'in-residence', 'isolated', 'on-leave', 'transferred', 'discharged', 'deceased'. */
  status: string;
}

/** How other capabilities of this service look a resident up. */
@Injectable()
export class ResidentDirectory {
  async find(_unitId: string, _residentId: string): Promise<ResidentSummary | undefined> {
    throw new Error('ResidentDirectory.find is not implemented yet');
  }
}
