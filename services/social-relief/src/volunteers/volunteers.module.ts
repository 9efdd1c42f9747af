import { Module } from '@nestjs/common';
import { Volunteers } from './application/volunteers';
import { VolunteerRepository } from './infrastructure/volunteer.repository';
import { VolunteersHttpController } from './interface/volunteers.http.controller';

/** Social organisations, social workers and volunteers, assigned to key-person visits. */
@Module({
  controllers: [VolunteersHttpController],
  providers: [VolunteerRepository, Volunteers],
  exports: [VolunteerRepository],
})
export class VolunteersModule {}
