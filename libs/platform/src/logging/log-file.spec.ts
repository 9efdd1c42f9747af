import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleJsonLogger } from '@civil/messaging';
import { createLogger } from './context.logger';

describe('LOG_FILE', () => {
  const before = process.env.LOG_FILE;
  afterEach(() => {
    process.env.LOG_FILE = before;
  });

  it("takes every line of the services' and the messaging library's loggers instead of stdout", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-file-')), 'nested', 'service.log');
    process.env.LOG_FILE = file;
    const written = jest.spyOn(process.stdout, 'write');
    try {
      createLogger('log-file-spec', 'relay').error('could not publish', { attempts: 3 });
      createLogger('log-file-spec', 'sweep').warn('behind');
      consoleJsonLogger.error('kafka: Connection error', { broker: '127.0.0.1:1' });
      expect(written).not.toHaveBeenCalled();
    } finally {
      written.mockRestore();
    }
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', service: 'log-file-spec', context: 'relay', msg: 'could not publish', attempts: 3 }),
      expect.objectContaining({ level: 'warn', context: 'sweep', msg: 'behind' }),
      expect.objectContaining({ level: 'error', context: 'messaging', msg: 'kafka: Connection error', broker: '127.0.0.1:1' }),
    ]);
  });
});
