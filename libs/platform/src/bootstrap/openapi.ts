import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from '../idempotency/idempotency-key';

export interface OpenApiOptions {
  title: string;
  description: string;
  version: string;
}

/**
 * The service's OpenAPI document, built from its controllers and request DTOs: the routes come
 * from Nest, the request schemas from the same class-validator rules that check requests, so the
 * document cannot drift from what is enforced.
 */
export function buildOpenApiDocument(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage as never,
  }) as Record<string, object>;
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), ...schemas } };
  declareIdempotencyKey(document);
  return document;
}

/** Every POST takes `Idempotency-Key` (IdempotencyInterceptor); a replayed answer says so. */
function declareIdempotencyKey(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    const post = item.post;
    if (!post) continue;
    post.parameters = [
      ...(post.parameters ?? []),
      {
        name: IDEMPOTENCY_KEY_HEADER,
        in: 'header',
        required: false,
        description:
          'Makes the request safe to retry: the same key with the same request (same caller, route, parameters, query and body) within 24 h returns the first 2xx answer again, with `Idempotent-Replayed: true`, and nothing runs twice; the same key with another request is 422 `IdempotencyKeyReused`; while the first is running, 409 `IdempotentRequestInProgress`. An answer other than 2xx frees the key.',
        schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
      },
    ];
    for (const response of Object.values(post.responses ?? {})) {
      if (!response || '$ref' in response) continue;
      response.headers = {
        ...(response.headers ?? {}),
        [IDEMPOTENT_REPLAYED_HEADER]: {
          description: '`true` when this is the first answer to a request with the same Idempotency-Key, replayed',
          schema: { type: 'string', enum: ['true'] },
        },
      };
    }
  }
}

/** Serves the document at /docs (Swagger UI) and /docs-json; both are public. */
export function serveOpenApi(app: INestApplication, options: OpenApiOptions): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, options), { jsonDocumentUrl: 'docs-json' });
}
