import { Module } from '@nestjs/common';
import { HomeDirectory } from './application/home-directory';
import { FuneralHomeRepository } from './infrastructure/funeral-home.repository';
import { FuneralHomesHttpController } from './interface/funeral-homes.http.controller';

/** Funeral homes and their equipment; other capabilities use HomeDirectory. */
@Module({
  controllers: [FuneralHomesHttpController],
  providers: [FuneralHomeRepository, HomeDirectory],
  exports: [HomeDirectory],
})
export class HomesModule {}
