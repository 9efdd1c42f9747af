import { INestApplication } from '@nestjs/common';
import { BaseServiceConfig } from '../config/base-service.config';
import { runService } from './service.runner';

class TestConfig extends BaseServiceConfig {
  override PORT = 3999;
}

describe('runService', () => {
  const savedEnv = { ...process.env };
  let exit: jest.SpyInstance;
  let stderr: jest.SpyInstance;

  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('exited');
    }) as never);
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env.LOG_LEVEL = 'fatal'; // keep the start-up lines out of the test output
  });
  afterEach(() => {
    process.env = { ...savedEnv };
    jest.restoreAllMocks();
  });

  it('refuses to start on bad config, listing the variable, and flushes tracing', async () => {
    process.env.PORT = '70000';
    const tracing = { flush: jest.fn().mockResolvedValue(undefined), shutdown: jest.fn().mockResolvedValue(undefined) };
    const createApp = jest.fn();
    await expect(runService('svc', TestConfig, createApp)(tracing)).rejects.toThrow('exited');
    expect(exit).toHaveBeenCalledWith(1);
    expect(createApp).not.toHaveBeenCalled();
    expect(tracing.shutdown).toHaveBeenCalled();
    expect(String(stderr.mock.calls[0][0])).toContain(
      'svc cannot start: Invalid configuration (TestConfig):\n  PORT: must not be greater than 65535 (got "70000")',
    );
  });

  it('builds the app from config and listens on its port', async () => {
    delete process.env.PORT;
    const app = { listen: jest.fn().mockResolvedValue(undefined) } as unknown as INestApplication;
    const createApp = jest.fn().mockResolvedValue(app);
    await runService('svc', TestConfig, createApp)();
    expect(createApp.mock.calls[0][0]).toBeInstanceOf(TestConfig);
    expect(app.listen).toHaveBeenCalledWith(3999, '127.0.0.1');
    expect(exit).not.toHaveBeenCalled();
  });

  it('exits when the app cannot start', async () => {
    delete process.env.PORT;
    const createApp = jest.fn().mockRejectedValue(new Error('mongo unreachable'));
    await expect(runService('svc', TestConfig, createApp)()).rejects.toThrow('exited');
    expect(exit).toHaveBeenCalledWith(1);
  });
});
