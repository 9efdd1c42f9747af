import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { classifyFailure } from '@civil/messaging';

/**
 * The database or broker cannot be reached: the request was not accepted, nothing was written,
 * and the caller should try again. 503 with Retry-After says exactly that, instead of a bare 500.
 * Everything else goes on to Nest's own handling.
 */
@Catch()
export class OutageErrorFilter extends BaseExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('OutageErrorFilter');

  override catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() === 'http' && !(error instanceof HttpException) && classifyFailure(error) === 'transient') {
      this.log.error(`request refused during an outage: ${(error as Error)?.message}`);
      host
        .switchToHttp()
        .getResponse()
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .setHeader('Retry-After', '5')
        .json({ statusCode: 503, error: 'ServiceUnavailable', message: 'The database or message broker is unreachable; nothing was saved. Try again shortly. (服务暂不可用，请稍后重试)' });
      return;
    }
    super.catch(error, host);
  }
}
