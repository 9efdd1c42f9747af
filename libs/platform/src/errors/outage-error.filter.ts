import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { classifyFailure } from '@civil/messaging';

/**
 * The database or broker cannot be reached: the request was not accepted, nothing was written,
 * and the caller should try again. 503 with Retry-After says exactly that, instead of a bare 500.
 * Everything else goes on to Nest's own handling.
 */
/**
 * A server that could not be reached saved nothing. One that stopped answering mid-request may
 * have saved it: the caller is told so, and to read back before retrying a create whose id the
 * server assigns (an Idempotency-Key is freed by a 5xx answer).
 */
export function outageBody(error: unknown): { statusCode: 503; error: 'ServiceUnavailable'; message: string } {
  const name = (error as { name?: string })?.name ?? '';
  const timedOut = name === 'MongoNetworkTimeoutError' || name === 'KafkaJSRequestTimeoutError';
  return {
    statusCode: 503,
    error: 'ServiceUnavailable',
    message: timedOut
      ? 'The database did not answer in time; the request may or may not have been saved. Read it back before retrying a create whose id the server assigns; a create with an id of your own is kept once however often it is sent. (数据库未及时响应，请求可能已保存，请先查询再重试)'
      : 'The database or message broker is unreachable; nothing was saved. Try again shortly. (服务暂不可用，请稍后重试)',
  };
}

@Catch()
export class OutageErrorFilter extends BaseExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('OutageErrorFilter');

  override catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() === 'http' && !(error instanceof HttpException) && classifyFailure(error) === 'transient') {
      this.log.error(`request refused during an outage: ${(error as Error)?.message}`);
      host.switchToHttp().getResponse().status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', '5').json(outageBody(error));
      return;
    }
    super.catch(error, host);
  }
}
