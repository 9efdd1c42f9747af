import { Module } from '@nestjs/common';
import { LabelsHttpController } from './interface/labels.http.controller';

@Module({ controllers: [LabelsHttpController] })
export class LabelsModule {}
