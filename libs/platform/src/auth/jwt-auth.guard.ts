import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY, PRINCIPAL_REQUEST_KEY, RequestWithPrincipal, ROLES_KEY } from './auth.decorators';
import { JwtVerifier } from './jwt.verifier';
import { InvalidTokenError } from './principal-claims.parser';
import { Role } from './principal.model';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Authenticates every HTTP route (401) and checks `@Roles` (403). Jurisdiction is checked later,
 * against the resource, by `assertCovers`, because only the handler knows the resource.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly verifier: JwtVerifier,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    // Kafka handlers in a hybrid app also pass global guards; events carry no bearer token and
    // are trusted by the broker's ACLs instead.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<RequestWithPrincipal>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) throw this.unauthorized(http.getResponse(), 'Missing bearer token (Authorization: Bearer <jwt>)');

    try {
      request[PRINCIPAL_REQUEST_KEY] = this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw this.unauthorized(http.getResponse(), error.message);
      throw error;
    }

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const held = request[PRINCIPAL_REQUEST_KEY]!.roles;
    if (required?.length && !required.some((r) => held.includes(r))) {
      throw new ForbiddenException(`Requires one of the roles: ${required.join(', ')}`);
    }
    return true;
  }

  /** RFC 6750 asks for the challenge header, so clients know to (re)authenticate. */
  private unauthorized(response: { setHeader?: (n: string, v: string) => void }, message: string): UnauthorizedException {
    response.setHeader?.('WWW-Authenticate', 'Bearer realm="civil-affairs"');
    return new UnauthorizedException(message);
  }
}
