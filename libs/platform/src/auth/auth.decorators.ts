import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal, Role } from './principal.model';

export const IS_PUBLIC_KEY = 'civil:auth:public';
export const ROLES_KEY = 'civil:auth:roles';

/** Where the guard leaves the verified caller on the HTTP request. */
export const PRINCIPAL_REQUEST_KEY = 'principal';

export interface RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
  [PRINCIPAL_REQUEST_KEY]?: Principal;
}

/** Lets a route (health probes, public metadata) be called without a token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Allows the route to callers holding at least one of the roles. Roles are not ranked: list
 * every role that may call, admin included.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<RequestWithPrincipal>()[PRINCIPAL_REQUEST_KEY];
});
