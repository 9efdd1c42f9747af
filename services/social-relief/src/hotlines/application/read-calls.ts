import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { CallStatus, Hotline } from '../domain/hotline-call';
import { HotlineCallRepository } from '../infrastructure/hotline-call.repository';
import { HotlineCalls } from './hotline-calls';

/** One call, or the calls of the caller's jurisdiction (newest first), as shown: caller masked, labels. */
@Injectable()
export class ReadCalls {
  constructor(
    private readonly repository: HotlineCallRepository,
    private readonly calls: HotlineCalls,
  ) {}

  async one(callId: string, by: Principal) {
    return this.calls.view(await this.calls.load(callId, by));
  }

  async list(q: { line?: Hotline; status?: CallStatus; limit?: number }, by: Principal) {
    const found = await this.repository.list({ jurisdiction: by.jurisdiction, line: q.line, status: q.status, limit: q.limit ?? 100 });
    return { calls: found.map((c) => this.calls.view(c)) };
  }
}
