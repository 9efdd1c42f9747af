import { Controller, Get } from '@nestjs/common';
import { SETTINGS } from '../../regional-settings/domain/settings';

/** zh-CN labels of every value a person reads in this service's responses. */
@Controller('labels')
export class LabelsHttpController {
  @Get()
  labels() {
    return {
      locale: 'zh-CN',
      regionalSetting: Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, (v as { label: string }).label])),
    };
  }
}
