import { Injectable } from '@nestjs/common';
import { assertFoundWithin, Principal } from '@civil/platform';
import { Application } from '../domain/application';
import { ApplicationRepository } from '../infrastructure/application.repository';
import { applicationNotFound } from './application-changes';

/** An application within the caller's reach (404 otherwise). */
@Injectable()
export class ReadApplication {
  constructor(private readonly repository: ApplicationRepository) {}

  async execute(applicationId: string, by: Principal): Promise<Application> {
    const found = await this.repository.get(applicationId);
    if (!found) throw applicationNotFound(applicationId);
    assertFoundWithin(by, () => applicationNotFound(applicationId), found.value.divisionCode);
    return found.value;
  }
}
