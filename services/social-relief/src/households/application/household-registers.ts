import { Injectable } from '@nestjs/common';
import type { ApplicationKind, HouseholdCategory } from '@civil/contracts';

/** What applications may know of a household. */
export interface HouseholdSummary {
  householdId: string;
  divisionCode: string;
  /** Member person ids (see PersonRegistry). */
  memberIds: string[];
  /** The category its latest assessment gave, or null if never assessed. */
  assessedCategory: HouseholdCategory | null;
  /** The category it is enrolled in (on the register), or null. */
  enrolledCategory: HouseholdCategory | null;
}

/**
 * The households capability's port for applications: find a household, and enrol it on a register
 * when an application for that kind is approved (认定). Implemented by the households capability.
 */
@Injectable()
export class HouseholdRegisters {
  async find(_householdId: string): Promise<HouseholdSummary | undefined> {
    throw new Error('HouseholdRegisters.find is not implemented yet');
  }

  /**
   * Enrols the household (every member) on the register of an approved application of kind
   * dibao / near-dibao / expenditure-poverty, from the decision's day; idempotent per application.
   */
  async enrolFromApplication(_householdId: string, _kind: ApplicationKind, _applicationId: string, _at: Date): Promise<void> {
    throw new Error('HouseholdRegisters.enrolFromApplication is not implemented yet');
  }
}
