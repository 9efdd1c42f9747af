import { Module } from '@nestjs/common';
import { ReliefStatusCopyService } from './application/relief-status-copy.service';
import { ReliefStatusRepository } from './infrastructure/relief-status.repository';
import { ReliefStatusMessageController } from './interface/relief-status.message.controller';

/** This service's copy of relief status (by person key), for the fee waiver. */
@Module({
  controllers: [ReliefStatusMessageController],
  providers: [ReliefStatusRepository, ReliefStatusCopyService],
  exports: [ReliefStatusCopyService],
})
export class ReliefStatusCopyModule {}
