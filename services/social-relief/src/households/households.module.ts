import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { HouseholdRegisters } from './application/household-registers';

@Module({
  imports: [PeopleModule],
  providers: [HouseholdRegisters],
  exports: [HouseholdRegisters],
})
export class HouseholdsModule {}
